package selector

import (
	"slices"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectNamedOffImport: a function that runs at import (a PEP 562
// module __getattr__ that pytest's collection calls) names a changed file
// on a line that never ran then: only the tests that ran the function.
// When that line did run at import, the module's importers.
func TestSelectNamedOffImport(t *testing.T) {
	meta := "def __getattr__(name):\n    if name == \"VERSION\":\n        return open(\n            \"version.txt\").read()\n    raise AttributeError(name)\n"
	files := map[string]string{
		"src/m/__init__.py":   "",
		"src/m/meta.py":       meta,
		"version.txt":         "1.0\n",
		"tests/test_meta.py":  "import m.meta\n\n\ndef test_v():\n    assert m.meta.VERSION\n",
		"tests/test_other.py": "import m.meta\n\n\ndef test_o():\n    assert True\n",
	}
	v, o := "tests/test_meta.py::test_v|run", "tests/test_other.py::test_o|run"
	for _, tt := range []struct {
		name  string
		line3 []string
		want  []string
	}{
		{"the reading line never ran at import", []string{v}, []string{"tests/test_meta.py::test_v", "tests/test_other.py::test_o"}},
		{"the reading line ran at import", []string{"", v}, []string{"tests/test_meta.py", "tests/test_other.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cov := coverage{"src/m/meta.py": {1: {""}, 2: {"", v, o}, 3: tt.line3, 5: {"", o}}}
			edit := func(c map[string]string) { c["version.txt"] = "1.1\n" }
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("version.txt")}, nil, nil)
			if sel.Fallback != "" || !slices.Equal(sel.Args(), tt.want) {
				t.Errorf("Args() = %q (fallback %q), want %q; notes: %v", sel.Args(), sel.Fallback, tt.want, sel.Notes)
			}
		})
	}
}
