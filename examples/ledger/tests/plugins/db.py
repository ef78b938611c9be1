"""A pytest plugin (loaded through pytest_plugins) with an in-memory ledger store."""

import datetime as dt

import pytest

from ledger.io import dump_json, load_json
from ledger.journal import Journal


class LedgerStore:
    """Journals saved as JSON, as the application's database would keep them."""

    def __init__(self) -> None:
        self._rows: dict[str, str] = {}
        self.closed = False

    def save(self, name: str, journal: Journal) -> None:
        self._rows[name] = dump_json(journal)

    def load(self, name: str) -> Journal:
        if self.closed:
            raise RuntimeError("store is closed")
        return load_json(self._rows[name])

    def names(self) -> list[str]:
        return sorted(self._rows)

    def close(self) -> None:
        self.closed = True


def _demo_journal() -> Journal:
    book = Journal()
    book.record(dt.date(2024, 1, 1), "capital", ("1100", "5000"), ("3000", "-5000"))
    book.record(dt.date(2024, 1, 5), "rent", ("6000", "800"), ("1100", "-800"))
    book.record(dt.date(2024, 1, 9), "sale", ("1000", "120"), ("4000", "-100"), ("2100", "-20"))
    return book


@pytest.fixture(scope="module")
def store():
    """One store per test module: loading it is the slow part of a real suite."""
    db = LedgerStore()
    db.save("demo", _demo_journal())
    db.save("empty", Journal())
    yield db
    db.close()


@pytest.fixture
def demo(store):
    return store.load("demo")
