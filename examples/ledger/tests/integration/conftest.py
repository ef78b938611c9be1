"""Integration fixtures: data files and journals shared across tests."""

import datetime as dt
from pathlib import Path

import pytest

from ledger.chart import ChartOfAccounts
from ledger.journal import Journal

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def imported_chart():
    """The chart a customer imported from their old system."""
    return ChartOfAccounts.from_csv((DATA / "chart.csv").read_text(encoding="utf-8"))


@pytest.fixture(scope="class")
def quarter():
    """Three months of trading, built once for a whole test class."""
    book = Journal(ChartOfAccounts.standard())
    book.record(dt.date(2024, 1, 2), "capital", ("1100", "20000"), ("3000", "-20000"))
    book.record(dt.date(2024, 1, 31), "rent", ("6000", "1500"), ("1100", "-1500"))
    book.record(dt.date(2024, 2, 14), "sales", ("1100", "6000"), ("4000", "-5000"), ("2100", "-1000"))
    book.record(dt.date(2024, 3, 1), "laptop", ("1500", "2400"), ("1100", "-2400"))
    book.record(dt.date(2024, 3, 31), "depreciation", ("6200", "200"), ("1590", "-200"))
    return book
