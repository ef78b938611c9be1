#!/usr/bin/env python3
"""CPU time of `impacted select` for two binaries on a replayed project's
commits, in alternating runs (the machine is shared and noisy).

Each commit is set up as `scripts/replay` meets it: a checkout of its
parent with the map the replay cached for that parent, the commit applied
as the working-tree change. Then, for each round, A and B each run one cold
select (no index cache), and the user+system CPU time is taken from wait4.
The report is the median per commit and binary, and the ratio B/A of their
sums.

  scripts/bench_select_ab.py --workdir .cache/replay/work/rich \\
      --maps .cache/replay/cache/rich/maps/KEY --a OLD_BIN --b NEW_BIN \\
      --rounds 3 f2a1c3b8 05ff9709 0752ff04 3286095f
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys


def git(workdir, *args, **kw):
    return subprocess.run(["git", "-C", workdir, *args], check=True, capture_output=True, text=True, **kw).stdout


def setup(workdir, maps, commit):
    sha = git(workdir, "rev-parse", commit).strip()
    parent = git(workdir, "rev-parse", sha + "^").strip()
    git(workdir, "checkout", "-q", "-f", parent)
    git(workdir, "clean", "-qfd", "-e", ".venv", "-e", ".cache")
    os.makedirs(os.path.join(workdir, ".cache"), exist_ok=True)
    shutil.copy(os.path.join(maps, parent, "coverage.json"), os.path.join(workdir, ".cache", "coverage.json"))
    patch = git(workdir, "diff", "--binary", parent, sha)
    subprocess.run(["git", "-C", workdir, "apply"], input=patch, check=True, text=True)
    return sha


def cpu(workdir, binary):
    shutil.rmtree(os.path.join(workdir, ".cache", "impacted"), ignore_errors=True)
    proc = subprocess.Popen([binary, "select"], cwd=workdir, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 2):  # 2: a fallback, still a select
        sys.exit(f"bench_select_ab: {binary} select exited {code} in {workdir}")
    return usage.ru_utime + usage.ru_stime


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--workdir", required=True, help="a replay checkout of the project (with its .venv)")
    ap.add_argument("--maps", required=True, help="the replay's map cache: DIR/<parent sha>/coverage.json")
    ap.add_argument("--a", required=True, help="the baseline binary")
    ap.add_argument("--b", required=True, help="the binary measured against it")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("commits", nargs="+")
    args = ap.parse_args()
    total = {"a": 0.0, "b": 0.0}
    for commit in args.commits:
        sha = setup(args.workdir, args.maps, commit)
        runs = {"a": [], "b": []}
        for _ in range(args.rounds):
            for k in ("a", "b"):
                runs[k].append(cpu(args.workdir, getattr(args, k)))
        med = {k: statistics.median(v) for k, v in runs.items()}
        for k in total:
            total[k] += med[k]
        rounded = {k: [round(x, 3) for x in v] for k, v in runs.items()}
        print(f"{sha[:10]}  A {med['a']:.3f} s  B {med['b']:.3f} s  (A {rounded['a']}, B {rounded['b']})")
    print(f"sum of medians: A {total['a']:.3f} s, B {total['b']:.3f} s, B/A {total['b'] / total['a']:.2f}x")


if __name__ == "__main__":
    main()
