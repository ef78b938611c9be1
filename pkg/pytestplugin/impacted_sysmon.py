"""impacted_sysmon: a per-test line collector on sys.monitoring (PEP 669).

Activated with ``-p impacted_sysmon`` while ``impacted map build`` runs on
Python >= 3.12, instead of pytest-cov. Each pytest process (the controller
and every xdist worker) writes, at the end, one JSON file into the directory
named by IMPACTED_SYSMON_OUT:

    {"format": "impacted-sysmon/1",
     "contexts": {"<nodeid>|setup|run|teardown, or '' for import time":
                      {"<project-relative path>": [line, ...]}},
     "imports": {"<path>": {"<module path>": [line, ...]}}}

Contexts are spelled as pytest-cov's ``--cov-context=test``, and like
pytest-cov a context lasts until the next phase starts. "imports" says, for
lines run outside any test phase (imports, collection), which module's
top-level execution ran them: the innermost ``<module>`` frame.

Why it is cheap: LINE events are switched on only for project code objects
(from a PY_START callback, which is then disabled for good), every callback
returns DISABLE so a line costs one callback, and at each phase boundary
the project code objects whose lines fired are re-armed (switching their
local events off and on again clears DISABLE), so each line costs one
callback per test phase rather than one per execution. Nothing else is
re-armed: ``sys.monitoring.restart_events()`` would also re-arm PY_START for
every function pytest runs, which costs as much as the tests on a suite of
small ones. During imports, code is also re-armed whenever a project
module's top-level code starts or returns, so a helper run by the import of
two modules is credited to both.

Only files under the measured sources (IMPACTED_SYSMON_SOURCES, os.pathsep-
separated paths or importable names; default: the working directory) and
outside the interpreter, the venv and site-packages are measured.
Subprocesses are not followed. Standard library only.
"""

from __future__ import annotations

import importlib.util
import json
import os
import site
import sys
import tempfile

import pytest

ENV_OUT = "IMPACTED_SYSMON_OUT"
ENV_SOURCES = "IMPACTED_SYSMON_SOURCES"
FORMAT = "impacted-sysmon/1"
TOOL_NAME = "impacted"
# Ids 0-2 and 5 are the debugger, coverage, profiler and optimizer ones;
# coverage.py's own sysmon core takes COVERAGE_ID, so ours never clashes.
_TOOL_IDS = (4, 3)

_mon = getattr(sys, "monitoring", None)


def _resolve(source: str, root: str) -> str | None:
    """A --cov value as an absolute real path: a path, else an importable name."""
    path = os.path.join(root, source)
    if os.path.exists(path):
        return os.path.realpath(path)
    try:
        spec = importlib.util.find_spec(source)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    if spec.submodule_search_locations:
        return os.path.realpath(list(spec.submodule_search_locations)[0])
    return os.path.realpath(spec.origin) if spec.origin else None


def _excluded_prefixes(root: str) -> list[str]:
    """Where code is never the project's: the interpreter, the venv, site-packages."""
    dirs = {sys.prefix, sys.base_prefix, sys.exec_prefix, os.path.dirname(os.path.abspath(__file__)),
            os.path.join(root, ".cache"), os.path.join(root, ".venv")}
    try:
        dirs.update(site.getsitepackages())
    except AttributeError:
        pass
    user = getattr(site, "getusersitepackages", lambda: None)()
    if user:
        dirs.add(user)
    return sorted({os.path.realpath(d) + os.sep for d in dirs if d})


class Collector:
    def __init__(self, tool: int, root: str, sources: list[str]) -> None:
        self.tool = tool
        self.root = root + os.sep
        self.sources = [s if os.path.isfile(s) else s + os.sep for s in sources]
        self.excluded = _excluded_prefixes(root)
        self.names: dict[str, str | None] = {}  # co_filename -> relative path, None if not measured
        self.contexts: dict[str, list] = {"": []}
        self.imports: list = []
        self.add = self.contexts[""].append
        self.in_phase = False
        self.events: dict[int, tuple] = {}  # id(code) -> (code, its local events); holds the code alive
        self.fired: set[int] = set()  # ids of code objects with lines disabled since the last re-arm

    def relative(self, filename: str) -> str | None:
        """The project-relative path of a measured file, else None (cached)."""
        try:
            return self.names[filename]
        except KeyError:
            pass
        name = None
        if not filename.startswith("<"):
            real = os.path.realpath(filename)
            if any(real == s or real.startswith(s) for s in self.sources) and not any(
                real.startswith(x) for x in self.excluded
            ):
                name = real[len(self.root):] if real.startswith(self.root) else real
                name = name.replace(os.sep, "/")
        self.names[filename] = name
        return name

    # The callbacks. Each returns DISABLE: the next call of the same
    # location waits for a re-arm (rearm), or forever for PY_START.

    def on_start(self, code, offset):
        if self.relative(code.co_filename) is not None:
            events = _mon.events.LINE
            if code.co_name == "<module>" and not self.in_phase:
                # Another module's import begins: re-arm, so lines it runs
                # are credited to it even if an earlier import ran them.
                events |= _mon.events.PY_RETURN
                self.rearm()
            self.events[id(code)] = (code, events)
            _mon.set_local_events(self.tool, code, events)
        return _mon.DISABLE

    def on_return(self, code, offset, retval):
        if not self.in_phase:
            self.rearm()  # back in the importing module
        return _mon.DISABLE

    def on_line(self, code, line):
        self.add((code.co_filename, line))
        self.fired.add(id(code))
        return _mon.DISABLE

    def rearm(self) -> None:
        """Fire the disabled lines again: toggling local events clears DISABLE."""
        for key in self.fired:
            code, events = self.events[key]
            _mon.set_local_events(self.tool, code, 0)
            _mon.set_local_events(self.tool, code, events)
        self.fired.clear()

    def on_import_line(self, code, line):
        frame = sys._getframe(1)
        while frame is not None and frame.f_code.co_name != "<module>":
            frame = frame.f_back
        module = frame.f_code.co_filename if frame is not None else None
        self.add((code.co_filename, line))
        self.imports.append((code.co_filename, line, module))
        self.fired.add(id(code))
        return _mon.DISABLE

    def start(self) -> None:
        E = _mon.events
        _mon.register_callback(self.tool, E.PY_START, self.on_start)
        _mon.register_callback(self.tool, E.PY_RETURN, self.on_return)
        _mon.register_callback(self.tool, E.LINE, self.on_import_line)
        _mon.set_events(self.tool, E.PY_START)

    def switch(self, context: str) -> None:
        """Start a test phase: later lines belong to context until the next."""
        if not self.in_phase:
            self.in_phase = True
            _mon.register_callback(self.tool, _mon.events.LINE, self.on_line)
        self.add = self.contexts.setdefault(context, []).append
        self.rearm()

    def stop(self) -> None:
        _mon.set_events(self.tool, 0)
        for event in (_mon.events.PY_START, _mon.events.PY_RETURN, _mon.events.LINE):
            _mon.register_callback(self.tool, event, None)
        _mon.free_tool_id(self.tool)

    def document(self) -> dict:
        contexts: dict[str, dict[str, set]] = {}
        for context, hits in self.contexts.items():
            files = contexts.setdefault(context, {})
            for filename, line in hits:
                files.setdefault(self.names[filename], set()).add(line)
        imports: dict[str, dict[str, set]] = {}
        for filename, line, module in self.imports:
            mod = self.relative(module) if module else None
            if mod is not None:
                imports.setdefault(self.names[filename], {}).setdefault(mod, set()).add(line)

        def lists(d):
            return {k: {p: sorted(v) for p, v in inner.items()} for k, inner in d.items() if inner}

        return {"format": FORMAT, "contexts": lists(contexts), "imports": lists(imports)}


def _claim_tool() -> int:
    for tool in _TOOL_IDS:
        if _mon.get_tool(tool) is None:
            _mon.use_tool_id(tool, TOOL_NAME)
            return tool
    taken = ", ".join(f"{t}={_mon.get_tool(t)}" for t in _TOOL_IDS)
    raise RuntimeError(f"impacted_sysmon: sys.monitoring tool ids {taken} are all in use")


def _begin() -> Collector | None:
    """Start measuring at import, before conftest.py files and test modules load."""
    if not os.environ.get(ENV_OUT) or _mon is None:
        return None
    root = os.path.realpath(os.getcwd())
    names = [s for s in os.environ.get(ENV_SOURCES, ".").split(os.pathsep) if s]
    sources = [p for p in (_resolve(s, root) for s in names) if p]
    collector = Collector(_claim_tool(), root, sources or [root])
    collector.start()
    return collector


_collector = _begin()


def _write_json(directory: str, document: dict) -> None:
    """One file per process, written atomically."""
    os.makedirs(directory, exist_ok=True)
    handle, temp = tempfile.mkstemp(prefix=".sysmon-", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(document, stream, separators=(",", ":"), sort_keys=True)
        os.replace(temp, os.path.join(directory, f"sysmon-{os.getpid()}.json"))
    except BaseException:
        os.unlink(temp)
        raise


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    if _collector is not None:
        _collector.switch(item.nodeid + "|setup")
    yield


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_call(item):
    if _collector is not None:
        _collector.switch(item.nodeid + "|run")
    yield


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item):
    if _collector is not None:
        _collector.switch(item.nodeid + "|teardown")
    yield


def pytest_configure(config) -> None:
    if _mon is None:
        raise pytest.UsageError(
            f"impacted_sysmon needs Python 3.12 or newer (sys.monitoring); this is {sys.version.split()[0]}: "
            "build with `impacted map build --collector coverage`"
        )
    if _collector is None:
        raise pytest.UsageError(f"impacted_sysmon: set {ENV_OUT} to the output directory")


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config) -> None:
    global _collector
    if _collector is None:
        return
    collector, _collector = _collector, None
    collector.stop()
    _write_json(os.environ[ENV_OUT], collector.document())
