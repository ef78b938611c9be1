from decimal import Decimal

import pytest

from helpers import make_cart, money, skus
from shop.cart import Cart, CartFull, LineItem
from shop.pricing import TAX_RATE


class TestCart:
    def test_new_cart_is_empty(self):
        cart = Cart()
        assert cart.lines == []
        assert cart.subtotal == Decimal("0.00")
        assert cart.currency == "EUR"

    def test_fixture_cart(self, cart):
        assert cart.item_count == 3
        assert cart.subtotal == money("98.55")

    def test_adding_twice_merges_lines(self, cart):
        cart.add("BK-001")
        assert [(line.sku, line.quantity) for line in cart.lines] == [("BK-001", 3), ("CF-010", 1)]

    def test_quantity_must_be_positive(self):
        with pytest.raises(ValueError, match="positive"):
            Cart().add("BK-001", 0)

    def test_max_quantity_per_line(self):
        cart = make_cart(("CF-011", 20))
        with pytest.raises(ValueError, match="at most 20"):
            cart.add("CF-011")

    def test_max_lines(self):
        cart = make_cart(*[(sku, 1) for sku in ["BK-001", "BK-002", "BK-003", "CF-010", "CF-011", "CF-012", "KT-100", "KT-101"]])
        with pytest.raises(CartFull):
            cart.add("KT-102")

    def test_remove(self, cart):
        cart.remove("BK-001")
        assert skus(cart) == ["CF-010"]

    def test_tax_and_total(self, cart):
        assert cart.tax == money("19.71")
        assert cart.total == money("118.26")

    def test_tax_follows_the_standard_rate(self):
        cart = make_cart(("BK-003", 1))
        assert cart.tax == (money("24.00") * TAX_RATE).quantize(Decimal("0.01"))


def test_discount_lowers_tax_and_total(cart):
    cart.apply_discount("BlackFriday")
    assert cart.discount == money("29.57")
    assert cart.tax == money("13.80")
    assert cart.total == money("82.78")


def test_unknown_discount_is_rejected_early(cart):
    with pytest.raises(LookupError):
        cart.apply_discount("nope")


def test_receipt(cart):
    cart.apply_discount("fiver")
    assert cart.receipt() == [
        "2 x BK-001                €79.80",
        "1 x CF-010                €18.75",
        "discount fiver            -€5.00",
        "tax                       €18.71",
        "total (3 items)          €112.26",
    ]


def test_line_items_are_immutable():
    line = LineItem("BK-001", 1, money("1.00"))
    with pytest.raises(AttributeError):
        line.quantity = 2


def test_cheapest_of_each_category(catalog_index):
    cart = make_cart(*[(products[0].sku, 1) for products in catalog_index.values()])
    assert skus(cart) == ["BK-003", "CF-012", "KT-102"]
    assert cart.subtotal == money("52.50")
