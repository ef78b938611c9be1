"""The command line, run in a child interpreter like a user would."""

import os

import pytest

from conftest import GOLDEN

pytestmark = pytest.mark.cli


def test_cli_version(run_cli):
    result = run_cli("--version")
    assert result.stdout.strip() == "inventory-cli 2.1.0"


def test_main_module_help(run_cli):
    result = run_cli("--help", module="api")
    assert result.returncode == 0
    assert result.stdout.startswith("usage: inventory [-h] [--version]")


@pytest.mark.golden
def test_report_matches_golden(run_cli, clean_env):
    result = run_cli("report", "items.jsonl")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / "cli_report.txt").read_text(encoding="utf-8")


def test_low_after_events(run_cli, clean_env):
    result = run_cli("low", "items.jsonl", "--events", "events.jsonl")
    assert result.stdout.splitlines() == ["LOW  BOLT-M4      4 left"]


def test_low_threshold_from_environment(run_cli):
    env = {**os.environ, "INVENTORY_LOW_STOCK": "12"}
    result = run_cli("low", "items.jsonl", env=env)
    assert result.stdout.splitlines() == [
        "LOW  BRKT-L      12 left",
        "LOW  GLUE         5 left",
        "LOW  NUT-M4       3 left",
    ]


def test_check_reports_errors(run_cli):
    result = run_cli("check", "bad.jsonl")
    assert result.returncode == 1
    assert result.stderr == "error: record 1: missing field 'qty'\n"
