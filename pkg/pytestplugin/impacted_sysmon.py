"""impacted_sysmon: a per-test line collector on sys.monitoring (PEP 669).

Activated with ``-p impacted_sysmon`` while ``impacted map build`` runs on
Python >= 3.12, instead of pytest-cov. Each pytest process (the controller
and every xdist worker) writes, at the end, one file into the directory
named by IMPACTED_SYSMON_OUT: a JSON header line, then the hits as raw
little-endian arrays (covmap.CollectedFormat in Go reads it):

    {"format": "impacted-sysmon/3", "files": ["<project-relative path>", ...],
     "code_ids": [id(code), ...], "code_files": [index into "files", ...],
     "contexts": ["<nodeid>|setup|run|teardown, or '' for import time", ...],
     "firsts": [the first pair of each context, ...],
     "pairs": N, "imports": {"<path>": {"<module path>": [line, ...]}}}\n
    N uint64 code ids, then N uint32 line numbers

Pair i (code id i, line i) belongs to the context whose first pair is the
largest one <= i. Pairs may repeat; the reader merges them. Writing the raw
hits costs a few milliseconds where grouping them into nested JSON cost
most of a second on a suite of 2000 tests, and the reader, not this plugin,
maps code ids to files: id() of a million code objects costs 0.1 s (each
makes an int), where copying the hits list's item pointers, which are those
ids, costs a few milliseconds (``_code_ids``).

Contexts are spelled as pytest-cov's ``--cov-context=test``, and like
pytest-cov a context lasts until the next phase starts. "imports" says, for
lines run outside any test phase (imports, collection), which module's
top-level execution ran them: the innermost project ``<module>`` frame;
without one, the test module (or its class) pytest was collecting (its
fixture scan reads every class attribute, so a descriptor's ``__get__``
runs there); without that, SESSION: pytest's own start and conftest
hooks, which reach every test.

Why it is cheap: LINE events are switched on only for project code objects
(from a PY_START callback, which is then disabled for good), every callback
returns DISABLE so a line costs one callback, and at each phase boundary
the project code objects whose lines fired are re-armed (switching their
local events off and on again clears DISABLE), so each line costs one
callback per test phase rather than one per execution. The parametrizations
of one test function (same fixtures) share their phases' re-arms: a line is
recorded for the first of them that ran it (``_group``), and the selector
runs every parametrization of a selected test's function; click has 1992
tests but 529 functions. Nothing else is
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
from array import array
import os
import site
import sys
import tempfile

import pytest

ENV_OUT = "IMPACTED_SYSMON_OUT"
ENV_SOURCES = "IMPACTED_SYSMON_SOURCES"
FORMAT = "impacted-sysmon/3"
SESSION = "<session>"  # covmap.SessionModule: lines run outside any project module or collected file
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
        # Every line event, flat: code, line, code, line, ... (no tuple kept
        # per hit: nothing for the garbage collector to count).
        self.hits: list = []
        self.segments: list = [("", 0)]  # (context, its first index in hits)
        self.armed = 0  # index in hits of the first hit since the last re-arm
        self.imports: list = []
        self.collecting: str | None = None  # the file pytest is collecting, if measured
        self.in_phase = False
        self.events: dict[int, tuple] = {}  # id(code) -> (code, its local events); holds the code alive

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

    def line_callback(self):
        """The LINE callback of test phases: the hot path, one call per line
        per phase, so a closure over locals rather than a method. One
        extend keeps a pair together when threads send lines at once."""
        extend, disable = self.hits.extend, _mon.DISABLE

        def on_line(code, line):
            extend((code, line))
            return disable

        return on_line

    def anchor(self, function) -> None:
        """Credit the current context with its test function's first line, so
        a test whose group ran every line before it still shows in the map."""
        code = getattr(function, "__code__", None)
        if code is not None and id(code) in self.events:
            self.hits.extend((code, code.co_firstlineno))

    def rearm(self) -> None:
        """Fire the disabled lines again: toggling local events clears DISABLE.
        The code objects to re-arm are those that sent a line since the last
        re-arm: every other index of the hits list from there."""
        end = len(self.hits)  # pairs other threads add from here wait for the next re-arm
        fired = set(map(id, self.hits[self.armed:end:2]))
        self.armed = end
        tool, events, set_local = self.tool, self.events, _mon.set_local_events
        for key in fired:
            code, ev = events[key]
            set_local(tool, code, 0)
            set_local(tool, code, ev)

    def on_import_line(self, code, line):
        self.hits.extend((code, line))
        self.imports.append((code.co_filename, line, self.importer(sys._getframe(1))))
        return _mon.DISABLE

    def importer(self, frame) -> str:
        """Whose execution runs a line outside test phases: the innermost
        project module's top level (a library's import in between does not
        hide it), else the file pytest is collecting, else SESSION."""
        while frame is not None:
            if frame.f_code.co_name == "<module>":
                module = self.relative(frame.f_code.co_filename)
                if module is not None:
                    return module
            frame = frame.f_back
        return self.collecting or SESSION

    def collect(self, node) -> str | None:
        """Credit later lines to the file node is (a test module or a class
        in one; None for directories and the session) and re-arm, so a line
        that collecting each module runs is credited to each. Returns what
        was being collected before, for the caller to restore."""
        before = self.collecting
        path = getattr(node, "path", None) if isinstance(node, (pytest.File, pytest.Class)) else None
        self.collecting = self.relative(str(path)) if path is not None else None
        self.rearm()
        return before

    def collected(self, before: str | None) -> None:
        self.collecting = before
        self.rearm()

    def start(self) -> None:
        E = _mon.events
        _mon.register_callback(self.tool, E.PY_START, self.on_start)
        _mon.register_callback(self.tool, E.PY_RETURN, self.on_return)
        _mon.register_callback(self.tool, E.LINE, self.on_import_line)
        _mon.set_events(self.tool, E.PY_START)

    def switch(self, context: str, rearm: bool = True) -> None:
        """Start a test phase: later lines belong to context until the next.
        Without rearm, lines that already fired stay with their context."""
        if not self.in_phase:
            self.in_phase = True
            _mon.register_callback(self.tool, _mon.events.LINE, self.line_callback())
        if rearm:
            self.rearm()
        self.segments.append((context, len(self.hits) // 2))

    def stop(self) -> None:
        _mon.set_events(self.tool, 0)
        for event in (_mon.events.PY_START, _mon.events.PY_RETURN, _mon.events.LINE):
            _mon.register_callback(self.tool, event, None)
        _mon.free_tool_id(self.tool)

    def header(self) -> dict:
        """Everything but the hits; files are numbered in order of first sight."""
        files: dict[str, int] = {}
        code_files = [files.setdefault(self.names[code.co_filename], len(files)) for code, _ in self.events.values()]
        imports: dict[str, dict[str, set]] = {}
        for filename, line, module in self.imports:
            imports.setdefault(self.names[filename], {}).setdefault(module, set()).add(line)
        return {"format": FORMAT, "files": list(files), "code_ids": list(self.events), "code_files": code_files,
                "contexts": [c for c, _ in self.segments], "firsts": [f for _, f in self.segments],
                "pairs": len(self.hits) // 2,
                "imports": {p: {m: sorted(ls) for m, ls in mods.items()} for p, mods in imports.items()}}

    def arrays(self) -> tuple[bytes, array]:
        """The hits' code ids (uint64) and lines (uint32 array), little-endian."""
        lines = array("I", self.hits[1::2])
        if sys.byteorder != "little":
            lines.byteswap()
        return _code_ids(self.hits), lines

    def write(self, directory: str) -> None:
        """One file per process, written atomically."""
        header = json.dumps(self.header(), separators=(",", ":"))  # dumps: the C encoder
        codes, lines = self.arrays()
        os.makedirs(directory, exist_ok=True)
        handle, temp = tempfile.mkstemp(prefix=".sysmon-", suffix=".tmp", dir=directory)
        try:
            with os.fdopen(handle, "wb") as stream:
                stream.write(header.encode() + b"\n")
                stream.write(codes)
                lines.tofile(stream)
            os.replace(temp, os.path.join(directory, f"sysmon-{os.getpid()}.hits"))
        except BaseException:
            os.unlink(temp)
            raise


def _code_ids(hits: list) -> bytes:
    """id() of hits[0], hits[2], ... as little-endian uint64s.

    In CPython a list's items are an array of pointers, and id() is the
    pointer: so the code ids are copied out of the list at once through
    ctypes instead of making a million ints. The list's layout is checked
    first (its last three fields, ob_size, ob_item and allocated, must hold
    its length, the items and room for them, and the first and last code
    pointers must be their id()s); anything else takes the id() path.
    """
    n = len(hits) // 2
    try:
        import ctypes

        word = ctypes.sizeof(ctypes.c_void_p)
        size, items, allocated = (ctypes.c_ssize_t * 3).from_address(id(hits) + list.__basicsize__ - 3 * word)
        if n and word == 8 and sys.byteorder == "little" and size == len(hits) and allocated >= size and items:
            pointers = memoryview((ctypes.c_uint64 * (2 * n)).from_address(items)).cast("B").cast("Q")
            if pointers[0] == id(hits[0]) and pointers[2 * n - 2] == id(hits[2 * n - 2]):
                return pointers[0::2].tobytes()
    except (ImportError, AttributeError, ValueError, OverflowError):
        pass  # no ctypes (some embedded builds), or not CPython's layout
    ids = array("Q", map(id, hits[0::2]))
    if sys.byteorder != "little":
        ids.byteswap()
    return ids.tobytes()


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


def _group(item) -> tuple | None:
    """The parametrization group of item: the tests of one function with
    the same fixtures, none of them a parametrized fixture wider than a
    function (whose setup differs from one parameter to the next, once for
    many tests). None for anything else.

    Within a group the collector re-arms no line: each line is recorded for
    the first test of the group that ran it (and the phase it ran in), so a
    function parametrized 40 ways costs one test's callbacks, not 40. The
    selector runs every parametrization of a selected test's function
    (pkg/selector), which is what makes that sound.
    """
    spec = getattr(item, "callspec", None)
    if spec is None:
        return None
    try:
        defs = item._fixtureinfo.name2fixturedefs
        for name in spec.params:
            fixturedefs = defs.get(name)
            if fixturedefs and fixturedefs[-1].scope != "function":
                return None
        return item.nodeid.split("[", 1)[0], tuple(item.fixturenames)
    except Exception:  # another pytest's internals: no group, every test re-armed
        return None


# The current test's group, and whether it continues the previous test's.
_current = {"group": None, "continues": False}


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_make_collect_report(collector):
    if _collector is None or _collector.in_phase:
        yield
        return
    before = _collector.collect(collector)
    try:
        yield
    finally:
        _collector.collected(before)


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_setup(item):
    if _collector is not None:
        group = _group(item)
        continues = group is not None and group == _current["group"]
        _current.update(group=group, continues=continues)
        _collector.switch(item.nodeid + "|setup", rearm=not continues)
    yield


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_call(item):
    if _collector is not None:
        _collector.switch(item.nodeid + "|run", rearm=not _current["continues"])
        if _current["continues"]:
            _collector.anchor(getattr(item, "function", None))
    yield


@pytest.hookimpl(hookwrapper=True, tryfirst=True)
def pytest_runtest_teardown(item, nextitem):
    if _collector is not None:
        group = _current["group"]
        next_continues = group is not None and nextitem is not None and _group(nextitem) == group
        _collector.switch(item.nodeid + "|teardown", rearm=not next_continues)
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
    collector.write(os.environ[ENV_OUT])
