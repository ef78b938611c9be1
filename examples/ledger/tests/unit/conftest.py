"""Unit tests start from an empty journal and build their inputs by parameter."""

import pytest

from ledger.journal import Journal
from ledger.util import parse_amount


@pytest.fixture
def journal(chart):
    """Overrides the suite's journal: no opening balance in unit tests."""
    return Journal(chart)


@pytest.fixture
def amount(request):
    """Indirect parameter: the test gives the text, the fixture parses it."""
    return parse_amount(request.param)


@pytest.fixture
def account(request, chart):
    """Indirect parameter: the test gives an account code."""
    return chart.get(request.param)
