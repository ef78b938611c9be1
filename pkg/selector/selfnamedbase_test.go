package selector

import (
	"runtime/debug"
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectSelfNamedBase: `class TestCase(unittest.TestCase)` (markdown's
// test_tools.py) has a base whose last name is the class's own. Reading
// whether the class is closed once walked that base as the class itself,
// forever: a select on markdown ran for minutes until the stack overflowed.
// With a small stack, the old walk crashes this test at once.
func TestSelectSelfNamedBase(t *testing.T) {
	defer debug.SetMaxStack(debug.SetMaxStack(64 << 20))
	tools := "import unittest\n\n\nclass TestCase(unittest.TestCase):\n    LIMIT = 1\n\n    def check(self):\n        return self.LIMIT\n"
	files := map[string]string{
		"src/m/__init__.py":   "",
		"src/m/test_tools.py": tools,
		"tests/test_a.py":     "from m.test_tools import TestCase\n\n\nclass TestA(TestCase):\n    def test_a(self):\n        assert self.check()\n",
	}
	imp := []string{""}
	run := []string{"tests/test_a.py::TestA::test_a|run"}
	cov := coverage{
		"src/m/__init__.py":   {},
		"src/m/test_tools.py": {1: imp, 4: imp, 5: imp, 7: imp, 8: run},
		"tests/test_a.py":     {1: imp, 4: imp, 5: imp, 6: run},
	}
	cur := strings.Replace(tools, "LIMIT = 1", "LIMIT = 2", 1)
	ch := modified("src/m/test_tools.py")
	ch.Hunks = gitHunks(t, tools, cur)
	edit := func(m map[string]string) { m["src/m/test_tools.py"] = cur }
	sel := selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil)
	if sel.Fallback != "" || !slices.Contains(sel.Args(), "tests/test_a.py::TestA::test_a") && !slices.Contains(sel.Args(), "tests/test_a.py") {
		t.Errorf("Args() = %q (fallback %q), want TestA::test_a among them; notes: %v", sel.Args(), sel.Fallback, sel.Notes)
	}
}
