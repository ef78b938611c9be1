package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectNeverImported: a module the map does not hold, whose importers'
// imports of it never ran while the map was built (a Windows-only module
// on Linux), was imported by no test: a change to it selects none, unless
// the map cannot say so.
func TestSelectNeverImported(t *testing.T) {
	const a = "import sys\n\nif sys.platform == 'win32':\n    from m import win\n\n\ndef f():\n    return 1\n\n\ndef g():\n    from m.win import x\n    return x\n"
	imp, run := []string{""}, []string{"tests/test_a.py::test_f|run"}
	for _, tt := range []struct {
		name string
		cov  coverage
		want []string
	}{
		{"no import of it ran: nothing", coverage{"src/m/a.py": {1: imp, 3: imp, 7: imp, 8: run, 11: imp}}, []string{}},
		{"a lazy import of it ran (the module is unmeasured): the tests that ran it",
			coverage{"src/m/a.py": {1: imp, 3: imp, 7: imp, 8: run, 11: imp, 12: run}}, []string{"tests/test_a.py::test_f"}},
		{"an importer the map does not hold: its importers", coverage{"src/m/other.py": {1: run}}, []string{"tests/test_a.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        a,
				"src/m/other.py":    "X = 1\n",
				"src/m/win.py":      "x = 1\n",
				"tests/test_a.py":   "from m.a import f\n\n\ndef test_f():\n    assert f() == 1\n",
			}
			edit := func(c map[string]string) { c["src/m/win.py"] = "x = 2\n" }
			sel := selectOn(t, old, tt.cov, edit, []gitdiff.Change{modified("src/m/win.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
