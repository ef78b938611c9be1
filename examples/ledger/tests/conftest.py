"""Fixtures for the whole suite; the store fixtures come from a plugin module."""

import datetime as dt
from decimal import Decimal

import pytest

from ledger.chart import ChartOfAccounts
from ledger.journal import Journal

pytest_plugins = ["tests.plugins.db"]

OPENING_CAPITAL = Decimal("10000.00")
OPENING_DAY = dt.date(2024, 1, 1)


@pytest.fixture
def chart():
    """A fresh standard chart, so no test sees another's cached lookups."""
    return ChartOfAccounts.standard()


@pytest.fixture
def journal(chart):
    """A journal opened with the owner's capital paid into the bank."""
    book = Journal(chart)
    book.record(OPENING_DAY, "opening balance", ("1100", OPENING_CAPITAL), ("3000", -OPENING_CAPITAL))
    return book


@pytest.fixture
def day():
    return dt.date(2024, 3, 15)
