"""Checks of the store plugin's fixtures (collected through python_files = check_*.py)."""

from decimal import Decimal

from ledger import plugins


def test_store_names(store):
    assert store.names() == ["demo", "empty"]


def test_demo_balances(demo):
    assert demo.balance("1100") == Decimal("4200.00")
    assert demo.balance("4000") == Decimal("100.00")


def test_demo_as_csv(demo):
    assert plugins.export(demo, "csv").splitlines()[1] == "1,2024-01-01,capital,1100,5000.00,"


def test_empty_is_empty(store):
    assert store.load("empty").entries == []


def test_store_is_open_for_the_whole_module(store):
    assert not store.closed
