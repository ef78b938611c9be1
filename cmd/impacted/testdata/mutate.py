"""Generate realistic single-edit mutations of a copy of examples/shop.

Usage: python3 mutate.py PROJECT_DIR SEED COUNT

Prints a JSON list of {op, file, line, before, after, text}: `text` is the
whole new content of `file` (relative to PROJECT_DIR; a new file when it did
not exist), `line` the first changed line, `before`/`after` the changed
lines. The choice is deterministic for a seed and spread round-robin over the
operators and, within one, over the least-mutated files that offer it; the
first N mutations of a longer run are the same N. Only the standard library
is used. ast positions are UTF-8 byte offsets, so every edit works on bytes.
"""

import ast
import glob
import json
import os
import random
import re
import sys

# Syntax errors are real edits too, but only a few of them are informative:
# one mutation in RARE[op] at most (a bound that depends on the progress, not
# on the count, so a longer run starts with the same mutations).
RARE = {"syntax-error": 20}
NUMERIC = re.compile(r"^-?\d+(\.\d+)?$")
COMPARE = {ast.Lt: ("<", "<="), ast.LtE: ("<=", "<"), ast.Gt: (">", ">="), ast.GtE: (">=", ">"),
           ast.Eq: ("==", "!="), ast.NotEq: ("!=", "=="), ast.In: ("in", "not in"),
           ast.NotIn: ("not in", "in"), ast.Is: ("is", "is not"), ast.IsNot: ("is not", "is")}
ARITH = {ast.Add: ("+", "-"), ast.Sub: ("-", "+"), ast.Mult: ("*", "/"), ast.Div: ("/", "*"),
         ast.FloorDiv: ("//", "/"), ast.Mod: ("%", "*")}
COMPOUND = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.If, ast.For, ast.While, ast.With, ast.Try)
FUNCS = (ast.FunctionDef, ast.AsyncFunctionDef)
NEW_TEST = '\n\ndef test_mutant_added():\n    assert 1 + 1 == 3, "written red first"\n'
NEW_METHOD = '\n    def test_mutant_added(self):\n        assert False, "written red first"\n'
NEW_FILE = "tests/test_mutant_new.py"


def bump(text):
    """A different value of the same kind: the last digit of a number, else a typo."""
    if NUMERIC.match(text):
        return text[:-1] + str((int(text[-1]) + 1) % 10)
    return text + "x"


class Source:
    """A Python file as bytes with its tree, each node annotated with where it sits."""

    def __init__(self, rel, text):
        self.rel, self.text, self.data = rel, text, text.encode()
        self.lines = [line.decode() for line in self.data.splitlines(keepends=True)]
        self.starts = [0]
        for line in self.lines:
            self.starts.append(self.starts[-1] + len(line.encode()))
        self.tree = ast.parse(text)
        self.nodes = []  # (node, context flags)
        self._walk(self.tree, frozenset({"module"}))

    def _walk(self, node, ctx):
        self.nodes.append((node, ctx))
        for field, value in ast.iter_fields(node):
            for child in value if isinstance(value, list) else [value]:
                if isinstance(child, ast.AST):
                    self._walk(child, self._child_ctx(node, field, ctx))

    @staticmethod
    def _child_ctx(node, field, ctx):
        add = {"decorator_list": "decorator", "defaults": "default", "kw_defaults": "default",
               "annotation": "annotation", "returns": "annotation"}.get(field)
        if isinstance(node, ast.JoinedStr):
            add = "fstring"
        elif isinstance(node, ast.Dict):
            add = "dict"
        elif isinstance(node, FUNCS + (ast.Lambda,)) and field == "body":
            add = "function"
        elif isinstance(node, ast.ClassDef) and field == "body":
            add = "class"
        return ctx | {add} if add else ctx

    def off(self, lineno, col):
        return self.starts[lineno - 1] + col

    def span(self, node):
        return self.off(node.lineno, node.col_offset), self.off(node.end_lineno, node.end_col_offset)

    def seg(self, start, end):
        return self.data[start:end].decode()

    def replace(self, start, end, new):
        return (self.data[:start] + new.encode() + self.data[end:]).decode()

    def first_line(self, stmt):
        decorators = getattr(stmt, "decorator_list", [])
        return decorators[0].lineno if decorators else stmt.lineno

    def own_lines(self, stmt):
        """Whether a statement (with its decorators) alone fills its lines."""
        decorators = getattr(stmt, "decorator_list", [])
        head = decorators[0] if decorators else stmt
        prefix = self.data[self.starts[head.lineno - 1]:self.off(head.lineno, head.col_offset)].strip()
        tail = self.data[self.off(stmt.end_lineno, stmt.end_col_offset):self.starts[stmt.end_lineno]].strip()
        return prefix == (b"@" if decorators else b"") and (not tail or tail.startswith(b"#"))

    def lines_with(self, first, last, new_lines):
        return "".join(self.lines[:first - 1] + new_lines + self.lines[last:])

    def indent(self, lineno):
        line = self.lines[lineno - 1]
        return line[:len(line) - len(line.lstrip())]


def is_doc(stmt):
    return isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant) and isinstance(stmt.value.value, str)


def literals(src):
    """Change one literal; the op names where it sits (constant, default, decorator...)."""
    docs = {id(n.value) for n, _ in src.nodes if is_doc(n)}
    for node, ctx in src.nodes:
        if not isinstance(node, ast.Constant) or ctx & {"fstring", "annotation"} or id(node) in docs:
            continue
        value, (start, end) = node.value, src.span(node)
        old = src.seg(start, end)
        if value is None or value is Ellipsis or isinstance(value, bytes) or ast.literal_eval(old) != value:
            continue
        if isinstance(value, bool):
            new = str(not value)
        elif isinstance(value, (int, float)):
            new = repr(value + 1)
        else:
            new = json.dumps(bump(value), ensure_ascii=False) if old.startswith('"') else repr(bump(value))
        yield literal_op(ctx), src.replace(start, end, new), None


def literal_op(ctx):
    for flag, op in (("decorator", "literal-decorator"), ("default", "literal-default"), ("dict", "literal-dict")):
        if flag in ctx:
            return op
    if "function" in ctx:
        return "literal"
    return "literal-class-attr" if "class" in ctx else "literal-const"


def operators(src):
    """Swap a comparison or arithmetic operator; drop a unary minus."""
    for node, ctx in src.nodes:
        if ctx & {"fstring", "annotation"}:
            continue
        if isinstance(node, ast.Compare):
            operands = [node.left] + node.comparators
            for i, op in enumerate(node.ops):
                yield from swap_between(src, "compare-op", operands[i], operands[i + 1], COMPARE[type(op)])
        elif isinstance(node, ast.BinOp) and type(node.op) in ARITH:
            yield from swap_between(src, "arith-op", node.left, node.right, ARITH[type(node.op)])
        elif isinstance(node, ast.AugAssign) and type(node.op) in ARITH:
            old, new = ARITH[type(node.op)]
            yield from swap_between(src, "arith-op", node.target, node.value, (old + "=", new + "="))
        elif isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
            start = src.span(node)[0]
            if src.data[start:start + 1] == b"-":
                yield "arith-op", src.replace(start, start + 1, ""), None


def swap_between(src, op, left, right, pair):
    start, end = src.span(left)[1], src.span(right)[0]
    match = re.fullmatch(r"([\s)]*)" + re.escape(pair[0]) + r"([\s(]*)", src.seg(start, end))
    if match:
        yield op, src.replace(start, end, match.group(1) + pair[1] + match.group(2)), None


def conditions(src):
    """Negate the condition of an if, while, conditional expression, assert or comprehension."""
    for node, ctx in src.nodes:
        if "fstring" in ctx:
            continue
        tests = node.ifs if isinstance(node, ast.comprehension) else []
        if isinstance(node, (ast.If, ast.While, ast.IfExp, ast.Assert)):
            tests = [node.test]
        for test in tests:
            start, end = src.span(test)
            yield "negate-cond", src.replace(start, end, "not (" + src.seg(start, end) + ")"), None


def bodies(src):
    """Every statement list, and whether it runs inside a function."""
    for node, ctx in src.nodes:
        for field in ("body", "orelse", "finalbody"):
            stmts = getattr(node, field, None)
            if isinstance(stmts, list) and stmts and isinstance(stmts[0], ast.stmt):
                yield stmts, "function" in ctx or isinstance(node, FUNCS)


def delete(src, stmts, i):
    stmt = stmts[i]
    first = src.first_line(stmt)
    keep = [src.indent(first) + "pass\n"] if len(stmts) == 1 else []
    return src.lines_with(first, stmt.end_lineno, keep)


def statements(src):
    """Delete, duplicate or swap whole statements, imports, definitions, decorators."""
    for stmts, inside in bodies(src):
        for i, stmt in enumerate(stmts):
            if (i == 0 and is_doc(stmt)) or not src.own_lines(stmt):
                continue
            if isinstance(stmt, (ast.Import, ast.ImportFrom)):
                yield "remove-import", delete(src, stmts, i), None
            elif isinstance(stmt, FUNCS + (ast.ClassDef,)):
                yield "delete-def", delete(src, stmts, i), None
            elif inside or not isinstance(stmt, COMPOUND):
                yield ("delete-stmt" if inside else "delete-module-stmt"), delete(src, stmts, i), None
            if not isinstance(stmt, COMPOUND) and stmt.lineno == stmt.end_lineno:
                line = src.lines[stmt.lineno - 1]
                yield "duplicate-line", src.lines_with(stmt.lineno, stmt.lineno, [line, line]), None
            yield from decorators(src, stmt)
            if i + 1 < len(stmts) and swappable(src, stmt) and swappable(src, stmts[i + 1]):
                yield "swap-stmts", swap(src, stmt, stmts[i + 1]), None


def decorators(src, stmt):
    for dec in getattr(stmt, "decorator_list", []):
        line = src.lines[dec.lineno - 1]
        if dec.lineno == dec.end_lineno and line.strip().startswith("@"):
            yield "delete-decorator", src.lines_with(dec.lineno, dec.lineno, []), None
            yield "duplicate-line", src.lines_with(dec.lineno, dec.lineno, [line, line]), None


def swappable(src, stmt):
    future = isinstance(stmt, ast.ImportFrom) and stmt.module == "__future__"
    return not isinstance(stmt, COMPOUND) and not is_doc(stmt) and not future and src.own_lines(stmt)


def swap(src, a, b):
    lines = src.lines
    a0, a1, b0, b1 = a.lineno - 1, a.end_lineno, b.lineno - 1, b.end_lineno
    return "".join(lines[:a0] + lines[b0:b1] + lines[a1:b0] + lines[a0:a1] + lines[b1:])


def functions(src):
    """Change a return value, return early, rename a definition."""
    for node, ctx in src.nodes:
        if isinstance(node, ast.Return) and node.value is not None and "fstring" not in ctx:
            start, end = src.span(node.value)
            none = isinstance(node.value, ast.Constant) and node.value.value is None
            yield "return-value", src.replace(start, end, "0" if none else "None"), None
        if isinstance(node, FUNCS):
            for i, stmt in enumerate(node.body):
                if (i > 0 or not is_doc(stmt)) and src.own_lines(stmt):
                    first = src.first_line(stmt)
                    yield "early-return", src.lines_with(first, first - 1, [src.indent(first) + "return\n"]), None
        if isinstance(node, FUNCS + (ast.ClassDef,)):
            line = src.lines[node.lineno - 1]
            match = re.search(r"\b(?:def|class)\s+(" + re.escape(node.name) + r")\b", line)
            start = src.starts[node.lineno - 1] + len(line[:match.start(1)].encode())
            yield "rename-def", src.replace(start, start + len(node.name.encode()), node.name + "_renamed"), None


def references(src, defs):
    """Rename one call site or import of a project function or class (the other side stays)."""
    for node, ctx in src.nodes:
        spans = []
        if isinstance(node, ast.Call) and "fstring" not in ctx:
            func = node.func
            if isinstance(func, ast.Name) and func.id in defs:
                spans.append((src.span(func)[0], func.id))
            elif isinstance(func, ast.Attribute) and func.attr in defs:
                spans.append((src.span(func)[1] - len(func.attr.encode()), func.attr))
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in ("shop", "helpers"):
            spans += [(src.span(alias)[0], alias.name) for alias in node.names if alias.name in defs]
        for start, name in spans:
            yield "rename-ref", src.replace(start, start + len(name.encode()), name + "_renamed"), None


def syntax_errors(src):
    """Drop the colon that ends a compound statement's header."""
    for node, _ in src.nodes:
        if not isinstance(node, COMPOUND):
            continue
        for lineno in range(src.first_line(node.body[0]) - 1, node.lineno - 1, -1):
            line = src.lines[lineno - 1]
            code = line.split("#")[0].rstrip()
            if code.endswith(":"):
                yield "syntax-error", src.lines_with(lineno, lineno, [code[:-1] + line[len(code):]]), None
                break


def new_tests(src):
    """Add a test that fails, at the end of a test module or of a test class."""
    if not os.path.basename(src.rel).startswith("test_"):
        return
    yield "new-failing-test", src.text.rstrip("\n") + "\n" + NEW_TEST, None
    for node in src.tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield "new-failing-test", src.lines_with(node.end_lineno + 1, node.end_lineno, [NEW_METHOD]), None


def py_candidates(rel, text, defs):
    src = Source(rel, text)
    for gen in (literals(src), operators(src), conditions(src), statements(src), functions(src),
                references(src, defs), syntax_errors(src), new_tests(src)):
        yield from gen


def data_candidates(rel, text):
    """Edit one value of products.json or regions.csv, or delete one of its rows."""
    lines = text.splitlines(keepends=True)
    if rel.endswith(".csv"):
        for n, line in enumerate(lines[1:], start=1):
            yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None
            pos = 0
            for cell in line.rstrip("\n").split(","):
                edited = line[:pos] + bump(cell) + line[pos + len(cell):]
                yield "data-value", "".join(lines[:n] + [edited] + lines[n + 1:]), None
                pos += len(cell) + 1
    elif rel.endswith(".json"):
        for m in re.finditer(r'"((?:[^"\\]|\\.)*)"(\s*:)?|(-?\d+(?:\.\d+)?)|\b(true|false)\b', text):
            if m.group(2):
                continue  # a key, not a value
            if m.group(1) is not None:
                new = '"' + bump(m.group(1)) + '"'
            else:
                new = bump(m.group(3)) if m.group(3) else ("false" if m.group(4) == "true" else "true")
            yield "data-value", text[:m.start()] + new + text[m.end():], None
        for n, line in enumerate(lines):
            if '"sku"' in line:
                yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None


def project_files(root):
    files = []
    for pattern in ("src/shop/*.py", "tests/*.py", "src/shop/data/*"):
        files += sorted(os.path.relpath(p, root) for p in glob.glob(os.path.join(root, pattern)))
    return files


def candidates(root):
    """Every mutation of every file, as {op: {file: [(new_text, old_text)]}}."""
    texts = {}
    for rel in project_files(root):
        with open(os.path.join(root, rel), encoding="utf-8") as handle:
            texts[rel] = handle.read()
    defs = {n.name for rel, text in texts.items() if rel.endswith(".py")
            for n in ast.walk(ast.parse(text)) if isinstance(n, FUNCS + (ast.ClassDef,))}
    by_op = {"new-failing-test": {NEW_FILE: [(NEW_TEST.lstrip("\n"), "")]}}
    for rel, text in texts.items():
        found = py_candidates(rel, text, defs) if rel.endswith(".py") else data_candidates(rel, text)
        for op, new_text, _ in found:
            if new_text != text:
                by_op.setdefault(op, {}).setdefault(rel, []).append((new_text, text))
    return by_op


def describe(op, rel, old, new):
    """The first changed line and the changed hunk, for a readable report."""
    a, b = old.splitlines(), new.splitlines()
    start = 0
    while start < min(len(a), len(b)) and a[start] == b[start]:
        start += 1
    end_a, end_b = len(a), len(b)
    while end_a > start and end_b > start and a[end_a - 1] == b[end_b - 1]:
        end_a, end_b = end_a - 1, end_b - 1
    return {"op": op, "file": rel, "line": start + 1,
            "before": "\n".join(a[start:end_a]), "after": "\n".join(b[start:end_b]), "text": new}


def choose(by_op, seed, count):
    """Round-robin over the operators; within one, the least-mutated file first."""
    rng = random.Random(seed)
    per_file, per_op, out = {}, {}, []
    ops = sorted(by_op)
    while len(out) < count:
        rng.shuffle(ops)
        progressed = False
        for op in ops:
            files = [f for f in sorted(by_op[op]) if by_op[op][f]]
            capped = op in RARE and per_op.get(op, 0) > len(out) // RARE[op]
            if len(out) >= count or not files or capped:
                continue
            least = min(per_file.get(f, 0) for f in files)
            rel = rng.choice([f for f in files if per_file.get(f, 0) == least])
            pool = by_op[op][rel]
            new_text, old_text = pool.pop(rng.randrange(len(pool)))
            out.append(describe(op, rel, old_text, new_text))
            per_file[rel] = per_file.get(rel, 0) + 1
            per_op[op] = per_op.get(op, 0) + 1
            progressed = True
        if not progressed:
            break
    return out


def main():
    root, seed, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    json.dump(choose(candidates(root), seed, count), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
