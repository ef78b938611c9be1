package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectNeverRanDefinition: a changed decorator of a definition no
// line of which ran while the map was built (the module's import stops
// earlier, at an optional dependency) cannot run in the tests either; one
// that ran is import-time code.
func TestSelectNeverRanDefinition(t *testing.T) {
	src := "import os\nfrom optional_dep import thing\n\n\n@thing.decorate\ndef f():\n    return 1\n"
	imp := []string{""}
	for _, tt := range []struct {
		name string
		ran  map[int][]string
		want []string
	}{
		{"the import stopped before it: nothing", map[int][]string{1: imp, 2: imp}, []string{}},
		{"it ran at import: its importers", map[int][]string{1: imp, 2: imp, 5: imp, 6: imp}, []string{"tests/test_a.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        src,
				"tests/test_a.py":   "import pytest\n\ntry:\n    from m import a\nexcept ImportError:\n    a = None\n\n\ndef test_a():\n    assert True\n",
			}
			cov := coverage{"src/m/a.py": tt.ran, "tests/test_a.py": {1: imp, 3: imp, 4: imp, 5: imp, 6: imp, 9: imp, 10: {"tests/test_a.py::test_a|run"}}}
			edit := func(c map[string]string) {
				c["src/m/a.py"] = strings.Replace(src, "@thing.decorate", "@thing.other", 1)
			}
			ch := modified("src/m/a.py")
			ch.Hunks = []gitdiff.Hunk{{OldStart: 5, OldCount: 1, NewStart: 5, NewCount: 1}}
			wantArgs(t, selectOn(t, old, cov, edit, []gitdiff.Change{ch}, nil, nil), tt.want)
		})
	}
}
