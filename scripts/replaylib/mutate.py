"""Seeded, deterministic single-line mutations of a project's source.

Run with the project's own interpreter (its syntax may be newer than ours):
    python mutate.py --seed 1 --count 40 FILE...   -> JSON list on stdout
Each mutation: {"id", "file", "line", "kind", "before", "after"}; "after" is the
replacement line, or null to delete the line. Kinds, round-robin so each gets a
fair share: module (a module-level statement), class-attr, signature, decorator,
body. Every mutant parses and differs from the original in its AST."""

import argparse
import ast
import hashlib
import json
import pathlib
import random
import re
import sys

KINDS = ("module", "class-attr", "signature", "decorator", "body")
FLIPS = [(" == ", " != "), (" != ", " == "), (" < ", " >= "), (" > ", " <= "), (" <= ", " > "),
         (" >= ", " < "), (" is not ", " is "), (" is ", " is not "), (" not in ", " in "),
         (" in ", " not in "), (" and ", " or "), (" or ", " and ")]


def constant_edit(line, node, lineno):
    """Replace the first int/str/bool/float literal of node on its line."""
    for sub in ast.walk(node):
        if not (isinstance(sub, ast.Constant) and sub.lineno == lineno == sub.end_lineno):
            continue
        v = sub.value
        if isinstance(v, bool):
            new = repr(not v)
        elif isinstance(v, int):
            new = repr(v + 1)
        elif isinstance(v, float):
            new = repr(v * 2 + 1)
        elif isinstance(v, str) and line[sub.col_offset:sub.col_offset + 1] in "\"'":
            new = repr("X" + v)
        else:
            continue
        return line[:sub.col_offset] + new + line[sub.end_col_offset:]
    return None


def flip_edit(line):
    for a, b in FLIPS:
        if a in line and "#" not in line:
            return line.replace(a, b, 1)
    return None


def candidates(path, src):
    lines = src.splitlines(keepends=True)
    tree = ast.parse(src)
    out = []

    def add(kind, lineno, after, delete=False):
        if (after is None and delete) or (after is not None and after != lines[lineno - 1]):
            out.append((kind, lineno, after))

    def one_line(n):
        return n.lineno == n.end_lineno

    def walk(body, where):
        for n in body:
            line = lines[n.lineno - 1]
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                for d in n.decorator_list:
                    if one_line(d) and lines[d.lineno - 1].lstrip().startswith("@"):
                        add("decorator", d.lineno, None, delete=True)
                if not isinstance(n, ast.ClassDef):
                    if lines[n.lineno - 1].rstrip().endswith(":"):  # a one-line header
                        add("signature", n.lineno, signature_edit(lines[n.lineno - 1], n))
                    walk(n.body, "body")
                else:
                    walk(n.body, "class")
                continue
            if where in ("module", "class") and one_line(n) and isinstance(n, (ast.Assign, ast.AnnAssign)):
                add("module" if where == "module" else "class-attr", n.lineno,
                    constant_edit(line, n, n.lineno) or (None if where == "module" else
                                                         re.sub(r"=\s*.*$", "= None\n", line, count=1)))
            elif where == "module" and one_line(n) and isinstance(n, (ast.Import, ast.ImportFrom, ast.Expr)):
                if not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)):
                    add("module", n.lineno, None, delete=True)
            elif where == "body" and one_line(n):
                edit = constant_edit(line, n, n.lineno) or flip_edit(line)
                if edit is None and isinstance(n, ast.Return) and n.value is not None:
                    edit = line[:n.col_offset] + "return None\n"
                if edit is None and not isinstance(n, (ast.Return, ast.Pass)):
                    edit = line[:n.col_offset] + "pass\n"
                add("body", n.lineno, edit)
            for field in ("body", "orelse", "finalbody", "handlers"):
                sub = getattr(n, field, None)
                if isinstance(sub, list) and sub and isinstance(sub[0], ast.AST):
                    walk(sub if field != "handlers" else [s for h in sub for s in h.body], where)
    walk(tree.body, "module")
    return lines, out


def signature_edit(line, fn):
    """A default's literal, else the last parameter renamed in the header."""
    defaults = [d for d in fn.args.defaults + fn.args.kw_defaults if d is not None and d.lineno == fn.lineno]
    for d in defaults:
        e = constant_edit(line, d, fn.lineno)
        if e:
            return e
    params = [a.arg for a in fn.args.args + fn.args.kwonlyargs if a.arg not in ("self", "cls")]
    if params and line.count(params[-1]) == 1:
        return line.replace(params[-1], params[-1] + "_replay", 1)
    return None


def valid(lines, lineno, after, original):
    new = lines[:lineno - 1] + ([after] if after is not None else []) + lines[lineno:]
    try:
        return ast.dump(ast.parse("".join(new))) != original
    except SyntaxError:
        return False


def generate(files, seed, count):
    by_kind = {k: [] for k in KINDS}
    for path in sorted(files):
        src = pathlib.Path(path).read_text(encoding="utf-8")
        try:
            lines, cands = candidates(path, src)
        except SyntaxError:
            continue
        original = ast.dump(ast.parse(src))
        for kind, lineno, after in cands:
            by_kind[kind].append((path, lineno, lines[lineno - 1], after, lines, original))
    rng = random.Random(seed)
    for k in KINDS:
        rng.shuffle(by_kind[k])
    picked = []
    while len(picked) < count and any(by_kind.values()):
        for k in KINDS:
            while by_kind[k] and len(picked) < count:
                path, lineno, before, after, lines, original = by_kind[k].pop()
                if valid(lines, lineno, after, original):
                    mid = hashlib.sha256(f"{path}:{lineno}:{after}".encode()).hexdigest()[:12]
                    picked.append({"id": mid, "file": path, "line": lineno, "kind": k,
                                   "before": before, "after": after})
                    break
    return picked


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--count", type=int, default=40)
    ap.add_argument("files", nargs="+")
    a = ap.parse_args()
    json.dump(generate(a.files, a.seed, a.count), sys.stdout, indent=1)
