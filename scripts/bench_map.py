#!/usr/bin/env python3
# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""Measure what `impacted map build` costs against a plain pytest run.

In a scratch copy of examples/heavy (CPU-bound, a fresh git repository,
`uv sync --frozen`, on --python if given), or of a real project with its own
.venv (--project DIR, e.g. a /work/realenv template; pytest is launched with
DIR/.venv/bin/python -m), N rounds run, in an order that rotates every round:
  (a) pytest -q                                     (the baseline)
  (b) impacted map build                            (sysmon collector on 3.12+)
  (c) impacted map build --collector coverage       (pytest-cov contexts, ctrace)
  (d) pytest -q --testmon, from scratch             (with --testmon, if installed)
  (e), (f) impacted map build --xdist 2 / auto      (with --xdist)
  (b0) map build with another impacted binary       (with --compare BIN: before/after)
Every variant must pass the same number of tests.

--update FILE OLD NEW times `impacted map update` instead: a map is built
once, a commit replaces OLD by NEW in FILE (a one-function edit), and the
rounds alternate (u) restoring that map and `impacted map update` with (r)
`impacted map build` on the new commit; both maps' selections for the edit
reverted (a next change touching the same function) are compared. The medians (and MAD) of wall
time and of the CPU time of the whole process tree are printed with the ratios
to (a) and the load average at the start of each run (the machine is shared, so
wall ratios move with it; CPU ratios much less), then the map's size and bytes
per test from `impacted map info --json`.

--diagnose adds plain pytest-cov runs that say where the build's time goes:
--cov=. with and without --cov-context=test, --cov=src, and COVERAGE_CORE=sysmon
(which credits a line to its first test only: a wrong map, but the floor of what
tracing can cost). sysmon needs Python 3.12+: --sysmon-python PATH builds a second
environment with that interpreter and times plain, ctrace and sysmon runs there.
--instructions counts instructions instead of timing: each variant runs once
under valgrind's cachegrind (`--cache-sim=no --trace-children=yes`), and the
instructions (Ir) of its whole process tree (but the tools under /usr/bin
and /bin, and scripts in pytest's tmp_path, that tests and git calls run,
alike in every variant) are reported as a ratio to (a).
Instruction counts are deterministic where CPU time on a shared machine is
not, so one run each says what a change to the collector saves; valgrind is
a `just` dependency, not CI's. About 50x slower than a plain run: narrow the
suite with --pytest-args (e.g. "tests/test_options.py tests/test_basic.py"
on click), which every variant passes to pytest (a map build after `--`).

Timings are reported, never asserted. Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "heavy"
COPY_IGNORE = shutil.ignore_patterns(".venv", ".cache", "__pycache__", ".pytest_cache", ".coverage*")
GIT_ENV = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "bench@example.invalid",
           "GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "bench@example.invalid",
           "GIT_AUTHOR_DATE": "2025-10-07T12:00:00Z", "GIT_COMMITTER_DATE": "2025-10-07T12:00:00Z"}
COV = ["--cov-report=", "--cov-context=test"]
NAME = "examples/heavy"
UPDATE = False


@dataclass
class Variant:
    name: str
    cmd: list[str]
    env: dict[str, str] = field(default_factory=dict)
    walls: list[float] = field(default_factory=list)  # seconds
    cpus: list[float] = field(default_factory=list)  # seconds, user+system of the process tree
    loads: list[float] = field(default_factory=list)  # 1-minute load average at the start
    passed: int = -1
    info: dict | None = None  # `impacted map info --json` after a build
    irefs: int = 0  # instructions of the process tree, with --instructions


def clean_env() -> dict[str, str]:
    """The caller's environment without settings that would change a run."""
    drop = ("IMPACTED_", "PYTEST_ARGS", "PYTEST_ADDOPTS", "COVERAGE_", "UV_PROJECT_ENVIRONMENT")
    return {k: v for k, v in os.environ.items() if not k.startswith(drop)}


def run(cmd: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str]:
    """Run cmd with its output on one pipe; return (wall s, tree CPU s, output)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.read().decode(errors="replace")
    _, status, ru = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - t0
    proc.stdout.close()
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"{shlex.join(cmd)} exited {os.waitstatus_to_exitcode(status)}:\n{out[-4000:]}")
    return wall, ru.ru_utime + ru.ru_stime, out


def setup(work: Path, env: dict[str, str], sysmon_python: str | None, sysmon_venv: Path,
          python: str | None) -> None:
    shutil.copytree(EXAMPLE, work, ignore=COPY_IGNORE)
    cmds = [["git", "init", "-q", "-b", "main"], ["git", "add", "-A"], ["git", "commit", "-q", "-m", "heavy"],
            ["uv", "sync", "--frozen", "-q"] + (["--python", python] if python else [])]
    for cmd in cmds:
        run(cmd, work, env | GIT_ENV)
    if sysmon_python:
        run(["uv", "sync", "--frozen", "-q", "--python", sysmon_python], work,
            env | {"UV_PROJECT_ENVIRONMENT": str(sysmon_venv)})


def variants(impacted: str, diagnose: bool, sysmon_python: str | None, sysmon_venv: Path,
             launcher: list[str], testmon: bool, xdist: bool, no_coverage: bool, compare: str | None) -> list[Variant]:
    pytest = launcher + ["pytest", "-q"]
    build = [impacted, "map", "build"]
    vs = [Variant("a: pytest -q", pytest),
          Variant("b: map build (sysmon)", build),
          Variant("c: map build --collector coverage", build + ["--collector", "coverage"])]
    if no_coverage:
        vs.pop()
    if compare:
        vs.insert(2, Variant("b0: map build, --compare binary", [compare, "map", "build"]))
    if testmon:
        vs.append(Variant("d: testmon first run", ["sh", "-c", 'rm -f .testmondata* && exec "$@"', "-"] + pytest + ["--testmon"]))
    if xdist:
        vs += [Variant("e: map build --xdist 2", build + ["--xdist", "2"]),
               Variant("f: map build --xdist auto", build + ["--xdist", "auto"])]
    if diagnose:
        vs += [Variant("e: --cov=. (no contexts)", pytest + ["--cov=.", "--cov-report="]),
               Variant("f: --cov=. contexts", pytest + ["--cov=."] + COV),
               Variant("g: --cov=src contexts", pytest + ["--cov=src"] + COV)]
    if diagnose and sysmon_python:
        env = {"UV_PROJECT_ENVIRONMENT": str(sysmon_venv)}
        vs += [Variant("h: 3.12+ plain", pytest, env),
               Variant("i: 3.12+ ctrace contexts", pytest + ["--cov=."] + COV, env | {"COVERAGE_CORE": "ctrace"}),
               Variant("j: 3.12+ sysmon contexts", pytest + ["--cov=."] + COV, env | {"COVERAGE_CORE": "sysmon"})]
    return vs


def measure(vs: list[Variant], runs: int, work: Path, env: dict[str, str], impacted: str) -> None:
    for i in range(runs):
        for v in vs[i % len(vs):] + vs[: i % len(vs)]:
            load = os.getloadavg()[0]
            wall, cpu, out = run(v.cmd, work, env | v.env)
            m = re.search(r"(\d+) passed", out)
            f = re.search(r"(\d+) failed", out)
            v.passed = (int(m.group(1)) if m else -1, int(f.group(1)) if f else 0)
            v.walls.append(wall)
            v.cpus.append(cpu)
            v.loads.append(load)
            if v.cmd[1:3] == ["map", "build"]:
                v.info = json.loads(run([v.cmd[0], "map", "info", "--json"], work, env)[2])
            print(f"  round {i + 1}: {v.name:<28}{wall:7.2f} s  cpu {cpu:7.2f} s  load {load:.2f}", file=sys.stderr)
    if not UPDATE and (len({v.passed for v in vs}) != 1 or vs[0].passed[0] <= 0):
        sys.exit("the variants did not pass the same tests: " + ", ".join(f"{v.name}={v.passed}" for v in vs))


def count_instructions(vs: list[Variant], work: Path, env: dict[str, str]) -> None:
    """Each variant once under cachegrind: the Ir of every process it started, summed."""
    if shutil.which("valgrind") is None:
        sys.exit("--instructions needs valgrind (apt-get install valgrind)")
    for v in vs:
        out = Path(tempfile.mkdtemp(prefix="cachegrind-", dir=work.parent))
        # valgrind's messages go to files, and the system's tools the tests
        # run (click's pagers: cat, less, scripts in pytest's tmp_path) run
        # natively: traced, click's pager tests fail. They are the same in
        # every variant. (Not all of /tmp: the project's copy is there.)
        cmd = ["valgrind", "--tool=cachegrind", "--cache-sim=no", "--trace-children=yes",
               "--trace-children-skip=/usr/bin/*,/bin/*,*/pytest-of-*",
               f"--cachegrind-out-file={out}/%p.cg", f"--log-file={out}/%p.log"] + v.cmd
        wall, _, text = run(cmd, work, env | v.env)
        m = re.search(r"(\d+) passed", text)
        v.passed = (int(m.group(1)) if m else -1, 0)
        traced = False
        for f in out.glob("*.cg"):
            text = f.read_text()
            traced = traced or re.search(r"^cmd: .*\bpytest\b", text, re.M) is not None
            if s := re.search(r"^summary: (\d+)", text, re.M):
                v.irefs += int(s.group(1))
        if not traced:
            sys.exit(f"{v.name}: valgrind traced no pytest process (--trace-children-skip too wide?)")
        print(f"  {v.name:<36}{v.irefs / 1e9:8.2f} G Ir  ({wall:.0f} s under valgrind)", file=sys.stderr)
    if len({v.passed for v in vs}) != 1 or vs[0].passed[0] <= 0:
        sys.exit("the variants did not pass the same tests: " + ", ".join(f"{v.name}={v.passed}" for v in vs))
    print(f"\ninstructions (cachegrind Ir of the process tree) on {NAME}, {vs[0].passed[0]} passed, one run each")
    for v in vs:
        print(f"{v.name:<36}{v.irefs / 1e9:>9.3f} G{v.irefs / vs[0].irefs:>7.3f}x")


def with_pytest_args(vs: list[Variant], args: list[str]) -> None:
    """Pass args to every variant's pytest: a map build's after `--`."""
    for v in vs:
        v.cmd += (["--"] if "map" in v.cmd[1:3] else []) + args


def update_variants(impacted: str, work: Path, env: dict[str, str], edit: list[str],
                    compare: str | None) -> list[Variant]:
    """Build the base map, commit the edit, and return (u) update vs (r) rebuild
    (and (u0) the --compare binary's update)."""
    run([impacted, "map", "build"], work, env)
    base = work / ".cache" / "base-map.json"
    shutil.copy(work / ".cache" / "coverage.json", base)
    path = work / edit[0]
    text = path.read_text()
    if edit[1] not in text:
        sys.exit(f"--update: {edit[1]!r} is not in {edit[0]}")
    path.write_text(text.replace(edit[1], edit[2], 1))
    run(["git", "commit", "-q", "-am", "one-function edit"], work, env | GIT_ENV)
    restore = f'cp {shlex.quote(str(base))} .cache/coverage.json && exec "$@"'
    vs = [Variant("u: map update", ["sh", "-c", restore, "-", impacted, "map", "update"]),
          Variant("r: map build", [impacted, "map", "build"])]
    if compare:
        vs.append(Variant("u0: map update, --compare binary", ["sh", "-c", restore, "-", compare, "map", "update"]))
    return vs


def compare_update(impacted: str, work: Path, env: dict[str, str], edit: list[str]) -> None:
    """Select a next change (the edit reverted) with an updated and a rebuilt map."""
    maps = {}
    for name, cmd in (("rebuilt", [impacted, "map", "build"]),
                      ("updated", ["sh", "-c", f"cp .cache/base-map.json .cache/coverage.json && exec {shlex.quote(impacted)} map update"])):
        run(cmd, work, env)
        shutil.copy(work / ".cache" / "coverage.json", work / ".cache" / f"{name}.json")
    path = work / edit[0]
    path.write_text(path.read_text().replace(edit[2], edit[1], 1))
    for name in ("rebuilt", "updated"):
        out = subprocess.run([impacted, "select", "--map", f".cache/{name}.json"], cwd=work, env=env,
                             capture_output=True, text=True).stdout.split()
        maps[name] = out
    same = maps["rebuilt"] == maps["updated"]
    print(f"\nnext change (the edit reverted): rebuilt map selects {len(maps['rebuilt'])}, updated map "
          f"{len(maps['updated'])}: {'the same' if same else 'DIFFERENT'}")
    subprocess.run(["git", "checkout", "-q", "--", "."], cwd=work)


def mad(xs: list[float]) -> float:
    m = statistics.median(xs)
    return statistics.median(abs(x - m) for x in xs)


def report(vs: list[Variant]) -> None:
    base = vs[0]
    bw, bc = statistics.median(base.walls), statistics.median(base.cpus)
    print(f"\nmap build vs plain run on {NAME} ({base.passed[0]} passed, {base.passed[1]} failed, {os.cpu_count()} cores), "
          f"N={len(base.walls)} rotating rounds")
    print(f"{'variant':<36}{'wall s':>8}{'MAD':>6}{'x (a)':>7}{'CPU s':>8}{'x (a)':>7}{'load':>6}")
    for v in vs:
        w, c = statistics.median(v.walls), statistics.median(v.cpus)
        print(f"{v.name:<36}{w:>8.2f}{mad(v.walls):>6.2f}{w / bw:>7.2f}{c:>8.2f}{c / bc:>7.2f}"
              f"{statistics.median(v.loads):>6.2f}")
    print(f"\n{'map written by':<36}{'bytes':>9}{'tests':>7}{'files':>7}{'bytes/test':>11}  usable  python / coverage")
    for v in vs:
        if (i := v.info) is not None:
            print(f"{v.name:<36}{i['bytes']:>9}{i['tests']:>7}{i['files']:>7}{i['bytes_per_test']:>11}  "
                  f"{str(i['usable']).lower():<6}  {i['python']} / {i['coverage']}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--impacted", required=True, help="path to the built impacted binary")
    ap.add_argument("--runs", type=int, default=3, help="rounds; each runs every variant once (default 3)")
    ap.add_argument("--diagnose", action="store_true", help="also time plain pytest-cov runs (see above)")
    ap.add_argument("--sysmon-python", metavar="PATH", help="a Python 3.12+ for the sysmon reference (with --diagnose)")
    ap.add_argument("--keep", action="store_true", help="keep the scratch project and print where it is")
    ap.add_argument("--python", metavar="PATH", help="the interpreter for examples/heavy's environment")
    ap.add_argument("--project", metavar="DIR", help="a git project with its own .venv, copied, instead of examples/heavy")
    ap.add_argument("--testmon", action="store_true", help="also time a first pytest-testmon run")
    ap.add_argument("--update", nargs=3, metavar=("FILE", "OLD", "NEW"), help="time map update after this edit (see above)")
    ap.add_argument("--no-coverage", action="store_true", help="leave out (c), the slowest, on a loaded machine")
    ap.add_argument("--xdist", action="store_true", help="also time map builds with --xdist 2 and auto")
    ap.add_argument("--instructions", action="store_true", help="count each variant's instructions under "
                    "cachegrind, once each, instead of timing it (see above)")
    ap.add_argument("--pytest-args", metavar="ARGS", default="", help="more pytest arguments for every variant "
                    "(one shell-quoted string), e.g. a few test files with --instructions")
    ap.add_argument("--compare", metavar="BIN", help="also time map build (or update) with this impacted binary, "
                    "alternating with --impacted: a before/after in one run")
    args = ap.parse_args()
    if args.runs < 1:
        ap.error("--runs must be at least 1")
    impacted = str(Path(args.impacted).resolve())
    tmp = Path(tempfile.mkdtemp(prefix="impacted-bench-map-"))
    env = clean_env()
    try:
        global NAME, UPDATE
        sysmon_venv = tmp / "venv-sysmon"
        launcher = ["uv", "run"]
        if args.project:
            src = Path(args.project).resolve()
            NAME = src.name
            work = tmp / src.name
            run(["cp", "-a", str(src), str(work)], tmp, env)
            launcher = [str(work / ".venv" / "bin" / "python"), "-m"]
            env["IMPACTED_RUNNER"] = shlex.join(launcher)
        else:
            work = tmp / "heavy"
            setup(work, env, args.sysmon_python if args.diagnose else None, sysmon_venv, args.python)
        compare = str(Path(args.compare).resolve()) if args.compare else None
        vs = variants(impacted, args.diagnose, args.sysmon_python, sysmon_venv, launcher, args.testmon, args.xdist,
                      args.no_coverage, compare)
        if args.update:
            UPDATE = True
            vs = update_variants(impacted, work, env, args.update, compare)
        elif args.pytest_args:
            with_pytest_args(vs, shlex.split(args.pytest_args))
        if args.instructions:
            count_instructions(vs, work, env)
            return 0
        measure(vs, args.runs, work, env, impacted)
        report(vs)
        if args.update:
            compare_update(impacted, work, env, args.update)
    finally:
        if args.keep:
            print(f"kept {tmp / 'heavy'}")
        else:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
