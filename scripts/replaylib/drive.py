"""The two loops: real commits and seeded mutations. Each change becomes one JSON
line: impacted's selection and its cost, the truth, misses, and testmon's run."""

import glob
import pathlib
import shutil
import json
import subprocess
import sys
import time

from . import proc
from .steps import SESSION, UNFINISHED, Checkout

MUTATE = __file__.replace("drive.py", "mutate.py")


def covered(nodeid, selected):
    """Whether a test runs under the selection: its id, an id it parametrizes, a
    class or file containing it, or (a module that failed to collect) a test in it."""
    if nodeid in selected:
        return True
    base = nodeid.split("[", 1)[0]
    parts = base.split("::")
    for i in range(1, len(parts) + 1):
        if "::".join(parts[:i]) in selected:
            return True
    path = parts[0].split("/")
    if any("/".join(path[:i]) in selected for i in range(1, len(path))):
        return True
    return "::" not in nodeid and any(s.startswith(nodeid + "::") for s in selected)


def failing(outcomes):
    return sorted(k for k, v in outcomes.items() if v == "failed")


def judge(co, rec, sel, truth, tm, base_failed):
    """Fills rec with the verdicts: misses (impacted, when it did not fall back) and
    testmon's, each confirmed by rerunning the missed tests at the change."""
    failed = [t for t in failing(truth["outcomes"]) if t != UNFINISHED] if truth else []
    rec["truth"] = None if truth is None else {"code": truth["code"], "wall_s": truth["wall_s"],
                                                "total": len(truth["outcomes"]), "failed": failed,
                                                "incomplete": UNFINISHED in truth["outcomes"]}
    rec["broke"] = None if truth is None else bool(set(failed) - set(base_failed or []))
    selected = set(sel["selected"])
    rec["misses"] = [t for t in failed if sel["code"] == 0 and not
                     (selected if t == SESSION else covered(t, selected))]
    if tm is not None:
        ran = tm["ran"]
        total = len(truth["outcomes"]) if truth else 0
        rec["testmon"] = {"ran": len(ran), "share": round(len(ran) / total, 4) if total else None,
                          "wall_s": tm["wall_s"], "cpu_s": tm["cpu_s"],
                          "misses": [t for t in failed if t not in ran and
                                     not (t == SESSION and tm["code"] not in (0, 5))]}
    suspects = sorted(set(rec["misses"]) | set((rec.get("testmon") or {}).get("misses", [])))
    suspects = [t for t in suspects if t != SESSION]
    if suspects:  # a flaky failure is not a miss: rerun them at the change
        _, again = co.pytest("confirm", [*co.rec["pytest_args"], *suspects])
        rec["confirmed_failing"] = failing(again)


def select_record(co, sel):
    m = sel.get("metrics", {})
    fell = sel["code"] == 2
    return {"code": sel["code"], "fallback": fell, "fallback_reason": m.get("fallback_reason"),
            "impacted_count": m.get("impacted_count"), "total_in_map": m.get("total_in_map"),
            "share": 1.0 if fell else m.get("p"), "selector_ms": m.get("selector_ms"),
            "cold": sel.get("cold"), "warm": sel.get("warm"), "verbose_lines": sel.get("verbose_lines"),
            "error": sel.get("error")}


def need_truth(co, sel, testmon):
    return testmon or co.rec["truth"] == "always" or sel["code"] == 0


def keep_verbose(co, args, rec):
    """The change's `select --verbose` output, for reading why it selected what."""
    d = pathlib.Path(args.out).parent / "verbose" / co.rec["name"] / (args.label or "run")
    d.mkdir(parents=True, exist_ok=True)
    src = co.logs / "select.cold.err"
    if src.exists():
        shutil.copy2(src, d / f"{rec['mode']}-{rec['id'][:12]}.txt")


def emit(out, rec):
    with open(out, "a") as f:
        f.write(json.dumps(rec) + "\n")
    s = rec["select"]
    tm = rec.get("testmon") or {}
    print(f"replay: {rec['project']} {rec['mode']} {rec['id'][:12]} code={s['code']} "
          f"reason={s['fallback_reason']} share={s['share']} cold={s['cold'] and s['cold']['wall_s']}s "
          f"misses={len(rec['misses'])} testmon={tm.get('ran')}/{tm.get('misses') and len(tm['misses'])} "
          f"[{rec['desc'][:50]}]", file=sys.stderr, flush=True)


def commits(co, args):
    shas = proc.git(co.dir, "rev-list", "--first-parent", "--reverse", co.rec["commits"]).split()
    start = proc.git(co.dir, "rev-parse", shas[0] + "^1")
    for sha in shas[:args.limit or None]:
        parent = start if co.rec["map_at"] == "start" else proc.git(co.dir, "rev-parse", sha + "^1")
        if co.only_measured and co.rec["truth"] == "always" and not co.measured(sha):
            continue  # a rerun of what was measured: no truth here, no map either
        t0 = time.time()
        build = co.map_at(parent)
        if args.testmon and not co.only_measured and not co.testmon_db(parent):
            co.checkout(parent)
            co.build_testmon_db(parent)
        co.checkout(sha)
        sel = co.select("select")
        rec = {"project": co.rec["name"], "mode": "commit", "id": sha, "parent": parent,
               "label": args.label, "desc": proc.git(co.dir, "log", "-1", "--format=%s", sha),
               "files": proc.git(co.dir, "diff", "--name-only", parent, sha).split(),
               "map_build_s": build and round(build.wall_s, 1), "select": select_record(co, sel)}
        truth = co.truth(sha) if need_truth(co, sel, args.testmon) else None
        tm = co.testmon(sha, parent, chain=None if co.rec["map_at"] == "start" else sha) if args.testmon else None
        judge(co, rec, sel, truth, tm, None)
        keep_verbose(co, args, rec)
        rec["step_s"] = round(time.time() - t0, 1)
        emit(args.out, rec)


def mutations(co, args):
    shas = proc.git(co.dir, "rev-list", "--first-parent", co.rec["commits"]).split()
    base = proc.git(co.dir, "rev-parse", co.rec["mutation_base"] or shas[0])
    co.map_at(base)
    co.checkout(base)
    if args.testmon and not co.only_measured:
        co.build_testmon_db(base)
    base_truth = co.truth(base)
    base_failed = failing(base_truth["outcomes"]) if base_truth else []
    tracked = set(proc.git(co.dir, "ls-files").split("\n"))  # not a generated _version.py
    files = sorted({f for g in co.rec["source"] for f in glob.glob(g, root_dir=co.dir, recursive=True) if f in tracked})
    muts = json.loads(subprocess.run([co.python, MUTATE, "--seed", str(args.seed), "--count",
                                      str(args.mutations), *files], cwd=co.dir, check=True,
                                     capture_output=True, text=True).stdout)
    for m in muts:
        if co.only_measured and not co.measured(f"{base}-{m['id']}"):
            continue
        t0 = time.time()
        path = co.dir / m["file"]
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        lines[m["line"] - 1:m["line"]] = [m["after"]] if m["after"] is not None else []
        path.write_text("".join(lines), encoding="utf-8")
        try:
            sel = co.select("select")
            key = f"{base}-{m['id']}"
            rec = {"project": co.rec["name"], "mode": "mutation", "id": m["id"], "parent": base,
                   "label": args.label, "desc": f"{m['kind']} {m['file']}:{m['line']}", "mutation": m,
                   "select": select_record(co, sel)}
            truth = co.truth(key) if need_truth(co, sel, args.testmon) else None
            tm = co.testmon(key, base) if args.testmon else None
            judge(co, rec, sel, truth, tm, base_failed)
            keep_verbose(co, args, rec)
        finally:
            proc.git(co.dir, "checkout", "-q", "--", m["file"])
        rec["step_s"] = round(time.time() - t0, 1)
        emit(args.out, rec)


def main(rec, args):
    co = Checkout(rec, args.workdir, args.cache, args.impacted, args.map_key)
    co.only_measured = args.only_measured
    if args.mode in ("commits", "both"):
        commits(co, args)
    if args.mode in ("mutations", "both"):
        mutations(co, args)
