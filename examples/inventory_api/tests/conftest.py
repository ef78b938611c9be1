"""Shared fixtures. Stores are built by context managers so the same setup
serves fixtures and `with` blocks inside tests."""

import contextlib
import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from core.models import Item
from core.pipeline import import_items
from core.storage import JsonFileStore, MemoryStore

DATA = Path(__file__).parent / "data"
GOLDEN = Path(__file__).parent / "golden"
FIXED_NOW = dt.datetime(2024, 5, 17, 9, 30, 45, tzinfo=dt.timezone.utc)


def sample_items():
    return [
        Item("BOLT-M4", "Bolt M4x20", 40, 4.0),
        Item("NUT-M4", "Hex nut M4", 3, 1.2),
        Item("BRKT-L", "Angle bracket", 12, 250.0),
    ]


@contextlib.contextmanager
def json_store(directory: Path, items):
    store = JsonFileStore(directory / "stock.json")
    for item in items:
        store.put(item)
    try:
        yield store
    finally:
        store.path.unlink(missing_ok=True)


@contextlib.contextmanager
def env_unset(monkeypatch, *names):
    for name in names:
        monkeypatch.delenv(name, raising=False)
    yield


@pytest.fixture
def items():
    return sample_items()


@pytest.fixture
def memory_store(items):
    return MemoryStore(items)


@pytest.fixture
def file_store(tmp_path, items):
    with json_store(tmp_path, items) as store:
        yield store


@pytest.fixture
def clean_env(monkeypatch):
    with env_unset(monkeypatch, "INVENTORY_LOW_STOCK", "INVENTORY_UNIT"):
        yield monkeypatch


@pytest.fixture
def frozen_clock(monkeypatch):
    monkeypatch.setattr("core.clock.now", lambda: FIXED_NOW)
    return FIXED_NOW


@pytest.fixture
def imported():
    with open(DATA / "items.jsonl", encoding="utf-8") as fh:
        return list(import_items(fh))


@pytest.fixture
def run_cli(tmp_path):
    """Run the command line in a child interpreter, as a user would."""

    def run(*args, module="api.cli", env=None):
        return subprocess.run(
            [sys.executable, "-m", module, *args],
            capture_output=True,
            text=True,
            cwd=DATA,
            env=env,
            timeout=60,
        )

    return run
