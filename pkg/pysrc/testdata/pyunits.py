"""Dump the units and imports of each file named on stdin, as CPython's ast
sees them.

A unit is a function or class at module level or directly in a class body,
also inside compound statements of those scopes; each is printed as
"kind qualname parent start/def/body/end [async]", as pysrc's tests render
theirs. Imports are printed as "module|names|level|line|in-function".
A file CPython cannot parse maps to null.
"""
import ast
import json
import sys

DEFS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)


def blocks(st):
    """The statement lists nested in a compound statement, in source order."""
    for field in ("body", "handlers", "orelse", "finalbody", "cases"):
        for item in getattr(st, field, []) or []:
            if isinstance(item, (ast.ExceptHandler, ast.match_case)):
                yield item.body
        value = getattr(st, field, None)
        if field not in ("handlers", "cases") and value:
            yield value


def first_line(st):
    """The first line of a statement, its decorators included."""
    return min([d.lineno for d in getattr(st, "decorator_list", [])] + [st.lineno])


def walk(stmts, qual, parent, seen, out):
    for st in stmts:
        if not isinstance(st, DEFS):
            for block in blocks(st):
                walk(block, qual, parent, seen, out)
            continue
        seen[st.name] = seen.get(st.name, 0) + 1
        q = (qual + "." if qual else "") + st.name
        if seen[st.name] > 1:
            q += "#%d" % seen[st.name]
        start = first_line(st)
        kind = "class" if isinstance(st, ast.ClassDef) else "func"
        line = "%s %s %d %d/%d/%d/%d" % (kind, q, parent, start, st.lineno, first_line(st.body[0]), st.end_lineno)
        if isinstance(st, ast.AsyncFunctionDef):
            line += " async"
        idx = len(out)
        out.append(line)
        if kind == "class":
            walk(st.body, q, idx, {}, out)


class Imports(ast.NodeVisitor):
    def __init__(self):
        self.out, self.depth = [], 0

    def visit_FunctionDef(self, node):
        self.depth += 1
        self.generic_visit(node)
        self.depth -= 1

    visit_AsyncFunctionDef = visit_FunctionDef

    def add(self, module, names, level, line):
        self.out.append("%s|%s|%d|%d|%s" % (module, ",".join(names), level, line, self.depth > 0))

    def visit_Import(self, node):
        for alias in node.names:
            self.add(alias.name, [], 0, node.lineno)

    def visit_ImportFrom(self, node):
        self.add(node.module or "", [a.name for a in node.names], node.level, node.lineno)


def main():
    result = {}
    for path in sys.stdin.read().split("\n"):
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                tree = ast.parse(f.read())
        except (SyntaxError, ValueError):
            result[path] = None
            continue
        units, imports = [], Imports()
        walk(tree.body, "", -1, {}, units)
        imports.visit(tree)
        result[path] = {"units": units, "imports": sorted(imports.out, key=lambda s: int(s.split("|")[3]))}
    json.dump(result, sys.stdout)


main()
