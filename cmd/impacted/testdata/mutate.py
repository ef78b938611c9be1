"""Generate realistic single-edit mutations of a copy of an example project.

Usage: python3 mutate.py PROJECT_DIR SEED COUNT
       python3 mutate.py PROJECT_DIR --files

The files come from the project's layout, not from a list: every file of the
package(s) (under src/ when it exists, else the top-level directories with an
__init__.py) and of pytest's testpaths (pyproject.toml). Test modules are the
ones pytest's python_files matches. --files prints {files, ops}: the
project's files that offer at least one mutation and the operators that match
somewhere, so the caller can check that nothing silently stopped matching.

Prints a JSON list of {op, file, line, before, after, text}: `text` is the
whole new content of `file` (relative to PROJECT_DIR; a new file when it did
not exist), `line` the first changed line, `before`/`after` the changed
lines. The choice is deterministic for a seed and spread round-robin over the
operators and, within one, over the least-mutated files that offer it; the
first N mutations of a longer run are the same N. Only the standard library
is used. ast positions are UTF-8 byte offsets, so every edit works on bytes.
"""

import ast
import fnmatch
import json
import os
import random
import re
import sys
import tomllib

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
NEW_FILE = "test_mutant_new.py"  # in the first of pytest's testpaths
JSON_VALUE = re.compile(r'"((?:[^"\\]|\\.)*)"(\s*:)?|(-?\d+(?:\.\d+)?)|\b(true|false)\b')
JSON_ROW = re.compile(r"^\s*\{.*\},?\s*$")
CSV_CELL = re.compile(r'"(?:[^"]|"")*"(?=,|$)|[^,]*')
INI_KEY = re.compile(r"^(\s*[^\s;#\[][^=:]*?\s*[=:]\s*)(\S.*?)\s*$")


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


def references(src, defs, modules):
    """Rename one call site or import of a project function or class (the other side stays).

    modules are the top-level names the project's own code is imported by; a
    relative import is always the project's own."""
    for node, ctx in src.nodes:
        spans = []
        if isinstance(node, ast.Call) and "fstring" not in ctx:
            func = node.func
            if isinstance(func, ast.Name) and func.id in defs:
                spans.append((src.span(func)[0], func.id))
            elif isinstance(func, ast.Attribute) and func.attr in defs:
                spans.append((src.span(func)[1] - len(func.attr.encode()), func.attr))
        elif isinstance(node, ast.ImportFrom) and (node.level or (node.module or "").split(".")[0] in modules):
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


def new_tests(src, is_test):
    """Add a test that fails, at the end of a test module or of a test class."""
    if not is_test:
        return
    yield "new-failing-test", src.text.rstrip("\n") + "\n" + NEW_TEST, None
    for node in src.tree.body:
        if isinstance(node, ast.ClassDef) and node.name.startswith("Test"):
            yield "new-failing-test", src.lines_with(node.end_lineno + 1, node.end_lineno, [NEW_METHOD]), None


def py_candidates(src, layout, defs):
    for gen in (literals(src), operators(src), conditions(src), statements(src), functions(src),
                references(src, defs, layout.modules), syntax_errors(src), new_tests(src, layout.is_test(src.rel))):
        yield from gen


def csv_cells(line):
    """(start, end, quoted) of each cell of a CSV line; a quoted cell spans its quotes."""
    cells, pos, body = [], 0, line.rstrip("\n")
    while True:
        match = CSV_CELL.match(body, pos)
        cells.append((match.start(), match.end(), body[pos:pos + 1] == '"' and match.end() > pos + 1))
        pos = match.end() + 1
        if match.end() >= len(body):
            return cells


def bump_digit(text):
    """A quoted number keeps its format ("5,000.00", "(40.00)"): its last digit changes."""
    digits = [i for i, c in enumerate(text) if c.isdigit()]
    if not digits:
        return bump(text)
    i = digits[-1]
    return text[:i] + str((int(text[i]) + 1) % 10) + text[i + 1:]


def csv_candidates(lines):
    """Delete a row, or change one of its cells (the header stays)."""
    for n, line in enumerate(lines[1:], start=1):
        yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None
        for start, end, quoted in csv_cells(line):
            cell = line[start:end]
            new = '"' + bump_digit(cell[1:-1]) + '"' if quoted else bump(cell)
            yield "data-value", "".join(lines[:n] + [line[:start] + new + line[end:]] + lines[n + 1:]), None


def json_values(text):
    """Every value (not key) in a JSON text, changed one at a time."""
    for m in JSON_VALUE.finditer(text):
        if m.group(2):
            continue  # a key, not a value
        if m.group(1) is not None:
            new = '"' + bump(m.group(1)) + '"'
        else:
            new = bump(m.group(3)) if m.group(3) else ("false" if m.group(4) == "true" else "true")
        yield text[:m.start()] + new + text[m.end():]


def json_candidates(text, lines):
    """Change one value; delete one object written on a line of its own (a row)."""
    for new in json_values(text):
        yield "data-value", new, None
    for n, line in enumerate(lines):
        if JSON_ROW.match(line):
            yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None


def jsonl_candidates(lines):
    """Change one value of a record, or delete a record (comments and blank lines stay)."""
    for n, line in enumerate(lines):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None
        for new in json_values(line):
            yield "data-value", "".join(lines[:n] + [new] + lines[n + 1:]), None


def ini_candidates(lines):
    """Change one setting's value, or delete the setting."""
    for n, line in enumerate(lines):
        match = INI_KEY.match(line.rstrip("\n"))
        if match:
            yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None
            edited = match.group(1) + bump(match.group(2)) + line[match.end(2):]
            yield "data-value", "".join(lines[:n] + [edited] + lines[n + 1:]), None


def text_candidates(lines):
    """A golden file: change one word or number, or delete one line."""
    for n, line in enumerate(lines):
        if not line.strip():
            continue
        yield "data-delete-row", "".join(lines[:n] + lines[n + 1:]), None
        for m in re.finditer(r"\S+", line):
            edited = line[:m.start()] + bump(m.group()) + line[m.end():]
            yield "data-value", "".join(lines[:n] + [edited] + lines[n + 1:]), None


def data_candidates(rel, text):
    """Edit one value of a data file, or delete one of its rows, by its format."""
    lines = text.splitlines(keepends=True)
    ext = os.path.splitext(rel)[1]
    if ext == ".csv":
        return csv_candidates(lines)
    if ext == ".json":
        return json_candidates(text, lines)
    if ext == ".jsonl":
        return jsonl_candidates(lines)
    if ext in (".ini", ".cfg"):
        return ini_candidates(lines)
    if ext == ".txt":
        return text_candidates(lines)
    return iter(())


class Layout:
    """Where a project keeps its code and tests, read from its directories and pyproject.toml."""

    def __init__(self, root):
        with open(os.path.join(root, "pyproject.toml"), "rb") as handle:
            ini = tomllib.load(handle).get("tool", {}).get("pytest", {}).get("ini_options", {})
        self.root = root
        self.testpaths = [os.path.normpath(p) for p in ini.get("testpaths", ["tests"])]
        patterns = ini.get("python_files", ["test_*.py", "*_test.py"])
        self.patterns = patterns.split() if isinstance(patterns, str) else patterns
        base = "src" if os.path.isdir(os.path.join(root, "src")) else "."
        self.packages = sorted(os.path.normpath(os.path.join(base, d)) for d in os.listdir(os.path.join(root, base))
                               if os.path.isfile(os.path.join(root, base, d, "__init__.py"))
                               and d not in self.testpaths and not d.startswith("."))
        self.files = sorted(f for d in self.packages + self.testpaths for f in self._walk(d))
        self.modules = {os.path.basename(p) for p in self.packages} | self._test_modules()
        self.new_file = os.path.join(self.testpaths[0], NEW_FILE)

    def _walk(self, top):
        for dirpath, dirnames, filenames in os.walk(os.path.join(self.root, top)):
            dirnames[:] = [d for d in dirnames if d != "__pycache__" and not d.startswith(".")]
            for name in filenames:
                if not name.endswith(".pyc"):
                    yield os.path.relpath(os.path.join(dirpath, name), self.root)

    def _test_modules(self):
        """Names a test imports its own helpers by: a test directory that is a
        package, or the modules of one that pytest puts on sys.path (rootdir-relative)."""
        names = set()
        for rel in self.files:
            top = self.testpath(rel)
            if top is None:
                continue
            if os.path.isfile(os.path.join(self.root, top, "__init__.py")):
                names.add(os.path.basename(top))
            elif rel.endswith(".py") and not os.path.isfile(os.path.join(self.root, os.path.dirname(rel), "__init__.py")):
                names.add(os.path.basename(rel)[:-3])
        return names

    def testpath(self, rel):
        """The testpath rel is under, else None."""
        return next((t for t in self.testpaths if rel.startswith(t + os.sep)), None)

    def is_test(self, rel):
        name = os.path.basename(rel)
        return self.testpath(rel) is not None and any(fnmatch.fnmatch(name, p) for p in self.patterns)


def candidates(layout):
    """Every mutation of every file, as {op: {file: [(new_text, old_text)]}}."""
    texts = {}
    for rel in layout.files:
        with open(os.path.join(layout.root, rel), encoding="utf-8") as handle:
            texts[rel] = handle.read()
    trees = {rel: Source(rel, text) for rel, text in texts.items() if rel.endswith(".py")}
    defs = {n.name for src in trees.values() for n in ast.walk(src.tree) if isinstance(n, FUNCS + (ast.ClassDef,))}
    by_op = {"new-failing-test": {layout.new_file: [(NEW_TEST.lstrip("\n"), "")]}}
    for rel, text in texts.items():
        found = py_candidates(trees[rel], layout, defs) if rel in trees else data_candidates(rel, text)
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
    layout = Layout(sys.argv[1])
    by_op = candidates(layout)
    if sys.argv[2:] == ["--files"]:
        files = {rel for offered in by_op.values() for rel in offered} - {layout.new_file}
        json.dump({"files": sorted(files), "ops": sorted(by_op)}, sys.stdout)
        return
    seed, count = int(sys.argv[2]), int(sys.argv[3])
    json.dump(choose(by_op, seed, count), sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
