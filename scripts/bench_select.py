#!/usr/bin/env python3
# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""Compare `impacted select` with the ADR's Python selector on a synthetic project.

Generates a synthetic repository and coverage map once (scripts/gen_synthetic_map.py,
10,000 tests over 1,500 modules by default), then turns the generator's edits into
code edits: the generator appends a comment to a few body lines, which `impacted`
rightly ignores (it compares tokens), so each marked function's first body line is
changed instead. Every test that ran a function ran its first body line, so the
line-level baseline and the function-level `impacted` must select the same node ids;
the harness fails (exit 1) when they do not, since the timings would then compare
different work.

Then it alternates, N times (the order flips every run): the Python baseline
(scripts/impacted_cov.py under this interpreter), `impacted select` cold (its index
cache .cache/impacted/ deleted first) and `impacted select` warm. Each child's wall
time and peak RSS (ru_maxrss from wait4) are recorded, with the selector_ms each
selector reports itself (its work without interpreter or process start-up). The
medians, the MAD and the baseline/impacted ratios are printed as a table, with the
load average. Timings are reported, never asserted. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent
MARKER = "  # edited"
SELECTOR_MS = re.compile(r"selector_ms=([0-9.]+)")
TARGETS = {"cold": 3.0, "warm": 20.0}  # the acceptance ratios (time)


@dataclass
class Sample:
    wall: float  # seconds
    rss: float  # MiB
    code: int
    stdout: str
    stderr: str

    def selector_ms(self) -> float:
        m = SELECTOR_MS.search(self.stderr)
        return float(m.group(1)) if m else float("nan")


def measure(cmd: list[str], cwd: Path) -> Sample:
    """Run cmd with its output in files (not pipes the harness must drain)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
        out.seek(0)
        err.seek(0)
        s = Sample(wall, usage.ru_maxrss / 1024, proc.returncode, out.read().decode(), err.read().decode())
    if s.code not in (0, 2):
        sys.exit(f"{' '.join(cmd)} exited {s.code}:\n{s.stderr}")
    return s


def generate(work: Path, tests: int, modules: int) -> tuple[Path, Path]:
    repo = work / "repo"
    cov = repo / ".cache" / "coverage.json"
    subprocess.run(
        [sys.executable, str(SCRIPTS / "gen_synthetic_map.py"), "--tests", str(tests),
         "--modules", str(modules), "--out", str(cov), "--repo", str(repo)],
        check=True,
    )
    return repo, cov


def edit_source(lines: list[str]) -> int:
    """Unmark the generator's edits and change the first body line of each marked function."""
    edited = 0
    for i, line in enumerate(lines):
        if not line.endswith(MARKER):
            continue
        lines[i] = line[: -len(MARKER)]
        d = next(j for j in range(i, -1, -1) if lines[j].lstrip().startswith("def "))
        if not lines[d + 1].endswith(" + 1000"):
            lines[d + 1] += " + 1000"  # `v = x` -> `v = x + 1000`: a real token change
            edited += 1
    return edited


def make_code_edits(repo: Path) -> int:
    names = subprocess.run(["git", "diff", "--name-only"], cwd=repo, check=True,
                           capture_output=True, text=True).stdout.split()
    edited = 0
    for name in names:
        path = repo / name
        lines = path.read_text().splitlines()
        edited += edit_source(lines)
        path.write_text("\n".join(lines) + "\n")
    if not edited:
        sys.exit(f"no '{MARKER.strip()}' lines in the generator's edits: the harness needs updating")
    return edited


def run_all(args: argparse.Namespace, repo: Path, cov: Path) -> dict[str, list[Sample]]:
    base = [sys.executable, str(SCRIPTS / "impacted_cov.py"), "--base", "HEAD", "--map", str(cov), "--verbose"]
    imp = [str(Path(args.impacted).resolve()), "select", "--map", str(cov), "--base", "HEAD"]
    cache = repo / ".cache" / "impacted"
    results: dict[str, list[Sample]] = {"python baseline": [], "impacted cold": [], "impacted warm": []}

    def baseline() -> None:
        results["python baseline"].append(measure(base, repo))

    def impacted() -> None:
        shutil.rmtree(cache, ignore_errors=True)
        results["impacted cold"].append(measure(imp, repo))
        results["impacted warm"].append(measure(imp, repo))

    measure(base, repo)  # warm the page cache and the interpreter once, unrecorded
    measure(imp, repo)
    for i in range(args.runs):
        for step in (baseline, impacted) if i % 2 == 0 else (impacted, baseline):
            step()
    return results


def check_agreement(results: dict[str, list[Sample]]) -> int:
    """The number of node ids every run selected; exits when runs disagree."""
    want = results["python baseline"][0]
    for name, samples in results.items():
        for s in samples:
            if s.code != 0 or s.stdout != want.stdout:
                a, b = set(want.stdout.split()), set(s.stdout.split())
                sys.exit(f"selections differ ({name}, exit {s.code}): only baseline {sorted(a - b)[:10]}, "
                         f"only {name} {sorted(b - a)[:10]}\n{s.stderr}")
    if not want.stdout.split():
        sys.exit("both selectors selected nothing: the edit did not reach any test")
    return len(want.stdout.split())


def mad(xs: list[float]) -> float:
    m = statistics.median(xs)
    return statistics.median(abs(x - m) for x in xs)


def report(results: dict[str, list[Sample]], selected: int, load: tuple[float, ...]) -> None:
    runs = len(results["python baseline"])
    print(f"\nimpacted select vs scripts/impacted_cov.py (python {sys.version.split()[0]}), N={runs} alternating runs")
    print(f"{'variant':<17}{'median ms':>10}{'MAD ms':>8}{'in-proc ms':>11}{'peak RSS MiB':>13}{'selected':>9}")
    med = {}
    for k, v in results.items():
        walls = [s.wall * 1000 for s in v]
        med[k] = (statistics.median(walls), statistics.median(s.rss for s in v))
        inproc = statistics.median(s.selector_ms() for s in v)
        print(f"{k:<17}{med[k][0]:>10.1f}{mad(walls):>8.1f}{inproc:>11.1f}{med[k][1]:>13.1f}{selected:>9}")
    b = med["python baseline"]
    for kind, target in TARGETS.items():
        i = med[f"impacted {kind}"]
        verdict = "met" if b[0] / i[0] >= target and i[1] < b[1] else "MISSED"
        print(f"baseline/impacted {kind}: time {b[0] / i[0]:.1f}x, peak memory {b[1] / i[1]:.1f}x"
              f"  (target >= {target:g}x and less memory: {verdict})")
    print(f"selections agree: yes ({selected} node ids in every run)")
    print(f"load average before/after: {load[0]:.2f} / {os.getloadavg()[0]:.2f}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impacted", required=True, help="path to the built impacted binary")
    ap.add_argument("--runs", type=int, default=5, help="alternating runs per variant (default 5)")
    ap.add_argument("--tests", type=int, default=10000)
    ap.add_argument("--modules", type=int, default=1500)
    ap.add_argument("--workdir", type=Path, help="keep the synthetic repository here (default: a temp dir, removed)")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    work = args.workdir or Path(tempfile.mkdtemp(prefix="impacted-bench-"))
    try:
        repo, cov = generate(work, args.tests, args.modules)
        print(f"changed the first body line of {make_code_edits(repo)} functions", file=sys.stderr)
        load = os.getloadavg()
        results = run_all(args, repo, cov)
        report(results, check_agreement(results), load)
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
