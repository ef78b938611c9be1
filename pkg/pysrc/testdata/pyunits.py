"""Dump the units and imports of each file named on stdin, as CPython's ast
sees them, and the statements of each scope other than units.

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


def walk(stmts, qual, parent, seen, out, sout, direct):
    """Collect the units of stmts into out, and into sout the statements
    (other than units) of the scopes: stmts is a scope's own body when
    direct is set, else a block of one of its compound statements."""
    for st in stmts:
        if not isinstance(st, DEFS):
            if direct:
                sout.append(describe(st, qual, st is stmts[0]))
            for block in blocks(st):
                walk(block, qual, parent, seen, out, sout, False)
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
            walk(st.body, q, idx, {}, out, sout, True)


def is_docstring(st, first):
    return first and isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and isinstance(st.value.value, str)


def plain_targets(targets):
    """Whether assignment targets are names, or tuples/lists of them."""
    for t in targets:
        if isinstance(t, ast.Starred):
            t = t.value
        if isinstance(t, (ast.Tuple, ast.List)):
            if not plain_targets(t.elts):
                return False
        elif not isinstance(t, ast.Name):
            return False
    return True


def runs_code(st):
    return any(isinstance(n, (ast.Await, ast.Yield, ast.YieldFrom)) or (isinstance(n, ast.Call) and not _pure_call(n)) for n in ast.walk(st))


# Mirrors pureCallables in pure.go: constructors that build a value and do nothing else.
PURE_CALLABLES = {
    "Decimal", "Fraction", "int", "float", "str", "bytes", "bool", "tuple", "frozenset", "set", "list",
    "dict", "complex", "range", "Path", "PurePath", "PurePosixPath", "PureWindowsPath", "timedelta",
    "date", "datetime", "time", "timezone", "compile", "namedtuple", "TypeVar", "ParamSpec", "NewType",
    "field", "auto", "MappingProxyType", "getLogger", "object", "WeakKeyDictionary",
    "WeakValueDictionary", "WeakSet", "defaultdict", "OrderedDict", "ChainMap", "deque", "ContextVar",
    "SimpleNamespace", "Lock", "RLock", "partial",
}


def _pure_call(call):
    f = call.func
    name = f.id if isinstance(f, ast.Name) else f.attr if isinstance(f, ast.Attribute) else None
    return name in PURE_CALLABLES


def kind_and_purity(st, first):
    if isinstance(st, (ast.Import, ast.ImportFrom)):
        return "import", not (isinstance(st, ast.ImportFrom) and st.module == "__future__")
    if is_docstring(st, first):
        return "docstring", True
    if isinstance(st, ast.Assign):
        return "assign", plain_targets(st.targets) and not runs_code(st)
    if isinstance(st, ast.AnnAssign):
        return "assign", plain_targets([st.target]) and not runs_code(st)
    if isinstance(st, ast.AugAssign):
        return "assign", False
    if isinstance(st, getattr(ast, "TypeAlias", ())):
        return "assign", not runs_code(st)
    if isinstance(st, ast.Pass):
        return "other", True
    literal = isinstance(st, ast.Expr) and isinstance(st.value, ast.Constant) and not isinstance(st.value.value, (bool, type(None)))
    return "other", literal


class Binds(ast.NodeVisitor):
    """The names a statement binds in its scope."""

    def __init__(self):
        self.names = set()

    def visit_Name(self, node):
        if isinstance(node.ctx, (ast.Store, ast.Del)):
            self.names.add(node.id)

    def visit_alias(self, node):
        self.names.add(node.asname or node.name.split(".")[0])

    def visit_ExceptHandler(self, node):
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)

    def visit_MatchAs(self, node):
        if node.name:
            self.names.add(node.name)
        self.generic_visit(node)

    visit_MatchStar = visit_MatchAs

    def visit_MatchMapping(self, node):
        if node.rest:
            self.names.add(node.rest)
        self.generic_visit(node)

    def visit_Global(self, node):
        self.names.update(node.names)

    visit_Nonlocal = visit_Global

    def visit_FunctionDef(self, node):
        self.names.add(node.name)

    visit_AsyncFunctionDef = visit_ClassDef = visit_FunctionDef

    def visit_Lambda(self, node):
        pass

    def visit_AnnAssign(self, node):
        if node.simple:
            self.names.add("__annotations__")
        self.generic_visit(node)

    def visit_comprehension(self, node):
        for n in [node.iter] + node.ifs:  # the target is the comprehension's own
            self.visit(n)


def describe(st, qual, first):
    kind, pure = kind_and_purity(st, first)
    b = Binds()
    b.visit(st)
    if kind == "docstring":
        b.names.add("__doc__")
    return "%s %d/%d %s %s %s" % (qual, st.lineno, st.end_lineno, kind, pure, ",".join(sorted(b.names)))


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
        units, stmts, imports = [], [], Imports()
        walk(tree.body, "", -1, {}, units, stmts, True)
        imports.visit(tree)
        result[path] = {"units": units, "stmts": stmts, "imports": sorted(imports.out, key=lambda s: int(s.split("|")[3]))}
    json.dump(result, sys.stdout)


main()
