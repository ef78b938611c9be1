"""Dump CPython's tokens of each file named on stdin as one JSON object.

Python 3.12 splits f-strings into FSTRING_START/MIDDLE/END and the tokens of
their fields; pysrc keeps an f-string whole, so they are merged back into
one STRING token here. A file CPython cannot tokenize maps to null.
"""
import io
import json
import sys
import tokenize


def text_between(lines, start, end):
    (r1, c1), (r2, c2) = start, end
    if r1 == r2:
        return lines[r1 - 1][c1:c2]
    parts = [lines[r1 - 1][c1:]] + lines[r1:r2 - 1] + [lines[r2 - 1][:c2]]
    return "".join(parts)


def dump(src):
    text = src.decode("utf-8-sig").replace("\r\n", "\n")
    lines = text.splitlines(keepends=True)
    out, depth, fstart = [], 0, None
    for tok in tokenize.tokenize(io.BytesIO(src).readline):
        name = tokenize.tok_name[tok.type]
        if name == "ENCODING":
            continue
        if name == "FSTRING_START":
            depth += 1
            if depth == 1:
                fstart = tok
            continue
        if name == "FSTRING_END":
            depth -= 1
            if depth == 0:
                out.append(["STRING", text_between(lines, fstart.start, tok.end), fstart.start[0]])
            continue
        if depth > 0:
            continue
        out.append([name, tok.string.replace("\r\n", "\n"), tok.start[0]])
    return out


def main():
    result = {}
    for path in sys.stdin.read().split("\n"):
        if not path:
            continue
        try:
            with open(path, "rb") as f:
                result[path] = dump(f.read())
        except (SyntaxError, tokenize.TokenError, UnicodeDecodeError):
            result[path] = None
    json.dump(result, sys.stdout)


main()
