"""Markdown from replay's JSON lines: per project and mode, the figures issue 8
asks for; and the detail lists (fallback reasons, slowest selects, misses)."""

import collections
import json
import pathlib
import statistics


def load(paths):
    recs = {}
    for p in paths:
        for line in pathlib.Path(p).read_text(encoding="utf-8").splitlines():
            if line.strip():
                r = json.loads(line)
                recs[(r["project"], r["mode"], r["id"])] = r  # a later run of a change wins
    return list(recs.values())


def pct(vals, q):
    vals = sorted(vals)
    if not vals:
        return None
    return vals[min(len(vals) - 1, int(round(q * (len(vals) - 1))))]


def fmt(x, spec=".1f", none="-"):
    return none if x is None else format(x, spec)


def summary(rs):
    n = len(rs)
    fell = [r for r in rs if r["select"]["fallback"]]
    errors = [r for r in rs if r["select"]["code"] not in (0, 2)]
    shares = [r["select"]["share"] for r in rs if r["select"]["share"] is not None]
    narrow = [r["select"]["share"] for r in rs if r["select"]["code"] == 0 and r["select"]["share"] is not None]
    walls = [r["select"]["cold"]["wall_s"] for r in rs if r["select"].get("cold")]
    cpus = [r["select"]["cold"]["cpu_s"] for r in rs if r["select"].get("cold")]
    misses = [r for r in rs if confirmed(r, r["misses"])]
    tm = [r for r in rs if r.get("testmon")]
    tm_shares = [r["testmon"]["share"] for r in tm if r["testmon"]["share"] is not None]
    tm_miss = [r for r in tm if confirmed(r, r["testmon"]["misses"])]
    broke_nothing = [r for r in fell if r.get("broke") is False]
    broad = [r for r in fell if broke_broadly(r)]
    over = [r for r in fell if not broke_broadly(r) and over_threshold(r)]
    unmeasured = [r for r in rs if r["select"]["code"] == 0 and r.get("truth") is None]
    return {"n": n, "misses": sum(len(confirmed(r, r["misses"])) for r in misses), "missing_changes": len(misses),
            "fallback": len(fell), "errors": len(errors), "median_share": pct(shares, 0.5),
            "median_narrow": pct(narrow, 0.5), "max_wall": max(walls, default=None),
            "p90_wall": pct(walls, 0.9), "median_wall": pct(walls, 0.5), "max_cpu": max(cpus, default=None),
            "tm_n": len(tm), "tm_median": pct(tm_shares, 0.5),
            "tm_misses": sum(len(confirmed(r, r["testmon"]["misses"])) for r in tm_miss),
            "tm_missing_changes": len(tm_miss), "fell_broke_nothing": len(broke_nothing),
            "unmeasured": len(unmeasured), "broad": len(broad), "over": len(over),
            "widened": len(fell) - len(broad) - len(over)}


def broke_broadly(r, threshold=0.4):
    """The truth itself is (nearly) the whole suite: the change broke
    collection (a session-level failure) or at least threshold of the tests.
    Running everything then costs nothing a selection could have saved."""
    failed = (r.get("truth") or {}).get("failed") or []
    total = r["select"].get("total_in_map") or 0
    return "<session>" in failed or (total > 0 and len(failed) / total >= threshold)


def over_threshold(r):
    """The selection was a real set of tests, larger than --threshold of the
    map (`threshold:p=0.62>0.40`), which the default policy runs whole:
    not a selection widened to everything for want of a rule."""
    reason = r["select"].get("fallback_reason") or ""
    if not reason.startswith("threshold:p="):
        return False
    try:
        return float(reason[len("threshold:p="):].split(">")[0]) < 0.995
    except ValueError:
        return False


def confirmed(r, ids):
    again = r.get("confirmed_failing")
    return [t for t in ids if again is None or t in again or t == "<session>"]


def table(recs):
    groups = collections.defaultdict(list)
    for r in recs:
        groups[(r["project"], r["mode"])].append(r)
    out = ["| project | changes | misses | fell back (the suite broke broadly / the selection was over the threshold "
           "/ widened to everything) | median selected share (all / narrowed) "
           "| testmon median share | testmon misses | select wall median / p90 / max (CPU max) |",
           "| --- | --- | --- | --- | --- | --- | --- | --- |"]
    for (proj, mode), rs in sorted(groups.items()):
        s = summary(rs)
        err = f", {s['errors']} errors" if s["errors"] else ""
        tm = (f"{fmt(100 * s['tm_median'])}%" if s["tm_median"] is not None else "-")
        tmm = (f"{s['tm_misses']} tests in {s['tm_missing_changes']}/{s['tm_n']}" if s["tm_n"] else "-")
        unm = f"; {s['unmeasured']} narrowed without a truth" if s["unmeasured"] else ""
        out.append(f"| {proj} | {s['n']} {mode}s | {s['misses']} ({s['missing_changes']} changes{unm}) "
                   f"| {s['fallback']}/{s['n']} ({100 * s['fallback'] / s['n']:.0f}%: {s['broad']} / {s['over']} / "
                   f"{s['widened']}){err} "
                   f"| {fmt(100 * s['median_share'])}% / {fmt(s['median_narrow'] and 100 * s['median_narrow'])}% "
                   f"| {tm} | {tmm} | {fmt(s['median_wall'], '.2f')} / {fmt(s['p90_wall'], '.2f')} / "
                   f"{fmt(s['max_wall'], '.2f')} s ({fmt(s['max_cpu'], '.2f')} s) |")
    return "\n".join(out)


def details(recs):
    out = []
    groups = collections.defaultdict(list)
    for r in recs:
        groups[(r["project"], r["mode"])].append(r)
    for (proj, mode), rs in sorted(groups.items()):
        s = summary(rs)
        out.append(f"\n### {proj}, {mode}s ({len(rs)}; {s['fell_broke_nothing']} fallbacks broke no test)\n")
        reasons = collections.Counter(reason_kind(r) for r in rs)
        out.append("fallback reasons: " + ", ".join(f"`{k}` x{v}" for k, v in reasons.most_common()))
        slow = sorted(rs, key=lambda r: -(r["select"]["cold"] or {}).get("wall_s", 0))[:5]
        out.append("\nslowest selects (cold wall / CPU / RSS / verbose lines):")
        for r in slow:
            c = r["select"]["cold"] or {}
            out.append(f"- {c.get('wall_s')} s / {c.get('cpu_s')} s / {c.get('maxrss_mb')} MB / "
                       f"{r['select']['verbose_lines']} lines: {r['id'][:12]} {change(r)}")
        for r in rs:
            m = confirmed(r, r["misses"])
            if m:
                out.append(f"- **MISS** {r['id'][:12]} {change(r)}: {len(m)} failing tests not selected: {m[:5]}")
            if r["select"]["code"] not in (0, 2):
                out.append(f"- ERROR {r['id'][:12]} {change(r)}: {r['select']['error']}")
            tm = r.get("testmon")
            if tm and confirmed(r, tm["misses"]):
                out.append(f"- testmon missed {len(confirmed(r, tm['misses']))} failing tests at {r['id'][:12]} {change(r)}")
        if mode == "commit":
            out.append("\n| commit | fallback_reason | selected | testmon ran | truth failed | select cold wall / CPU |")
            out.append("| --- | --- | --- | --- | --- | --- |")
            for r in rs:
                s_, tm, tr = r["select"], r.get("testmon") or {}, r.get("truth") or {}
                out.append(f"| {r['id'][:10]} {r['desc'][:40]} | `{s_['fallback_reason']}` "
                           f"| {s_['impacted_count']}/{s_['total_in_map']} | {tm.get('ran', '-')} "
                           f"| {len(tr.get('failed', [])) if tr else '-'} "
                           f"| {(s_['cold'] or {}).get('wall_s')} / {(s_['cold'] or {}).get('cpu_s')} s |")
            continue
        narrow = [r for r in rs if r["select"]["code"] == 0]
        if narrow:
            out.append("\nnarrowed: " + "; ".join(
                f"{r['id'][:8]} {r['select']['impacted_count']}/{r['select']['total_in_map']}"
                + (f" (testmon {r['testmon']['ran']})" if r.get("testmon") else "") for r in narrow))
    return "\n".join(out)


def reason_kind(r):
    s = r["select"]
    if s["code"] == 0:
        return "none (narrowed)"
    if s["code"] != 2:
        return f"error:{s['code']}"
    return s["fallback_reason"] or "?"


def change(r):
    m = r.get("mutation")
    if m:
        after = "<deleted>" if m["after"] is None else m["after"].strip()
        return f"{m['kind']} `{m['file']}:{m['line']}` `{m['before'].strip()[:70]}` -> `{after[:70]}`"
    return f"\"{r['desc'][:60]}\""
