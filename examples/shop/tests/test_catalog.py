from decimal import Decimal

import pytest

from helpers import money
from shop import catalog


def test_discontinued_products_are_not_loaded():
    products = catalog.load_products()
    assert len(products) == 9
    assert "KT-199" not in products


def test_get_product():
    product = catalog.get_product("CF-010")
    assert product.name == "Espresso Beans 1kg"
    assert product.net_price == money("18.75")
    assert product.tags == ("coffee", "beans")


def test_get_unknown_product():
    with pytest.raises(LookupError, match="NOPE"):
        catalog.get_product("NOPE")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("kettle", ["KT-100"]),
        ("  BEANS ", ["CF-010", "CF-011"]),
        ("programming", ["BK-001", "BK-002"]),
    ],
)
def test_search(term, expected):
    assert catalog.search(term) == expected


def test_regions_are_loaded_at_import():
    assert sorted(catalog.REGIONS) == ["CH", "EU", "UK", "US"]
    assert catalog.REGIONS["CH"].tax_rate == Decimal("0.081")


@pytest.mark.parametrize(("region", "fee"), [("EU", "4.90"), ("UK", "7.50"), ("US", "15.00")])
def test_shipping_cost(region, fee):
    assert catalog.shipping_cost(region) == money(fee)


def test_regional_price():
    assert catalog.regional_price("BK-003", "CH") == money("25.94")
    assert catalog.regional_price("BK-003", "US") == money("24.00")


def test_index_has_every_category(catalog_index):
    assert sorted(catalog_index) == ["books", "coffee", "kitchen"]


def test_index_lists_cheapest_first(catalog_index):
    coffee = [product.sku for product in catalog_index["coffee"]]
    assert coffee == ["CF-012", "CF-011", "CF-010"]
