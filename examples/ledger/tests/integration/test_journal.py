import datetime as dt
from decimal import Decimal

import pytest

from ledger.chart import UnknownAccount
from ledger.journal import Journal, UnbalancedEntry
from tests.factories import make_entry, sale


def test_opening_balance(journal):
    assert journal.balance("1100") == Decimal("10000.00")
    assert journal.balance("3000") == Decimal("10000.00")


def test_transfer_moves_money(journal, day):
    journal.transfer(day, "250", "1100", "1000", memo="float")
    assert journal.balance("1000") == Decimal("250.00")
    assert journal.balance("1100") == Decimal("9750.00")
    assert journal.entries[-1].description == "float"


def test_unbalanced_entry_is_refused(journal):
    with pytest.raises(UnbalancedEntry):
        journal.post(make_entry(("1000", "10"), ("4000", "-9")))
    assert len(journal.entries) == 1


def test_unknown_account_is_refused(journal):
    with pytest.raises(UnknownAccount):
        journal.post(make_entry(("1000", "10"), ("4999", "-10")))


def test_cash_sale_books_vat(journal):
    journal.post(make_entry(*sale("120.00")))
    assert journal.balance("2100") == Decimal("20.00")
    assert journal.balance("4000") == Decimal("100.00")


def test_default_chart_is_shared():
    book = Journal()
    book.record(dt.date(2024, 6, 1), "drawings", ("3000", "50"), ("1000", "-50"))
    assert book.balance("1000") == Decimal("-50.00")


class TestQuarter:
    def test_bank(self, quarter):
        assert quarter.balance("1100") == Decimal("22100.00")

    def test_trial_balance_sums_to_zero(self, quarter):
        assert sum(quarter.trial_balance().values()) == 0

    def test_depreciation_is_credit_normal(self, quarter):
        assert quarter.balance("1590") == Decimal("200.00")

    def test_february_only(self, quarter):
        february = quarter.between(dt.date(2024, 2, 1), dt.date(2024, 2, 29))
        assert [e.description for e in february.entries] == ["sales"]
