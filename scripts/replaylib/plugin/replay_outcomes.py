"""pytest plugin (-p replay_outcomes): writes one JSON line per test that ran,
{"nodeid": ..., "outcome": "passed"|"failed"|"skipped"}, to $REPLAY_OUTCOMES.
A failure in setup, call or teardown makes the test failed. Exact node ids, so
the truth can be compared with selections without junitxml's lossy names."""

import json
import os

_seen = {}


def pytest_runtest_logreport(report):
    prev = _seen.get(report.nodeid)
    if report.failed:
        _seen[report.nodeid] = "failed"
    elif prev is None or (prev == "skipped" and report.when == "call"):
        _seen[report.nodeid] = "skipped" if report.skipped else "passed"


def pytest_collectreport(report):
    if report.failed:  # a module that does not import: its tests fail
        _seen[report.nodeid or "<collection>"] = "failed"


def pytest_sessionfinish(session):
    path = os.environ.get("REPLAY_OUTCOMES")
    if not path:
        return
    with open(path, "w") as f:
        for nodeid, outcome in _seen.items():
            f.write(json.dumps({"nodeid": nodeid, "outcome": outcome}) + "\n")
