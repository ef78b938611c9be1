from decimal import Decimal

import pytest

from helpers import money
from shop import pricing
from shop.pricing import SUPPORTED_CURRENCIES, TAX_RATE, bulk_price, convert, gross, round_money, tax_part


def test_tax_rate_is_standard_vat():
    assert TAX_RATE == Decimal("0.20")


def test_gross_uses_default_rate():
    assert gross("10.00") == money("12.00")


def test_gross_with_explicit_rate():
    assert gross("10.00", rate=Decimal("0.081")) == money("10.81")


def test_tax_part():
    assert tax_part("19.99") == money("4.00")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1.005", "1.01"),
        (2.675, "2.68"),
        pytest.param("0.004", "0.00", id="rounds down [below half]"),
        pytest.param(-1.5, "-1.50", id="negative amount"),
    ],
)
def test_round_money(raw, expected):
    assert round_money(raw) == money(expected)


@pytest.mark.parametrize(("quantity", "expected"), [(1, "4.00"), (9, "36.00"), (10, "38.00"), (20, "76.00")])
def test_bulk_price(quantity, expected):
    assert bulk_price("4.00", quantity) == money(expected)


def test_bulk_price_rejects_negative_quantity():
    with pytest.raises(ValueError, match="negative"):
        bulk_price("4.00", -1)


@pytest.mark.parametrize("currency", SUPPORTED_CURRENCIES)
def test_convert_round_trip(currency):
    converted = convert("100.00", currency)
    back = round_money(converted / pricing.EXCHANGE_RATES[currency])
    assert abs(back - money("100.00")) <= money("0.01")


def test_convert_rejects_unknown_currency():
    with pytest.raises(ValueError, match="unsupported currency"):
        convert("1", "XYZ")


def test_price_with_tax_legacy_callers():
    assert pricing.price_with_tax("5.00") == money("6.00")


def test_price_with_tax_is_deprecated():
    with pytest.deprecated_call():
        pricing.price_with_tax("1")
