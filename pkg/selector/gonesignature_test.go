package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectGoneNameInHeader: markupsafe's mutation dropping `import
// string` broke `class EscapeFormatter(string.Formatter)` at import, and
// with it every test; the selector followed only the uses in function
// bodies. A name the module no longer binds, read by a class header,
// fails the import: every importer.
func TestSelectGoneNameInHeader(t *testing.T) {
	for _, c := range []struct{ name, def string }{
		{"a base", "class Fmt(string.Formatter):\n    pass\n"},
	} {
		t.Run(c.name, func(t *testing.T) {
			a := "import string\n\n\n" + c.def + "\n\ndef fmt(v):\n    return string.Template(v)\n"
			files := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        a,
				"tests/test_a.py":   "from m import a\n\n\ndef test_fmt():\n    assert a.fmt('x')\n\n\ndef test_other():\n    assert a\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/m/__init__.py": {},
				"src/m/a.py":        {1: imp, 4: imp, 8: imp, 9: {"tests/test_a.py::test_fmt|run"}},
				"tests/test_a.py":   {1: imp, 4: imp, 8: imp, 5: {"tests/test_a.py::test_fmt|run"}, 9: {"tests/test_a.py::test_other|run"}},
			}
			cur := strings.Replace(a, "import string\n", "", 1)
			ch := modified("src/m/a.py")
			ch.Hunks = gitHunks(t, a, cur)
			edit := func(m map[string]string) { m["src/m/a.py"] = cur }
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), []string{"tests/test_a.py"})
		})
	}
}
