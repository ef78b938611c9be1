"""impacted_outcomes: record how every test ended, for `impacted audit`.

Activated with ``-p impacted_outcomes``. At session end the controller
(never an xdist worker: the controller sees every worker's reports) writes
JSON to the path in the environment variable IMPACTED_OUTCOMES_OUT:

    {"tests": {"<nodeid>": "passed|skipped|failed|error"}, "exitstatus": 0}

A test's outcome is the worst of its setup, call and teardown ("error" when
setup or teardown failed); a module that failed to import is recorded under
its own node id as "error".
"""

from __future__ import annotations

import json
import os
import tempfile

import pytest

ENV_OUT = "IMPACTED_OUTCOMES_OUT"
_RANK = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}


def _outcome(report) -> str:
    if report.failed:
        return "failed" if report.when == "call" else "error"
    return "skipped" if report.skipped else "passed"


class _Recorder:
    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        self.tests: dict[str, str] = {}

    def pytest_runtest_logreport(self, report) -> None:
        new = _outcome(report)
        old = self.tests.get(report.nodeid)
        if old is None or _RANK[new] > _RANK[old]:
            self.tests[report.nodeid] = new

    def pytest_collectreport(self, report) -> None:
        if report.failed:
            self.tests[report.nodeid] = "error"

    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        path = os.environ.get(ENV_OUT)
        if not path or hasattr(self.config, "workerinput"):
            return
        doc = {"tests": self.tests, "exitstatus": int(exitstatus)}
        fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), prefix=".outcomes-")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(doc, handle)
        os.replace(tmp, path)


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(_Recorder(config), "impacted_outcomes_recorder")
