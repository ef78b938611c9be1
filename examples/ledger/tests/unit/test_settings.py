import importlib

import pytest

from ledger import settings


@pytest.fixture
def reload_settings(monkeypatch):
    """Re-import settings under another environment, and restore it afterwards."""

    def reload(**env):
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(settings)

    monkeypatch.delenv("LEDGER_CURRENCY", raising=False)
    yield reload
    monkeypatch.undo()
    importlib.reload(settings)


def test_currency_defaults_to_euro(reload_settings):
    assert reload_settings().CURRENCY == "EUR"


def test_currency_from_environment(reload_settings):
    assert reload_settings(LEDGER_CURRENCY="CHF").CURRENCY == "CHF"


def test_ini_values():
    assert (settings.DECIMALS, settings.ROUNDING) == (2, "ROUND_HALF_EVEN")
