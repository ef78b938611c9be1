from decimal import Decimal

import pytest

from ledger.accounts import AssetAccount, ExpenseAccount
from ledger.chart import UnknownAccount


def test_describe_uses_code_and_name():
    assert AssetAccount("1000", "Cash").describe() == "1000 Cash"


def test_expense_describe_marks_non_deductible():
    assert ExpenseAccount("6100", "Meals", deductible=False).describe() == "6100 Meals [non-deductible]"
    assert ExpenseAccount("6000", "Rent").describe() == "6000 Rent"


@pytest.mark.parametrize(
    "account, raw, expected",
    [("1100", "50", "50"), ("4000", "-50", "50"), ("1590", "-200", "200"), ("6100", "12", "12")],
    indirect=["account"],
)
def test_signed_balance(account, raw, expected):
    assert account.signed(Decimal(raw)) == Decimal(expected)


@pytest.mark.parametrize("account", ["1000", "6200"], indirect=True)
def test_accounts_round_trip_their_code(account, chart):
    assert chart.get(account.code) is account


def test_unknown_account(chart):
    with pytest.raises(UnknownAccount):
        chart.get("9999")


def test_empty_journal_balance_is_zero(journal):
    assert str(journal.balance("1100")) == "0.00"
    assert journal.entries == []
