import pytest

from api import render
from conftest import GOLDEN


@pytest.mark.golden
def test_report_matches_golden(items, clean_env):
    assert render.report(items) == (GOLDEN / "report.txt").read_text(encoding="utf-8")


def test_report_in_pounds(items, clean_env):
    lines = render.report(items, "lb").splitlines()
    assert lines[-1] == "3 skus, 55 units, 6.97 lb"


def test_unit_from_environment(items, monkeypatch):
    monkeypatch.setenv("INVENTORY_UNIT", "oz")
    assert render.report(items).splitlines()[-1].endswith(" oz")


def test_weight_text(clean_env):
    assert render.weight_text(1500) == "1.50 kg"
    assert render.weight_text(1500, "g") == "1500.00 g"


def test_low_stock_lines(items):
    assert render.low_stock_lines(items[1:2]) == ["LOW  NUT-M4       3 left"]


def test_grams_label():
    assert render.grams_label(12.5) == "12.5g"
