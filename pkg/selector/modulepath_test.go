package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectUnusedImportRemoved: `from io import StringIO` names a module
// to import, not the module's own binding of io, so removing an unused
// `import io` reaches nothing; a read of io would.
func TestSelectUnusedImportRemoved(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		want       []string
	}{
		{"only a from-import names the module: nothing", "    return StringIO('x').read()\n", []string{}},
		{"a read of the name: the tests that ran it", "    return io.StringIO('x').read()\n", []string{"tests/test_a.py::test_f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mod := "import io\nfrom io import StringIO\n\n\ndef f():\n" + tt.body
			old := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        mod,
				"tests/test_a.py":   "from m.a import f\n\n\ndef test_f():\n    assert f() == 'x'\n",
			}
			imp := []string{""}
			cov := coverage{"src/m/a.py": {1: imp, 2: imp, 5: imp, 6: {"tests/test_a.py::test_f|run"}}}
			edit := func(c map[string]string) { c["src/m/a.py"] = strings.TrimPrefix(mod, "import io\n") }
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}

// TestSelectReexportRemoved: dropping a package's re-export of a class
// reaches what imports the name from the package, not what imports it
// from the module that defines it.
func TestSelectReexportRemoved(t *testing.T) {
	const init = "from .exc import Err as Err\nfrom .exc import Other\n"
	for _, tt := range []struct {
		name, test string
		want       []string
	}{
		{"imported from its own module: nothing", "from m.exc import Err\n", []string{}},
		{"imported from the package: that test module", "from m import Err\n", []string{"tests/test_a.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": init,
				"src/m/exc.py":      "class Err(Exception):\n    pass\n\n\nclass Other(Exception):\n    pass\n",
				"tests/test_a.py":   tt.test + "\n\ndef test_err():\n    assert Err\n",
				"tests/test_b.py":   "from m import Other\n\n\ndef test_other():\n    assert Other\n",
			}
			imp := []string{""}
			cov := coverage{"src/m/__init__.py": {1: imp, 2: imp}, "src/m/exc.py": {1: imp, 2: imp, 5: imp, 6: imp},
				"tests/test_a.py": {1: imp, 4: imp, 5: {"tests/test_a.py::test_err|run"}}, "tests/test_b.py": {1: imp, 4: imp, 5: {"tests/test_b.py::test_other|run"}}}
			edit := func(c map[string]string) {
				c["src/m/__init__.py"] = strings.TrimPrefix(init, "from .exc import Err as Err\n")
			}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/__init__.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
