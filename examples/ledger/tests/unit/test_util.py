from decimal import Decimal

import pytest

from ledger import util


@pytest.mark.parametrize(
    "text, expected",
    [("1,234.50", "1234.50"), ("(12.00)", "-12.00"), ("0.125", "0.12"), ("0.135", "0.14")],
)
def test_parse_amount(text, expected):
    assert util.parse_amount(text) == Decimal(expected)


def test_parse_amount_rejects_blank():
    with pytest.raises(ValueError):
        util.parse_amount("  ")


def test_allocate_adds_up():
    parts = util.allocate("100.00", 3)
    assert parts == [Decimal("33.34"), Decimal("33.33"), Decimal("33.33")]
    assert sum(parts) == Decimal("100.00")


def test_zero_has_cents():
    assert str(util.ZERO) == "0.00"
