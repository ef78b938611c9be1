"""impacted_filter: keep only the tests that `impacted` selected.

Activated with ``-p impacted_filter``. The selection is a JSON file named by
the environment variable IMPACTED_SELECTION, so node ids with spaces or
brackets never pass through a shell or an argument file:

    {"ids":   [exact node ids],
     "bases": [node ids without their [param] part: every parametrization runs],
     "files": [test files: every test in them runs],
     "known": {"<base>": [every parametrized id of that base the map knows]}}

An item is kept when its node id is in ids, its base is in bases, its file is
in files, or its base has an exact id selected while the item's own id is not
in known[base]: a parametrization the map never saw (new or renamed values)
cannot be judged, so it runs. Node ids are relative to pytest's rootdir.

The hook runs tryfirst: -k, -m, --lf and reordering plugins then only see the
selected items, and since every filter intersects, the final set does not
depend on the order. Under pytest-xdist every worker collects and filters the
same way, so the workers agree on the collection.
"""

from __future__ import annotations

import json
import os
import posixpath

import pytest

ENV_SELECTION = "IMPACTED_SELECTION"


def node_base(nodeid: str) -> str:
    """Strip the parametrization: the first '[' after the file part.

    The file part ends at the first '::' (paths have none), and function or
    class names cannot contain '[', so ids holding '::' or '[' still split
    at the right place.
    """
    path, sep, rest = nodeid.partition("::")
    bracket = rest.find("[")
    if not sep or bracket < 0:
        return nodeid
    return f"{path}::{rest[:bracket]}"


def node_file(nodeid: str) -> str:
    return nodeid.partition("::")[0]


def _clean_path(path: str) -> str:
    path = path.replace("\\", "/")
    return posixpath.normpath(path) if path else path


class Selection:
    """The parsed selection; ``keeps`` is the whole policy."""

    def __init__(self, data: dict) -> None:
        self.ids = set(_strings(data, "ids"))
        self.bases = set(_strings(data, "bases"))
        self.files = {_clean_path(p) for p in _strings(data, "files")}
        known = data.get("known") or {}
        if not isinstance(known, dict):
            raise ValueError("'known' must be an object of base -> [ids]")
        self.known = {base: set(ids) for base, ids in known.items()}
        self.exact_bases = {node_base(nodeid) for nodeid in self.ids}

    def keeps(self, nodeid: str) -> bool:
        if nodeid in self.ids or node_file(nodeid) in self.files:
            return True
        base = node_base(nodeid)
        if base in self.bases:
            return True
        return base in self.exact_bases and nodeid not in self.known.get(base, ())


def _strings(data: dict, key: str) -> list[str]:
    values = data.get(key) or []
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise ValueError(f"{key!r} must be a list of strings")
    return values


def load_selection(path: str) -> Selection:
    try:
        with open(path, encoding="utf-8") as handle:
            data = json.load(handle)
        if not isinstance(data, dict):
            raise ValueError("top level must be an object")
        return Selection(data)
    except (OSError, ValueError) as err:
        raise pytest.UsageError(f"impacted_filter: cannot use selection {path}: {err}") from err


_SELECTION = pytest.StashKey[Selection]()


def pytest_configure(config: pytest.Config) -> None:
    path = os.environ.get(ENV_SELECTION)
    if not path:
        raise pytest.UsageError(f"impacted_filter: set {ENV_SELECTION} to the selection JSON file")
    config.stash[_SELECTION] = load_selection(path)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    selection = config.stash[_SELECTION]
    kept, dropped = [], []
    for item in items:
        (kept if selection.keeps(item.nodeid) else dropped).append(item)
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept
    if dropped and not kept:
        config.stash[_NONE_LEFT] = True
        if hasattr(config, "workeroutput"):  # an xdist worker: tell the controller
            config.workeroutput[_NONE_LEFT_KEY] = True


_NONE_LEFT = pytest.StashKey[bool]()
_NONE_LEFT_KEY = "impacted_filter_none_left"


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """The xdist controller never filters; its workers say when the filter
    left them nothing."""
    if getattr(node, "workeroutput", {}).get(_NONE_LEFT_KEY):
        node.config.stash[_NONE_LEFT] = True


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """A selection whose tests no longer exist (say, a test that failed when
    the map was built, then deleted) leaves nothing to run: that is the
    empty selection `impacted run` exits 0 for, not pytest's "no tests
    collected" (5), which would fail a CI job for deleting a broken test.
    Only when this filter left nothing: -k or -m deselecting the rest is
    the user's own 5, passed through."""
    if exitstatus == pytest.ExitCode.NO_TESTS_COLLECTED and session.config.stash.get(_NONE_LEFT, False):
        session.exitstatus = pytest.ExitCode.OK
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and not hasattr(session.config, "workerinput"):
            reporter.write_line("impacted_filter: none of the selected tests exists any more; nothing to run (exit 0, not 5)")
