from decimal import Decimal
from pathlib import Path

import pytest

from ledger import plugins
from ledger.accounts import ExpenseAccount
from ledger.io import dump_csv, load_csv
from ledger.models import AccountKind

SAMPLES = sorted((Path(__file__).parent / "data").glob("entries_*.csv"))


def test_csv_round_trip(journal, day):
    journal.transfer(day, "12.50", "1100", "1000", memo="petty, cash")
    again = load_csv(dump_csv(journal))
    assert dump_csv(again) == dump_csv(journal)


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample_files_load_and_balance(path):
    book = load_csv(path.read_text(encoding="utf-8"))
    assert all(entry.is_balanced for entry in book.entries)
    assert sum(book.trial_balance().values()) == 0


def test_q2_sample_totals():
    book = load_csv((Path(__file__).parent / "data" / "entries_q2.csv").read_text(encoding="utf-8"))
    assert book.balance("1000") == Decimal("204.50")


def test_registry_knows_every_format():
    assert sorted(plugins.exporters()) == ["csv", "json", "text"]


def test_text_export(journal, day):
    journal.transfer(day, "40", "1100", "1000", memo="float")
    assert plugins.export(journal, "text").splitlines()[-3:] == [
        "2024-03-15 float",
        "  1000          €40.00  float",
        "  1100         -€40.00  float",
    ]


def test_text_export_without_memo(journal):
    assert plugins.export(journal, "text").splitlines()[1] == "  1100      €10,000.00"


def test_unknown_format(journal):
    with pytest.raises(plugins.UnknownFormat):
        plugins.export(journal, "xlsx")


class TestImportedChart:
    def test_size(self, imported_chart):
        assert len(imported_chart) == 7

    def test_expenses(self, imported_chart):
        expenses = imported_chart.of_kind(AccountKind.EXPENSE)
        assert [a.code for a in expenses] == ["6000", "6500"]
        assert all(isinstance(a, ExpenseAccount) for a in expenses)

    def test_describe_imported(self, imported_chart):
        assert imported_chart.get("1200").describe() == "1200 Receivables"
