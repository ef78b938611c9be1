#!/usr/bin/env python3
"""Write a synthetic per-test coverage map shaped like `coverage json --show-contexts`.

The map mimics what pytest-cov (--cov-context=test) and coverage.py 7.x produce
for a large project: relative paths (src/pkgNN/modNNNN.py), contexts
`tests/test_modNNN.py::test_fn_K[param]|run` plus `|setup`, `|teardown` and the
empty import-time context, format 3 per-function and per-class regions that
repeat the contexts, and line keys in the unsorted order coverage writes them.

With --repo DIR it also lays out a git repository whose files exist at the
mapped paths, commits it, then edits a function-body line in 3 modules
(uncommitted), so `git diff` gives a selector something to select.
Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
from pathlib import Path

TESTS_PER_FILE = 20
CORE_MODULES = 40  # shared utilities: many tests run them, so sets get large


def module_path(m: int) -> str:
    return f"src/pkg{m // 100:02d}/mod{m:04d}.py"


def test_path(t: int) -> str:
    return f"tests/test_mod{t:03d}.py"


class Module:
    """The line layout of one generated module: top-level functions, then a class."""

    def __init__(self, m: int, rng: random.Random) -> None:
        self.path = module_path(m)
        self.lines = [f'"""Synthetic module {m}."""', "import math", ""]
        self.import_lines = [1, 2]
        self.funcs: list[tuple[str, int, list[int], str]] = []  # name, def line, body, class
        for f in range(rng.randint(6, 14)):
            self._func(f"fn_{f}", "", rng)
        self.lines.append("class Helper:")
        self.import_lines.append(len(self.lines))
        for f in range(2):
            self._func(f"meth_{f}", "Helper", rng)

    def _func(self, name: str, cls: str, rng: random.Random) -> None:
        indent = "    " if cls else ""
        self.lines.append(f"{indent}def {name}(self, x):" if cls else f"def {name}(x):")
        def_line = len(self.lines)
        self.import_lines.append(def_line)
        body = []
        self.lines.append(f"{indent}    v = x")
        body.append(len(self.lines))
        for i in range(rng.randint(2, 9)):
            self.lines.append(f"{indent}    v = v + {i + 1}")
            body.append(len(self.lines))
        self.lines.append(f"{indent}    return v")
        body.append(len(self.lines))
        self.lines.append("")
        qual = f"{cls}.{name}" if cls else name
        self.funcs.append((qual, def_line, body, cls))

    def source(self) -> str:
        return "\n".join(self.lines) + "\n"


def node_ids(n_tests: int, rng: random.Random) -> list[tuple[int, str]]:
    """(test file index, node id) for n_tests tests, some parametrized."""
    out: list[tuple[int, str]] = []
    t = k = 0
    while len(out) < n_tests:
        base = f"{test_path(t)}::test_fn_{k}"
        if rng.random() < 0.3:
            for p in range(rng.randint(2, 4)):
                out.append((t, f"{base}[p{p}-{rng.choice(['a', 'b|c', 'x'])}]"))
        else:
            out.append((t, base))
        k += 1
        if k == TESTS_PER_FILE:
            t, k = t + 1, 0
    return out[:n_tests]


def record(cov: dict, mod: Module, func: tuple, ctx: str, rng: random.Random) -> None:
    """Mark a function's body (or an early-return prefix of it) as run in ctx."""
    body = func[2]
    upto = len(body) if rng.random() < 0.7 else rng.randint(1, len(body))
    lines = cov.setdefault(mod.path, {})
    for line in body[:upto]:
        lines.setdefault(line, []).append(ctx)


def build_contexts(modules: list[Module], tests: list[tuple[int, str]], n_files: int, rng: random.Random) -> dict:
    """path -> line -> contexts, with locality around each test file's home module."""
    cov: dict[str, dict[int, list[str]]] = {}
    n_mod = len(modules)
    by_func: dict[str, list[tuple[Module, tuple]]] = {}
    for t, node in tests:
        key = node.split("[")[0]
        if key not in by_func:  # parametrized variants run the same code
            home = t * n_mod // max(n_files, 1)
            picks = [min(n_mod - 1, home + rng.randint(0, 3)) for _ in range(rng.randint(1, 2))]
            picks += [rng.randrange(min(CORE_MODULES, n_mod)) for _ in range(rng.randint(0, 2))]
            if rng.random() < 0.3:
                picks.append(rng.randrange(n_mod))
            by_func[key] = [(modules[m], rng.choice(modules[m].funcs)) for m in picks]
        for mod, func in by_func[key]:
            record(cov, mod, func, node + "|run", rng)
        if rng.random() < 0.15:
            mod = modules[rng.randrange(min(CORE_MODULES, n_mod))]
            record(cov, mod, mod.funcs[0], node + "|setup", rng)
        if rng.random() < 0.05:
            mod = modules[rng.randrange(min(CORE_MODULES, n_mod))]
            record(cov, mod, mod.funcs[-1], node + "|teardown", rng)
    for mod in modules:
        lines = cov.setdefault(mod.path, {})
        for line in mod.import_lines:
            lines.setdefault(line, []).insert(0, "")
    return cov


def summary(executed: int, missing: int) -> dict:
    total = executed + missing
    pc = 100.0 * executed / total if total else 100.0
    return {
        "covered_lines": executed,
        "num_statements": total,
        "percent_covered": pc,
        "percent_covered_display": str(round(pc)),
        "missing_lines": missing,
        "excluded_lines": 0,
        "percent_statements_covered": pc,
        "percent_statements_covered_display": str(round(pc)),
    }


def region(lines: list[int], start: int, contexts: dict[int, list[str]]) -> dict:
    executed = sorted(line for line in lines if line in contexts)
    missing = sorted(line for line in lines if line not in contexts)
    return {
        "executed_lines": executed,
        "summary": summary(len(executed), len(missing)),
        "missing_lines": missing,
        "excluded_lines": [],
        "start_line": start,
        "contexts": {str(line): contexts[line] for line in executed},
    }


def file_report(mod: Module, contexts: dict[int, list[str]], fmt: int) -> dict:
    statements = sorted(set(mod.import_lines) | {line for f in mod.funcs for line in f[2]})
    executed = [line for line in statements if line in contexts]
    missing = [line for line in statements if line not in contexts]
    # coverage writes import-time lines first and the rest as data comes: not sorted.
    order = [line for line in mod.import_lines if line in contexts]
    order += [line for line in executed if line not in set(mod.import_lines)]
    rep = {
        "executed_lines": executed,
        "summary": summary(len(executed), len(missing)),
        "missing_lines": missing,
        "excluded_lines": [],
        "contexts": {str(line): contexts[line] for line in order},
    }
    if fmt >= 3:
        funcs = {f[0]: region(f[2], f[1], contexts) for f in mod.funcs}
        in_funcs = {line for f in mod.funcs for line in f[2]}
        funcs[""] = region([line for line in statements if line not in in_funcs], 1, contexts)
        cls_lines = [line for f in mod.funcs if f[3] for line in f[2]]
        rep["functions"] = funcs
        rep["classes"] = {
            "Helper": region(cls_lines, mod.import_lines[-3], contexts),
            "": region([line for line in statements if line not in set(cls_lines)], 1, contexts),
        }
    return rep


def write_map(out: Path, modules: list[Module], cov: dict, fmt: int) -> None:
    files = {mod.path: file_report(mod, cov.get(mod.path, {}), fmt) for mod in modules}
    doc = {
        "meta": {
            "format": fmt,
            "version": "7.6.1",
            "timestamp": "2025-10-07T12:00:00.000000",
            "branch_coverage": False,
            "show_contexts": True,
        },
        "files": files,
        "totals": summary(sum(f["summary"]["covered_lines"] for f in files.values()), 0),
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".tmp")
    with open(tmp, "w") as fh:
        json.dump(doc, fh)
    os.replace(tmp, out)


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=synthetic", "-c", "user.email=synthetic@example.invalid", *args],
        cwd=repo, check=True, stdout=subprocess.DEVNULL,
    )


def make_repo(repo: Path, modules: list[Module], tests: list[tuple[int, str]], cov: dict, rng: random.Random) -> None:
    """Lay out, commit, then edit body lines of 3 modules that few tests run."""
    repo.mkdir(parents=True, exist_ok=True)
    for mod in modules:
        p = repo / mod.path
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(mod.source())
    names: dict[int, list[str]] = {}
    for t, node in tests:
        fn = node.split("::")[1].split("[")[0]
        if fn not in names.setdefault(t, []):
            names[t].append(fn)
    (repo / "tests").mkdir(exist_ok=True)
    for t, fns in names.items():
        (repo / test_path(t)).write_text("".join(f"def {fn}():\n    pass\n\n\n" for fn in fns))
    (repo / ".gitignore").write_text(".cache/\n")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "synthetic project")
    impacted: set[str] = set()
    candidates = [m for m in modules[CORE_MODULES:] if m.path in cov] or modules
    for mod in rng.sample(candidates, min(3, len(candidates))):
        lines = mod.source().splitlines()
        covered = [ln for f in mod.funcs for ln in f[2][1:-1] if ln in cov.get(mod.path, {})]
        for ln in rng.sample(covered, min(2, len(covered))):
            lines[ln - 1] += "  # edited"
            impacted.update(c.rsplit("|", 1)[0] for c in cov[mod.path][ln] if c)
        (repo / mod.path).write_text("\n".join(lines) + "\n")
        print(f"edited {mod.path}", file=sys.stderr)
    print(f"expected impacted tests: {len(impacted)}", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tests", type=int, default=10000)
    ap.add_argument("--modules", type=int, default=1500)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--format", type=int, choices=(2, 3), default=3)
    ap.add_argument("--repo", type=Path)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    modules = [Module(m, rng) for m in range(args.modules)]
    tests = node_ids(args.tests, rng)
    n_files = tests[-1][0] + 1 if tests else 1
    cov = build_contexts(modules, tests, n_files, rng)
    write_map(args.out, modules, cov, args.format)
    print(f"wrote {args.out}: {args.out.stat().st_size / 1e6:.1f} MB, "
          f"{len(tests)} tests, {len(modules)} modules", file=sys.stderr)
    if args.repo:
        make_repo(args.repo, modules, tests, cov, rng)
    return 0


if __name__ == "__main__":
    sys.exit(main())
