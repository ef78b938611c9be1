from decimal import Decimal

import pytest

from helpers import money
from shop import discounts


def test_registry_lists_every_code():
    assert discounts.available() == ["blackfriday", "fiver", "welcome10"]


@pytest.mark.parametrize("code", discounts.available())
def test_no_discount_exceeds_the_subtotal(code):
    assert Decimal("0") <= discounts.discount_for(code, money("3.00")) <= money("3.00")


def test_black_friday():
    assert discounts.discount_for("blackfriday", money("100.00")) == money("30.00")


@pytest.mark.parametrize(("subtotal", "expected"), [("19.99", "0.00"), ("20.00", "2.00"), ("55.55", "5.56")])
def test_welcome_needs_twenty_euros(subtotal, expected):
    assert discounts.discount_for("WELCOME10", money(subtotal)) == money(expected)


def test_unknown_code():
    with pytest.raises(discounts.UnknownDiscount):
        discounts.discount_for("free-lunch", money("10"))


def test_describe():
    assert discounts.describe("blackfriday", money("100.00")) == "BLACKFRIDAY -€30.00 (30%)"


def test_registering_a_name_twice_fails():
    with pytest.raises(ValueError, match="twice"):
        discounts.register("Fiver")(lambda subtotal: subtotal)
