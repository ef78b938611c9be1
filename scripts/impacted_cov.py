# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""Select the pytest node ids impacted by a git diff, from a coverage contexts map.

The ADR's Python selector, kept as the baseline `impacted select` is measured
against. It reads the JSON written by `coverage json --show-contexts` after a
`pytest --cov-context=test` run, maps changed lines to the tests that ran them
and prints their node ids. Exit 0: a selection was printed; exit 2: run the
whole suite instead (the reason is printed with --verbose).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from pathlib import PurePosixPath

PHASES = ("setup", "run", "teardown")
INVALIDATING_NAMES = {"conftest.py", "pyproject.toml", "pytest.ini", "uv.lock"}
HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def git(*args: str) -> str:
    return subprocess.run(["git", *args], check=True, capture_output=True, text=True).stdout


def changed_lines(base: str) -> dict[str, set[int] | None]:
    """path -> changed line numbers of the new side; None means the whole file."""
    changes: dict[str, set[int] | None] = {}
    old = path = None
    for line in git("diff", "-U0", "--no-color", "--no-ext-diff", base).splitlines():
        if line.startswith("--- "):
            old = line[6:] if line.startswith("--- a/") else None
        elif line.startswith("+++ "):
            path = line[6:] if line.startswith("+++ b/") else None
            if path is None and old is not None:
                changes[old] = None  # deleted: everything that ran it is impacted
            elif path is not None:
                changes.setdefault(path, set())
            if old is not None and path is not None and old != path:
                changes[old] = None  # renamed away
        elif path is not None and (m := HUNK.match(line)):
            start, count = int(m.group(1)), int(m.group(2) or "1")
            lines = changes[path]
            if lines is not None:
                # A pure deletion (count 0) touches the lines around it.
                lines.update(range(start, start + count) if count else (start, start + 1))
    for path in git("ls-files", "--others", "--exclude-standard").splitlines():
        changes[path] = None
    return changes


def invalidates(path: str) -> bool:
    p = PurePosixPath(path)
    return (
        p.parts[:1] == ("tests",)
        or "tests" in p.parts[:-1]
        or p.name in INVALIDATING_NAMES
        or path.endswith("scripts/impacted_cov.py")
    )


def node_id(context: str) -> str:
    head, sep, tail = context.rpartition("|")
    return head if sep and tail in PHASES else context


def matches(key: str, path: str, strict: bool) -> bool:
    if strict:
        return key == path
    return key == path or key.endswith("/" + path) or path.endswith("/" + key)


def select(args: argparse.Namespace) -> tuple[list[str], int, str]:
    """(node ids, total tests in map, fallback reason or "")."""
    try:
        changes = changed_lines(args.base)
    except subprocess.CalledProcessError as e:
        first = (e.stderr or "").strip().splitlines()[:1]
        return [], 0, f"git-diff-failed:{first[0] if first else e.returncode}"
    for path in sorted(changes):
        if invalidates(path):
            return [], 0, f"invalidated:{path}"
    try:
        with open(args.map) as fh:
            data = json.load(fh)
    except (OSError, ValueError) as e:
        return [], 0, f"map-unreadable:{e}"
    files = data.get("files", {})
    everyone = {node_id(c) for f in files.values() for cs in f.get("contexts", {}).values() for c in cs if c}
    selected: set[str] = set()
    for path, lines in changes.items():
        for key, report in files.items():
            if not matches(key, path, args.strict_paths):
                continue
            for line, contexts in report.get("contexts", {}).items():
                if lines is None or int(line) in lines:
                    selected.update(node_id(c) for c in contexts if c)
    if not selected:
        return [], len(everyone), "empty-selection"
    p = len(selected) / max(len(everyone), 1)
    if p > float(os.environ.get("IMPACTED_THRESHOLD", "0.4")):
        return sorted(selected), len(everyone), f"threshold:p={p:.3f}"
    return sorted(selected), len(everyone), ""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--base", default=os.environ.get("IMPACTED_BASE", "origin/main"))
    ap.add_argument("--map", default=".cache/coverage.json")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--strict-paths", action="store_true")
    args = ap.parse_args()
    t0 = time.perf_counter()
    selected, total, reason = select(args)
    ms = (time.perf_counter() - t0) * 1000
    if args.verbose:
        p = len(selected) / total if total else 0.0
        print(f"impacted_count={len(selected)} total_in_map={total} p={p:.3f} "
              f"selector_ms={ms:.0f} fallback_reason={reason or 'none'}", file=sys.stderr)
    if reason:
        return 2
    sys.stdout.write("".join(n + "\n" for n in selected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
