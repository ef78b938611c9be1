"""pytest plugin (-p replay_outcomes): appends one JSON line per test report,
{"nodeid": ..., "outcome": "passed"|"failed"|"skipped"}, to $REPLAY_OUTCOMES as the
run goes (the last line of a test wins), so a run killed half-way still shows how
far it got. A failure in setup, call or teardown makes the test failed. Exact node
ids, so the truth compares with selections without junitxml's lossy names.

$REPLAY_TEST_TIMEOUT: a pytest-timeout marker of that many seconds on every test
that has none, put there before the project's own hooks (a project whose conftest
gives each test a short thread timeout kills the whole run on a loaded machine)."""

import builtins
import json
import os

import pytest

_seen = {}
# a test may monkeypatch builtins.open (typer's test_file_error makes it
# return None): the plugin writes with the real one, bound at import
_open = builtins.open


def _write(nodeid, outcome):
    _seen[nodeid] = outcome
    path = os.environ.get("REPLAY_OUTCOMES")
    if path:
        with _open(path, "a") as f:
            f.write(json.dumps({"nodeid": nodeid, "outcome": outcome}) + "\n")


def pytest_runtest_logreport(report):
    prev = _seen.get(report.nodeid)
    if report.failed:
        _write(report.nodeid, "failed")
    elif prev is None or (prev == "skipped" and report.when == "call"):
        _write(report.nodeid, "skipped" if report.skipped else "passed")


def pytest_collectreport(report):
    if report.failed:  # a module that does not import: its tests fail
        _write(report.nodeid or "<collection>", "failed")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    seconds = os.environ.get("REPLAY_TEST_TIMEOUT")
    if seconds:
        for item in items:
            if not item.get_closest_marker("timeout"):
                item.add_marker(pytest.mark.timeout(float(seconds)))


def pytest_sessionfinish(session):
    path = os.environ.get("REPLAY_OUTCOMES")
    if path:
        with _open(path, "a") as f:
            f.write(json.dumps({"nodeid": "<finished>", "outcome": "passed"}) + "\n")
