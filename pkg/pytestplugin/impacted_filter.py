"""impacted_filter: keep only the tests that `impacted` selected.

Activated with ``-p impacted_filter``. The selection is a JSON file named by
the environment variable IMPACTED_SELECTION, so node ids with spaces or
brackets never pass through a shell or an argument file:

    {"ids":   [exact node ids],
     "bases": [node ids without their [param] part: every parametrization runs],
     "files": [test files: every test in them runs],
     "known": {"<base>": [every parametrized id of that base the map knows]},
     "all":   true when the whole suite is selected (a fallback, sharded),
     "shard": {"index": k, "count": n, "mine": [ids], "others": [ids]},
     "order": [node ids or bases, in the order to run them (optional)]}

An item is kept when its node id is in ids, its base is in bases, its file is
in files, or its base has an exact id selected while the item's own id is not
in known[base]: a parametrization the map never saw (new or renamed values)
cannot be judged, so it runs. Node ids are relative to pytest's rootdir.

With "shard", a kept item runs only in its shard: the ids in "mine" run
here, the ids in "others" run in another shard, and an id in neither (a
test the map does not know) runs in shard owner(id) = the first 8 bytes of
SHA-256(id), big-endian, modulo count, as Go's shard.HashOwner computes, so
every runner puts it in the same single shard. A shard left with nothing to
run exits 0, not pytest's "no tests collected" 5: that is a legitimate
outcome of splitting a small selection.
When "order" is given the kept items are sorted by their position in it (an
id not listed takes its base's position, else comes last), stably, so the
likely failures run first and `-x` stops sooner; every xdist worker sorts the
same way, so the workers still agree on the collection.

The hook runs tryfirst: -k, -m, --lf and reordering plugins then only see the
selected items, and since every filter intersects, the final set does not
depend on the order. Under pytest-xdist every worker collects and filters the
same way, so the workers agree on the collection.
"""

from __future__ import annotations

import hashlib
import json
import os
import posixpath

import pytest

ENV_SELECTION = "IMPACTED_SELECTION"
ENV_REPORT_DIR = "IMPACTED_REPORT_DIR"


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
        self.all = data.get("all") is True
        self.shard = Shard(data["shard"]) if data.get("shard") else None
        self.rank: dict[str, int] = {}
        for i, nodeid in enumerate(_strings(data, "order")):
            self.rank.setdefault(nodeid, i)

    def position(self, nodeid: str) -> int:
        rank = self.rank.get(nodeid)
        if rank is None:
            rank = self.rank.get(node_base(nodeid), len(self.rank))
        return rank

    def keeps(self, nodeid: str) -> bool:
        if self.all or nodeid in self.ids or node_file(nodeid) in self.files:
            return True
        base = node_base(nodeid)
        if base in self.bases:
            return True
        return base in self.exact_bases and nodeid not in self.known.get(base, ())


class Shard:
    """One shard of a split: which of the kept items run here."""

    def __init__(self, data: dict) -> None:
        self.index, self.count = data.get("index"), data.get("count")
        if not isinstance(self.count, int) or not isinstance(self.index, int) or not 0 <= self.index < self.count:
            raise ValueError("'shard' needs 0 <= index < count")
        self.mine = set(_strings(data, "mine"))
        self.others = set(_strings(data, "others"))

    def owns(self, nodeid: str) -> bool:
        if nodeid in self.mine:
            return True
        return nodeid not in self.others and owner(nodeid, self.count) == self.index


def owner(nodeid: str, count: int) -> int:
    digest = hashlib.sha256(nodeid.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % count


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
_SHARD_EMPTIED = pytest.StashKey[bool]()
_EMPTIED_KEY = "impacted_shard_emptied"


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
    if selection.shard is not None:
        mine = [item for item in kept if selection.shard.owns(item.nodeid)]
        config.stash[_SHARD_EMPTIED] = bool(kept) and not mine
        if hasattr(config, "workeroutput"):  # an xdist worker: tell the controller
            config.workeroutput[_EMPTIED_KEY] = config.stash[_SHARD_EMPTIED]
        dropped += [item for item in kept if not selection.shard.owns(item.nodeid)]
        kept = mine
    if selection.rank:
        kept.sort(key=lambda item: selection.position(item.nodeid))
    if dropped:
        config.hook.pytest_deselected(items=dropped)
    items[:] = kept
    if dropped and not kept:
        config.stash[_NONE_LEFT] = True
        if hasattr(config, "workeroutput"):  # an xdist worker: tell the controller
            config.workeroutput[_NONE_LEFT_KEY] = True
    _report(len(kept))


def _report(kept: int) -> None:
    """Tell impacted how many tests the filter kept, and in how many
    processes they run, so its metrics line states facts: one file per
    process that collects (each xdist worker collects the same tests)."""
    directory = os.environ.get(ENV_REPORT_DIR)
    if not directory:
        return
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    count = os.environ.get("PYTEST_XDIST_WORKER_COUNT")
    doc = {"kept": kept, "workers": int(count) if count and count.isdigit() else None}
    path = os.path.join(directory, f"collected-{worker}.json")
    try:
        with open(path + ".tmp", "w", encoding="utf-8") as handle:
            json.dump(doc, handle)
        os.replace(path + ".tmp", path)
    except OSError:
        pass  # the metrics then say "-"; the run itself is unaffected


_NONE_LEFT = pytest.StashKey[bool]()
_NONE_LEFT_KEY = "impacted_filter_none_left"


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Nothing left to run because of impacted itself is exit 0, not pytest's
    "no tests collected" (5): a shard that got nothing of a small selection,
    or a selection whose tests no longer exist (a test that failed when the
    map was built, then deleted). -k or -m deselecting the rest is the
    user's own 5, passed through."""
    if exitstatus != pytest.ExitCode.NO_TESTS_COLLECTED:
        return
    stash = session.config.stash
    if stash.get(_SHARD_EMPTIED, False):
        session.exitstatus = pytest.ExitCode.OK
    elif stash.get(_NONE_LEFT, False):
        session.exitstatus = pytest.ExitCode.OK
        reporter = session.config.pluginmanager.get_plugin("terminalreporter")
        if reporter is not None and not hasattr(session.config, "workerinput"):
            reporter.write_line("impacted_filter: none of the selected tests exists any more; nothing to run (exit 0, not 5)")


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error) -> None:
    """pytest-xdist's controller never filters; its workers say when the
    filter emptied their shard or left them nothing."""
    output = getattr(node, "workeroutput", {})
    if output.get(_EMPTIED_KEY):
        node.config.stash[_SHARD_EMPTIED] = True
    if output.get(_NONE_LEFT_KEY):
        node.config.stash[_NONE_LEFT] = True
