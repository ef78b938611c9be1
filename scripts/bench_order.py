#!/usr/bin/env python3
# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""Time to the first failure: `impacted run` (failing-first) against pytest's order.

For every scenario patch in cmd/impacted/testdata/scenarios/<project>/ whose
header says `# breaks: yes`, in a scratch copy of examples/<project> (a fresh
git repository, `uv sync --frozen`, `impacted map build`): apply the patch and
run, alternating which goes first,
  (a) impacted run --order none -- -x -p no:randomly   (pytest's order: the baseline)
  (b) impacted run              -- -x -p no:randomly   (failing-first)
With -x pytest stops at the first failure, so the tests it ran (passed +
failed + errors in its summary) are the tests it needed to find one, and the
CPU time of the process tree is the time to it. Scenarios where impacted
falls back to the whole suite run no filter plugin, hence no order: they are
counted apart. Prints per project and overall: the tests run to the first
failure (sum and median, a/b as a ratio) and the CPU time (sum, a/b).
Numbers are reported, never asserted. Standard library only.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = REPO / "cmd" / "impacted" / "testdata" / "scenarios"
COPY_IGNORE = shutil.ignore_patterns(".venv", ".cache", "__pycache__", ".pytest_cache", ".coverage*")
GIT = ["git", "-c", "user.name=bench", "-c", "user.email=bench@example.invalid"]
COUNT = re.compile(r"(\d+) (passed|failed|errors?)")


def sh(cmd: list[str], cwd: Path, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, check=check, capture_output=True, text=True)


def child_cpu() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def one_run(impacted: str, cwd: Path, order: str) -> tuple[int, float, bool]:
    """Tests pytest ran until it stopped, the CPU time, whether it fell back."""
    before = child_cpu()
    p = subprocess.run([impacted, "run", "--order", order, "--", "-x", "-p", "no:randomly"],
                       cwd=cwd, capture_output=True, text=True)
    cpu = child_cpu() - before
    summary = [l for l in p.stdout.splitlines() if " in " in l and COUNT.search(l)]
    ran = sum(int(n) for n, _ in COUNT.findall(summary[-1])) if summary else 0
    return ran, cpu, "full=true" in p.stdout


def project(impacted: str, name: str, scratch: Path) -> list[tuple[str, int, int, float, float]]:
    base = scratch / name
    shutil.copytree(REPO / "examples" / name, base, ignore=COPY_IGNORE)
    sh(["git", "init", "-q"], base)
    sh(["git", "add", "-A"], base)
    sh(GIT + ["commit", "-qm", "base"], base)
    sh(["uv", "sync", "-q", "--frozen"], base)
    sh([impacted, "map", "build"], base)
    rows = []
    patches = sorted(p for p in (SCENARIOS / name).glob("*.patch") if "# breaks: yes" in p.read_text())
    for i, patch in enumerate(patches):
        sh(["git", "checkout", "-q", "--", "."], base)
        sh(["git", "clean", "-qfd", "-e", ".venv", "-e", ".cache"], base)
        if sh(["git", "apply", str(patch)], base, check=False).returncode != 0:
            print(f"  {patch.name}: does not apply, skipped", file=sys.stderr)
            continue
        first, second = ("none", "failing-first") if i % 2 == 0 else ("failing-first", "none")
        res = {first: one_run(impacted, base, first), second: one_run(impacted, base, second)}
        (a_n, a_cpu, fell), (b_n, b_cpu, _) = res["none"], res["failing-first"]
        rows.append((patch.name, a_n, b_n, a_cpu, b_cpu) if not fell else (patch.name, -1, -1, 0.0, 0.0))
        print(f"  {name}/{patch.name}: pytest order {a_n} tests, failing-first {b_n}{' (fallback)' if fell else ''}", file=sys.stderr)
    return rows


def report(label: str, rows: list) -> None:
    sel = [r for r in rows if r[1] >= 0]
    if not sel:
        print(f"{label}: no scenario with a selection")
        return
    a, b = [r[1] for r in sel], [r[2] for r in sel]
    ac, bc = sum(r[3] for r in sel), sum(r[4] for r in sel)
    better, worse = sum(1 for r in sel if r[2] < r[1]), sum(1 for r in sel if r[2] > r[1])
    print(f"{label}: {len(sel)} breaking scenarios with a selection ({len(rows) - len(sel)} fell back); "
          f"tests to the first failure: pytest order {sum(a)} (median {statistics.median(a)}), failing-first {sum(b)} "
          f"(median {statistics.median(b)}), ratio {sum(a) / max(sum(b), 1):.2f}x; sooner in {better}, later in {worse}; "
          f"CPU s {ac:.1f} vs {bc:.1f}, ratio {ac / max(bc, 1e-9):.2f}x")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impacted", default=str(REPO / ".cache" / "bin" / "impacted"))
    ap.add_argument("projects", nargs="*", default=["shop", "ledger", "inventory_api"])
    args = ap.parse_args()
    print(f"load average: {os.getloadavg()}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.projects:
            got = project(args.impacted, name, Path(tmp))
            report(name, got)
            rows += got
    report("all", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
