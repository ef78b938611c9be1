"""impacted_mapinfo: describe the run that built a coverage map.

Activated with ``-p impacted_mapinfo`` while the map is built. At session end
the controller (never an xdist worker) writes JSON to the path in the
environment variable IMPACTED_MAPINFO_OUT:

    {"python": "3.11.7", "pytest": "...", "coverage": "...", "pytest_cov": "...",
     "xdist": "... or null", "coverage_core": "ctrace|pytrace|sysmon|null",
     "tests": {"<nodeid>": {"outcome": "passed|failed|skipped|error",
                            "duration_s": 0.01,
                            "broad_fixtures": ["session:tests/conftest.py::db"],
                            "fixtures": ["env", "tmp_path"]}},
     "fixtures_recorded": true,
     "collect_errors": ["<nodeid of a module that failed to import>"],
     "preloaded": ["src/pluggy/_manager.py", ...],
     "exitstatus": 0}

While the run goes on, each finished test's node id is appended to
IMPACTED_MAPINFO_OUT + ".progress", so that when pytest dies before its
session ends (pytest-timeout's thread method calls os._exit) impacted can
still say how far it got.

"preloaded" lists the project's modules Python had imported before this
plugin (which ``-p`` loads before any collector starts): pytest's own
dependencies, when the project is one of them (pluggy, packaging,
iniconfig). pytest ran their import, and its own start, before anything
measured; no map holds those lines, so the selector runs everything when
one of them changes.

The map is only trustworthy for tests that passed, and coverage only records
a broad (class/module/package/session) fixture's setup under the first test
that requested it; these facts let the selector treat such tests with care. "fixtures" names
the function-scoped fixtures in each test's closure (plugins' implicit
requests included, parametrize's own arguments left out): which tests a
fixture added to, moved in or removed from a conftest can reach.

Under xdist the fixture names travel from the workers inside
``report.user_properties``, and each worker's coverage core inside
``config.workeroutput``, the two channels xdist serializes for us.
"""

from __future__ import annotations

import inspect
import json
import os
import platform
import sys
import tempfile
from importlib import metadata

import pytest

ENV_OUT = "IMPACTED_MAPINFO_OUT"
PROPERTY = "impacted_broad_fixtures"
REQUESTED = "impacted_fixtures"
_CORE_KEY = "impacted_coverage_core"
_RANK = {"passed": 0, "skipped": 1, "failed": 2, "error": 3}
_CORES = {"CTracer": "ctrace", "PyTracer": "pytrace", "SysMonitor": "sysmon"}


def _force_context_core() -> None:
    """Make coverage record every test's lines, not only the first test's.

    coverage.py's sysmon core (the default on Python 3.14, and what
    COVERAGE_CORE=sysmon asks for) stops watching a line after its first hit,
    so per-test contexts come out incomplete. The C tracer records them all;
    where coverage was installed without it, the Python tracer does too.
    This plugin is imported (-p) before pytest-cov starts coverage, and the
    variable beats [tool.coverage.run] core.
    """
    if not os.environ.get(ENV_OUT) or os.environ.get("IMPACTED_SYSMON_OUT"):
        return  # no map build, or one by impacted's own collector: no need to import coverage
    try:
        import coverage.tracer  # noqa: F401  (the C extension)

        os.environ["COVERAGE_CORE"] = "ctrace"
    except ImportError:
        os.environ["COVERAGE_CORE"] = "pytrace"


_force_context_core()


def _preloaded() -> list[str]:
    """The project's modules already imported: under the working directory
    (the project root a map build runs in), outside the interpreter, the
    venv, site-packages and impacted's own plugins."""
    root = os.path.realpath(os.getcwd())
    outside = [sys.prefix, sys.base_prefix, os.path.dirname(os.path.abspath(__file__)),
               os.path.join(root, ".venv"), os.path.join(root, ".cache")]
    try:
        import site

        outside += site.getsitepackages()
    except AttributeError:
        pass
    outside = [os.path.realpath(d) + os.sep for d in outside if d]
    out = set()
    for module in list(sys.modules.values()):
        name = getattr(module, "__file__", None)
        if not isinstance(name, str):
            continue
        path = os.path.realpath(name)
        if path.startswith(root + os.sep) and not any(path.startswith(d) for d in outside):
            out.add(os.path.relpath(path, root).replace(os.sep, "/"))
    return sorted(out)


_PRELOADED = _preloaded() if os.environ.get(ENV_OUT) else []


def _version(distribution: str) -> str | None:
    try:
        return metadata.version(distribution)
    except metadata.PackageNotFoundError:
        return None


def coverage_core() -> str | None:
    """The tracer coverage.py is really using in this process, if measuring.

    Asked before every test, so it never imports coverage: coverage that is
    not imported is not measuring (a sysmon build runs without it).
    """
    coverage = sys.modules.get("coverage")
    if coverage is None:
        return None
    current = getattr(coverage.Coverage, "current", None)
    cov = current() if current else None
    if cov is None:
        return None
    core = getattr(cov, "_core", None)
    name = core.tracer_class.__name__ if core is not None else None
    if name is None and getattr(cov, "_collector", None) is not None:
        name = cov._collector.tracer_name()
    return _CORES.get(name, name)


def broad_fixtures(item: pytest.Item, rootdir: str, where: dict | None = None) -> list[str]:
    """'scope:where::name' for every non-function fixture in item's closure.

    where caches each fixture function's file across tests (finding it
    resolves paths on disk, and a suite's tests share a few broad fixtures).
    """
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    where = {} if where is None else where
    found = []
    for name in getattr(item, "fixturenames", ()):
        defs = info.name2fixturedefs.get(name)
        if not defs:
            continue
        fixturedef = defs[-1]  # the closest override is the one that runs
        if fixturedef.scope != "function":
            func = fixturedef.func
            if func not in where:
                where[func] = _where(func, rootdir)
            found.append(f"{fixturedef.scope}:{where[func]}::{name}")
    return sorted(found)


def requested_fixtures(item: pytest.Item) -> list[str]:
    """The function-scoped fixtures in item's closure, by name: what a new,
    moved or removed definition of one of those names reaches. A
    parametrize argument (pytest's pseudo-fixture) is no definition."""
    info = getattr(item, "_fixtureinfo", None)
    if info is None:
        return []
    found = []
    for name in getattr(item, "fixturenames", ()):
        defs = info.name2fixturedefs.get(name)
        if not defs:
            if name != "request":
                found.append(name)  # unknown to pytest: keep it, to be safe
            continue
        fixturedef = defs[-1]
        if fixturedef.scope == "function" and getattr(fixturedef.func, "__name__", "") != "get_direct_param_fixture_func":
            found.append(name)
    return sorted(set(found))


def _where(func, rootdir: str) -> str:
    """Defining file relative to rootdir, or the module name for plugins."""
    try:
        source = inspect.getsourcefile(inspect.unwrap(func))
    except TypeError:
        source = None
    if source:
        relative = os.path.relpath(os.path.realpath(source), os.path.realpath(rootdir))
        if not relative.startswith(".."):
            return relative.replace(os.sep, "/")
    return getattr(func, "__module__", None) or "?"


class MapInfo:
    def __init__(self, config: pytest.Config, out: str) -> None:
        self.config = config
        self.out = out
        self.tests: dict[str, dict] = {}
        self.collect_errors: list[str] = []
        self.core: str | None = None
        self.worker_cores: set[str] = set()
        self.progress = None
        self.where: dict = {}  # fixture function -> its file, for broad_fixtures
        # id(fixture info) -> (that info, its broad fixtures): the parametrized
        # items of one function share their fixture info, and so the answer.
        self.broad: dict[int, tuple] = {}
        self.requested: dict[int, tuple] = {}  # the same, for requested_fixtures
        self.controller = not hasattr(config, "workerinput")

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item: pytest.Item) -> None:
        # Coverage forgets its instance when it stops, so look while it runs.
        self.core = self.core or coverage_core()
        if not any(key == PROPERTY for key, _ in item.user_properties):
            item.user_properties.append((PROPERTY, self._broad_fixtures(item)))
            item.user_properties.append((REQUESTED, self._requested(item)))

    def _broad_fixtures(self, item: pytest.Item) -> list[str]:
        info = getattr(item, "_fixtureinfo", None)
        cached = self.broad.get(id(info))
        if info is None or cached is None or cached[0] is not info:
            cached = (info, broad_fixtures(item, str(self.config.rootpath), self.where))
            if info is not None:
                self.broad[id(info)] = cached
        return cached[1]

    def _requested(self, item: pytest.Item) -> list[str]:
        info = getattr(item, "_fixtureinfo", None)
        cached = self.requested.get(id(info))
        if info is None or cached is None or cached[0] is not info:
            cached = (info, requested_fixtures(item))
            if info is not None:
                self.requested[id(info)] = cached
        return cached[1]

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        entry = self.tests.setdefault(
            report.nodeid, {"outcome": "passed", "duration_s": 0.0, "broad_fixtures": []}
        )
        outcome = report.outcome
        if outcome == "failed" and report.when != "call":
            outcome = "error"
        # Outcomes from other plugins (pytest-rerunfailures' "rerun") rank lowest.
        if _RANK.get(outcome, -1) > _RANK[entry["outcome"]]:
            entry["outcome"] = outcome
        entry["duration_s"] = round(entry["duration_s"] + report.duration, 6)
        for key, value in report.user_properties:
            if key == PROPERTY:
                entry["broad_fixtures"] = list(value)
            elif key == REQUESTED and value:
                entry["fixtures"] = list(value)
        if report.when == "teardown" and self.progress is not False and self.controller:
            self._progress(report.nodeid)

    def _progress(self, nodeid: str) -> None:
        """Best effort: a progress file that cannot be written only costs the count."""
        try:
            if self.progress is None:
                os.makedirs(os.path.dirname(os.path.abspath(self.out)), exist_ok=True)
                self.progress = open(self.out + ".progress", "a", encoding="utf-8", buffering=1)
            self.progress.write(nodeid + "\n")
        except OSError:
            self.progress = False

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if report.failed and report.nodeid not in self.collect_errors:
            self.collect_errors.append(report.nodeid)

    @pytest.hookimpl(optionalhook=True)
    def pytest_testnodedown(self, node, error) -> None:
        core = getattr(node, "workeroutput", {}).get(_CORE_KEY)
        if core:
            self.worker_cores.add(core)

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if hasattr(self.config, "workerinput"):
            self.config.workeroutput[_CORE_KEY] = self.core
            return
        # Workers run the tests under xdist, so their core is the one that counts.
        core = ",".join(sorted(self.worker_cores)) or self.core
        if self.progress:
            self.progress.close()
        _write_json(self.out, self._document(core, int(exitstatus)))

    def _document(self, core: str | None, exitstatus: int) -> dict:
        return {
            "python": platform.python_version(),
            "pytest": pytest.__version__,
            "coverage": _version("coverage"),
            "pytest_cov": _version("pytest-cov"),
            "xdist": _version("pytest-xdist"),
            "coverage_core": core,
            "tests": self.tests,
            "collect_errors": self.collect_errors,
            "exitstatus": exitstatus,
            "fixtures_recorded": True,
            "preloaded": _PRELOADED,
        }


def _write_json(path: str, document: dict) -> None:
    """Write atomically so a reader never sees half a file. One dumps without
    indent: json's C encoder (dump and indent take the Python one, 30 ms for
    2000 tests)."""
    text = json.dumps(document, sort_keys=True, separators=(",", ":"))
    directory = os.path.dirname(os.path.abspath(path))
    os.makedirs(directory, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".mapinfo-", suffix=".json", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.replace(temp, path)
    except BaseException:
        os.unlink(temp)
        raise


def pytest_configure(config: pytest.Config) -> None:
    out = os.environ.get(ENV_OUT)
    if not out:
        raise pytest.UsageError(f"impacted_mapinfo: set {ENV_OUT} to the output JSON path")
    config.pluginmanager.register(MapInfo(config, out), "impacted_mapinfo_state")
