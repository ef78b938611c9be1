import datetime as dt
from decimal import Decimal

import pytest

from ledger import AccountKind, Entry, Posting
from tests.factories import make_entry


@pytest.mark.parametrize("kind, side", [(AccountKind.ASSET, "debit"), (AccountKind.INCOME, "credit")])
def test_normal_side(kind, side):
    assert kind.normal_side == side


def test_kind_values_are_the_stored_names():
    assert [k.value for k in AccountKind] == ["asset", "liability", "equity", "income", "expense"]


def test_posting_defaults():
    posting = Posting("1000", Decimal("5.00"))
    assert posting.memo == ""
    assert posting.currency == "EUR"


def test_entry_total_is_the_debit_side():
    entry = make_entry(("1000", "70.00"), ("6000", "30.005"), ("4000", "-100.005"))
    assert entry.total == Decimal("100.00")
    assert entry.is_balanced


def test_unbalanced_entry():
    assert not make_entry(("1000", "1"), ("4000", "-2")).is_balanced

