#!/usr/bin/env python3
"""scripts/replay's own test: the mutation generator, the node-id matching that
decides a miss, and the report. Seconds; the real-project runs are `just replay`."""

import ast
import json
import pathlib
import sys
import tempfile
import unittest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from replaylib import drive, mutate, recipe, report  # noqa: E402

SOURCE = '''import os
LIMIT = 3
NAME = "shop"


class Cart:
    currency = "EUR"
    size: int = 2

    @property
    def total(self, rate=1):
        if self.size == 0:
            return 0
        value = self.size * LIMIT
        return value * rate


@staticmethod
def helper(a, b):
    return a + b
'''


class MutateTest(unittest.TestCase):
    def generate(self, seed, count=50):
        with tempfile.TemporaryDirectory() as d:
            path = pathlib.Path(d, "m.py")
            path.write_text(SOURCE)
            return mutate.generate([str(path)], seed, count), path

    def test_every_kind_each_mutant_parses_and_changes_the_ast(self):
        muts, _ = self.generate(1)
        self.assertEqual({m["kind"] for m in muts}, set(mutate.KINDS))
        original = ast.dump(ast.parse(SOURCE))
        for m in muts:
            lines = SOURCE.splitlines(keepends=True)
            self.assertEqual(lines[m["line"] - 1], m["before"])
            lines[m["line"] - 1:m["line"]] = [m["after"]] if m["after"] is not None else []
            self.assertNotEqual(ast.dump(ast.parse("".join(lines))), original, m)

    def test_seeded_and_deterministic(self):
        a, _ = self.generate(7, 6)
        b, _ = self.generate(7, 6)
        c, _ = self.generate(8, 6)
        strip = lambda ms: [(m["line"], m["after"]) for m in ms]  # noqa: E731
        self.assertEqual(strip(a), strip(b))
        self.assertNotEqual(strip(a), strip(c))


class CoveredTest(unittest.TestCase):
    def test_what_a_selection_runs(self):
        sel = {"tests/test_a.py::test_x", "tests/test_b.py", "tests/test_c.py::TestK", "tests/d"}
        yes = ["tests/test_a.py::test_x", "tests/test_a.py::test_x[1-2]", "tests/test_b.py::test_y",
               "tests/test_c.py::TestK::test_m[p]", "tests/d/test_e.py::test_z"]
        no = ["tests/test_a.py::test_xy", "tests/test_c.py::TestKL::test_m", "tests/test_f.py::test_x",
              "tests/dd/test_e.py::test_z"]
        for n in yes:
            self.assertTrue(drive.covered(n, sel), n)
        for n in no:
            self.assertFalse(drive.covered(n, sel), n)
        self.assertTrue(drive.covered("tests/test_a.py", sel))  # a module that failed to collect


class RepointTest(unittest.TestCase):
    def test_editable_install_follows_the_copy(self):
        with tempfile.TemporaryDirectory() as d:
            site = pathlib.Path(d, "work/.venv/lib/python3.12/site-packages")
            site.mkdir(parents=True)
            (site / "pkg.pth").write_text("/tmpl/src\n")
            (site / "__editable___x_finder.py").write_text("MAPPING = {'x': '/tmpl/src/x'}\n")
            (site / "other.pth").write_text("/tmpl-other/src\n")
            recipe.repoint_editables(pathlib.Path(d, "work"), "/tmpl")
            work = str(pathlib.Path(d, "work"))
            self.assertEqual((site / "pkg.pth").read_text(), work + "/src\n")
            self.assertIn(f"'{work}/src/x'", (site / "__editable___x_finder.py").read_text())
            self.assertEqual((site / "other.pth").read_text(), "/tmpl-other/src\n")


class ReportTest(unittest.TestCase):
    def test_table_counts_misses_fallbacks_and_testmon(self):
        def rec(i, code, share, misses=(), tm_misses=(), confirmed=None):
            r = {"project": "p", "mode": "commit", "id": f"{i:040d}", "desc": "d", "misses": list(misses),
                 "truth": {"failed": list(misses), "total": 10},
                 "select": {"code": code, "fallback": code == 2, "fallback_reason": "x" if code == 2 else "none",
                            "share": share, "impacted_count": 1, "total_in_map": 10, "verbose_lines": 1,
                            "cold": {"wall_s": 0.1 * i, "cpu_s": 0.05, "maxrss_mb": 1}, "error": []},
                 "testmon": {"ran": 5, "share": 0.5, "misses": list(tm_misses), "wall_s": 1, "cpu_s": 1}}
            if confirmed is not None:
                r["confirmed_failing"] = confirmed
            return r
        recs = [rec(1, 0, 0.1, misses=["t::a"], confirmed=["t::a"]), rec(2, 2, 1.0),
                rec(3, 0, 0.2, misses=["t::flaky"], confirmed=[]), rec(4, 0, 0.3, tm_misses=["t::b"]),
                rec(5, 2, 1.0), rec(6, 2, 1.0)]
        recs[4]["truth"]["failed"] = ["<session>"]  # collection broke: the fallback cost nothing
        recs[5]["truth"]["failed"] = [f"t::{i}" for i in range(4)]  # 4 of 10 failed
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
            f.write("\n".join(json.dumps(r) for r in recs))
        s = report.summary(report.load([f.name]))
        self.assertEqual((s["misses"], s["fallback"], s["tm_misses"], s["broad"], s["over"], s["widened"]), (1, 3, 1, 2, 0, 1))
        self.assertEqual(s["median_narrow"], 0.2)
        self.assertIn("| p | 6 commits | 1 (1 changes) | 3/6 (50%: 2 / 0 / 1)", report.table(recs))
        recs[1]["select"]["fallback_reason"] = "threshold:p=0.62>0.40"  # a real selection, over the threshold
        s = report.summary(recs)
        self.assertEqual((s["broad"], s["over"], s["widened"]), (2, 1, 0))


if __name__ == "__main__":
    unittest.main()
