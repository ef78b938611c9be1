import datetime as dt
from decimal import Decimal

from ledger import reports
from ledger.journal import Journal


def test_trial_balance_report(journal):
    assert reports.trial_balance_report(journal).splitlines() == [
        "1100 Bank                           €10,000.00",
        "3000 Owner's equity                 €10,000.00",
    ]


def test_net_income(quarter):
    assert reports.net_income(quarter) == Decimal("3300.00")


def test_statement_lists_postings(journal, day):
    journal.transfer(day, "40", "1100", "1000", memo="float")
    assert reports.statement(journal, "1000") == ["15 Mar 2024  float                      €40.00"]


def test_statement_on_default_chart():
    book = Journal()
    book.record(dt.date(2024, 7, 1), "meals", ("6100", "18.20"), ("1000", "-18.20"))
    assert reports.statement(book, "6100") == ["01 Jul 2024  meals                      €18.20"]


class TestQuarterReport:
    def test_report_lists_used_accounts(self, quarter):
        assert len(reports.trial_balance_report(quarter).splitlines()) == 8

    def test_contra_account_in_report(self, quarter):
        assert reports.trial_balance_report(quarter).splitlines()[2] == "1590 Accumulated depreciation          €200.00"
