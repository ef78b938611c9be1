#!/usr/bin/env python3
# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""Measure what `impacted run --serial` costs over running pytest directly.

In a scratch copy of examples/shop (a fresh git repository, `uv sync --frozen`,
`impacted map build`), a body-only edit to shop.pricing.gross selects a handful of
tests. `impacted run --serial --dry-run` writes the selected node ids to
.cache/impacted_nodeids.txt; then, N times with the order flipped every run:
  (a) uv run pytest -q <those node ids>     (the baseline)
  (b) impacted run --serial                 (select + plan + the same tests)
with stdout and stderr on a pipe, and again under a pseudo-terminal
(`script -qec`, which both variants pay alike) unless --no-pty. Both must pass the
same number of tests. The medians (and MAD) of wall time and of the CPU time of
the whole process tree, the ratio b/a and the difference in ms are printed, with
the selector_ms of impacted's metrics line and the load average. Timings are
reported, never asserted. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "shop"
COPY_IGNORE = shutil.ignore_patterns(".venv", ".cache", "__pycache__", ".pytest_cache", ".coverage*")
EDIT = ("src/shop/pricing.py", "to_decimal(net) * (1 + rate)", "to_decimal(net) * (rate + 1)")
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_AUTHOR_DATE": "2025-10-07T12:00:00Z", "GIT_COMMITTER_DATE": "2025-10-07T12:00:00Z"}


@dataclass
class Sample:
    wall: float  # seconds
    cpu: float  # seconds of user+system time of the whole process tree
    out: str


def clean_env() -> dict[str, str]:
    """The caller's environment without settings that would change either command."""
    drop = ("IMPACTED_", "PYTEST_ARGS", "PYTEST_ADDOPTS")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


def run(cmd: list[str], cwd: Path, env: dict[str, str], ok=(0,)) -> Sample:
    """Run cmd with stdout+stderr on one pipe, drained to EOF, then reaped with wait4."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace")
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.stdout.close()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        sys.exit(f"{shlex.join(cmd)} exited {proc.returncode}:\n{out}")
    return Sample(wall, ru.ru_utime + ru.ru_stime, ANSI.sub("", out))


def setup(work: Path, impacted: str, env: dict[str, str]) -> list[str]:
    """Build the scratch project and its map, edit it; return the selected node ids."""
    shutil.copytree(EXAMPLE, work, ignore=COPY_IGNORE)
    genv = env | GIT_ENV
    for cmd in (["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "shop"],
                ["uv", "sync", "--frozen", "-q"], [impacted, "map", "build"]):
        run(cmd, work, genv)
    path, old, new = EDIT
    src = (work / path).read_text()
    if src.count(old) != 1:
        sys.exit(f"{path}: expected one '{old}' to edit; update EDIT in {__file__}")
    (work / path).write_text(src.replace(old, new))
    dry = run([impacted, "run", "--serial", "--dry-run"], work, env).out
    if "full=false" not in dry:
        sys.exit(f"the edit did not give a narrow selection:\n{dry}")
    ids = (work / ".cache" / "impacted_nodeids.txt").read_text().split()
    if not ids:
        sys.exit("impacted selected no tests for the edit")
    return ids


def passed(out: str) -> int:
    m = re.search(r"(\d+) passed", out)
    return int(m.group(1)) if m else -1


def selector_ms(out: str) -> float:
    m = re.search(r"selector_ms=([0-9.]+)", out)
    return float(m.group(1)) if m else float("nan")


def measure(args: argparse.Namespace, work: Path, ids: list[str], env: dict[str, str], pty: bool) -> dict[str, list[Sample]]:
    cmds = {"a: uv run pytest <ids>": ["uv", "run", "pytest", "-q", *ids],
            "b: impacted run --serial": [args.impacted, "run", "--serial"]}
    if pty:
        cmds = {k: ["script", "-qec", shlex.join(c), "/dev/null"] for k, c in cmds.items()}
    res: dict[str, list[Sample]] = {k: [] for k in cmds}
    for k, c in cmds.items():
        run(c, work, env)  # warm-up, unrecorded
    names = list(cmds)
    for i in range(args.runs):
        for k in names if i % 2 == 0 else names[::-1]:
            c = cmds[k]
            s = run(c, work, env)
            if passed(s.out) != len(ids):
                sys.exit(f"{shlex.join(c)}: expected {len(ids)} passed:\n{s.out}")
            res[k].append(s)
    return res


def mad(xs: list[float]) -> float:
    m = statistics.median(xs)
    return statistics.median(abs(x - m) for x in xs)


def report(title: str, res: dict[str, list[Sample]], load: float) -> None:
    a, b = (res[k] for k in res)
    print(f"\n{title}  (N={len(a)} alternating runs, load average {load:.2f} -> {os.getloadavg()[0]:.2f})")
    print(f"{'variant':<26}{'median ms':>10}{'MAD ms':>8}{'CPU ms':>8}{'selector_ms':>12}")
    for k, v in res.items():
        walls = [s.wall * 1000 for s in v]
        sel = statistics.median(selector_ms(s.out) for s in v)
        print(f"{k:<26}{statistics.median(walls):>10.1f}{mad(walls):>8.1f}"
              f"{statistics.median(s.cpu * 1000 for s in v):>8.1f}{sel:>12.1f}")
    wa, wb = (statistics.median(s.wall * 1000 for s in v) for v in (a, b))
    ca, cb = (statistics.median(s.cpu * 1000 for s in v) for v in (a, b))
    print(f"ratio b/a: wall {wb / wa:.3f} ({wb - wa:+.1f} ms), CPU {cb / ca:.3f} ({cb - ca:+.1f} ms); "
          f"issue target: wall ratio <= 1.05")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impacted", required=True, help="path to the built impacted binary")
    ap.add_argument("--runs", type=int, default=9, help="alternating runs per variant (default 9)")
    ap.add_argument("--no-pty", action="store_true", help="skip the runs under a pseudo-terminal")
    ap.add_argument("--keep", action="store_true", help="keep the scratch project and print where it is")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    args.impacted = str(Path(args.impacted).resolve())
    for tool in ("git", "uv") + (() if args.no_pty else ("script",)):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is required (see scripts/ensure-tools)")
    tmp = Path(tempfile.mkdtemp(prefix="impacted-bench-run-"))
    env = clean_env()
    try:
        ids = setup(tmp / "shop", args.impacted, env)
        print(f"selected {len(ids)} node ids: {' '.join(ids)}")
        for pty in (False,) if args.no_pty else (False, True):
            load = os.getloadavg()[0]
            res = measure(args, tmp / "shop", ids, env, pty)
            report("under a pty (script -qec)" if pty else "stdout to a pipe", res, load)
    finally:
        if args.keep:
            print(f"kept {tmp / 'shop'}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
