package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectPreloaded: a module the map's build found imported before its
// collector started (pytest's own dependency) runs everything; the others
// select as ever.
func TestSelectPreloaded(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/hooks.py":    "def call(x):\n    return x\n",
		"src/m/other.py":    "def f(x):\n    return x\n",
		"tests/test_m.py":   "from m import other\n\n\ndef test_f():\n    assert other.f(1)\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py": {},
		"src/m/hooks.py":    {1: imp},
		"src/m/other.py":    {1: imp, 2: {"tests/test_m.py::test_f|run"}},
		"tests/test_m.py":   {1: imp, 4: imp, 5: {"tests/test_m.py::test_f|run"}},
	}
	prov := &covmap.Provenance{Schema: 1, Preloaded: []string{"src/m/__init__.py", "src/m/hooks.py"}}
	for _, c := range []struct {
		file, fallback string
		want           []string
	}{
		{"src/m/hooks.py", "runs-inside-pytest:src/m/hooks.py", nil},
		{"src/m/other.py", "", []string{"tests/test_m.py::test_f"}},
	} {
		edit := func(m map[string]string) { m[c.file] = strings.Replace(m[c.file], "return x", "return x + 1", 1) }
		sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified(c.file)}, prov, nil)
		if c.fallback != "" {
			if sel.Fallback != c.fallback {
				t.Errorf("%s: fallback %q, want %q", c.file, sel.Fallback, c.fallback)
			}
			continue
		}
		wantArgs(t, sel, c.want)
	}
}
