from decimal import Decimal

import pytest

from shop.formatting import CURRENCY_SYMBOLS, format_money, format_percent, plural, receipt_line, slugify
from shop.pricing import SUPPORTED_CURRENCIES


@pytest.mark.parametrize(
    ("amount", "currency", "expected"),
    [
        (Decimal("3.5"), "EUR", "€3.50"),
        (1234567, "USD", "$1,234,567.00"),
        pytest.param(Decimal("-3.5"), "GBP", "-£3.50", id="two words [x]"),
        pytest.param("0.005", "EUR", "€0.01", id="half cent [rounds up]"),
    ],
)
def test_format_money(amount, currency, expected):
    assert format_money(amount, currency) == expected


@pytest.mark.parametrize("currency", SUPPORTED_CURRENCIES)
def test_every_supported_currency_has_a_symbol(currency):
    assert format_money(1, currency) == f"{CURRENCY_SYMBOLS[currency]}1.00"


def test_format_percent():
    assert format_percent(Decimal("0.25")) == "25%"
    assert format_percent("0.125", places=1) == "12.5%"


@pytest.mark.parametrize(
    ("name", "slug"),
    [("Pour-Over Kettle", "pour-over-kettle"), ("  Espresso Beans 1kg ", "espresso-beans-1kg"), ("Café & Co.", "caf-co")],
)
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_receipt_line_is_fixed_width():
    line = receipt_line("2 x BK-001", Decimal("79.80"))
    assert line == "2 x BK-001                €79.80"
    assert len(line) == 32


def test_receipt_line_truncates_long_labels():
    line = receipt_line("a very long label that does not fit at all", Decimal("1"), width=20)
    assert line.endswith(" €1.00")
    assert "…" in line
    assert len(line) == 20


def test_plural():
    assert plural(1, "item") == "1 item"
    assert plural(3, "item") == "3 items"
