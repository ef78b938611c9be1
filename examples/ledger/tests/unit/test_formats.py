import datetime as dt

import pytest

from ledger.formats import format_amount, format_date, pad_columns


@pytest.mark.parametrize(
    "amount, expected",
    [("1,234.5", "€1,234.50"), ("(12)", "-€12.00")],
    indirect=["amount"],
)
def test_format_amount(amount, expected):
    assert format_amount(amount) == expected


@pytest.mark.parametrize("amount", ["7.5"], indirect=True)
def test_format_amount_other_currencies(amount):
    assert format_amount(amount, "USD") == "$7.50"
    assert format_amount(amount, "CHF") == "CHF 7.50"


def test_format_date():
    assert format_date(dt.date(2024, 3, 5)) == "05 Mar 2024"


def test_pad_columns():
    assert pad_columns(["Cash", "€1.00"], [8, 8]) == "Cash       €1.00"
