#!/usr/bin/env python3
"""Compare `impacted select` with the ADR's Python selector on a synthetic project.

Generates a synthetic repository and coverage map once (scripts/gen_synthetic_map.py,
10,000 tests over 1,500 modules by default, with an uncommitted edit in 3 modules),
then alternates, N times: the Python baseline (scripts/impacted_cov.py), `impacted
select` cold (its index cache .cache/impacted/ deleted first) and `impacted select`
warm. Each child's wall time and peak RSS (ru_maxrss from wait4) are recorded; the
medians and the baseline/impacted ratios are printed as a table.
Standard library only.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent


def measure(cmd: list[str], cwd: Path) -> tuple[float, float, int, str]:
    """Run cmd; return (wall seconds, peak RSS in MiB, exit code, stdout)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        proc.returncode = os.waitstatus_to_exitcode(status)  # reaped by wait4, not by Popen
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode(), err.read().decode()
    if proc.returncode not in (0, 2):
        sys.exit(f"{' '.join(cmd)} exited {proc.returncode}:\n{stderr}")
    return wall, usage.ru_maxrss / 1024, proc.returncode, stdout  # ru_maxrss is KiB on Linux


def generate(work: Path, tests: int, modules: int) -> tuple[Path, Path]:
    repo = work / "repo"
    cov = repo / ".cache" / "coverage.json"
    subprocess.run(
        [sys.executable, str(SCRIPTS / "gen_synthetic_map.py"), "--tests", str(tests),
         "--modules", str(modules), "--out", str(cov), "--repo", str(repo)],
        check=True,
    )
    return repo, cov


def run_all(args: argparse.Namespace, repo: Path, cov: Path) -> dict[str, list[tuple[float, float, int, str]]]:
    base = ["python3", str(SCRIPTS / "impacted_cov.py"), "--base", "HEAD", "--map", str(cov)]
    imp = [str(Path(args.impacted).resolve()), "select", "--map", str(cov), "--base", "HEAD"]
    cache = repo / ".cache" / "impacted"
    results: dict[str, list] = {"python baseline": [], "impacted cold": [], "impacted warm": []}
    measure(base, repo)  # warm the page cache and uv/python start-up once, unrecorded
    for _ in range(args.runs):
        results["python baseline"].append(measure(base, repo))
        shutil.rmtree(cache, ignore_errors=True)
        results["impacted cold"].append(measure(imp, repo))
        results["impacted warm"].append(measure(imp, repo))
    return results


def report(results: dict[str, list[tuple[float, float, int, str]]]) -> None:
    med = {k: (statistics.median(r[0] for r in v), statistics.median(r[1] for r in v)) for k, v in results.items()}
    runs = len(next(iter(results.values())))
    print(f"\n{'variant':<18}{'median ms':>12}{'peak RSS MiB':>15}{'exit':>6}{'selected':>10}   (N={runs})")
    for k, v in results.items():
        last = v[-1]
        print(f"{k:<18}{med[k][0] * 1000:>12.1f}{med[k][1]:>15.1f}{last[2]:>6}{len(last[3].split()):>10}")
    b = med["python baseline"]
    for kind in ("cold", "warm"):
        i = med[f"impacted {kind}"]
        print(f"ratio baseline/impacted {kind}: time {b[0] / i[0]:.1f}x, peak memory {b[1] / i[1]:.1f}x")
    same = {r[3] for v in results.values() for r in v}
    print("selections agree:", "yes" if len(same) == 1 else "NO")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impacted", required=True, help="path to the built impacted binary")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--tests", type=int, default=10000)
    ap.add_argument("--modules", type=int, default=1500)
    ap.add_argument("--workdir", type=Path, help="keep the synthetic repository here (default: a temp dir, removed)")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="impacted-bench-"))
    try:
        repo, cov = generate(work, args.tests, args.modules)
        report(run_all(args, repo, cov))
    finally:
        if args.workdir is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
