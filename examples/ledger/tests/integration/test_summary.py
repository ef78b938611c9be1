from decimal import Decimal

from ledger import labels, summary


def test_kind_totals(quarter):
    assert summary.kind_totals(quarter) == {
        "Asset": "24,700.00",
        "Liability": "1,000.00",
        "Equity": "20,000.00",
        "Income": "5,000.00",
        "Expense": "1,700.00",
    }


def test_empty_total_label():
    assert labels.total_label(Decimal("0.00")) == "nil"


def test_export_list_order():
    assert labels.__all__ == ["kind_label", "total_label"]
