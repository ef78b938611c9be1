package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectStdlibImportInATestModule: a name a test module defines
// reaches every module (pytest finds fixtures and hooks by name, imported
// ones too), but a from-import of the standard library brings no fixture:
// filelock's test gaining `from threading import Thread` selected every
// test through its helpers' own Thread (a module that loads modules by
// name sees every module's names).
func TestSelectStdlibImportInATestModule(t *testing.T) {
	for _, tt := range []struct {
		name, line string
		want       []string
	}{
		{"from threading import Thread: nothing uses the test module's new name", "from threading import Thread\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/m/__init__.py": "",
				"tests/__init__.py": "",
				"tests/helpers.py":  "from threading import Thread\n\n\ndef start(fn):\n    t = Thread(target=fn)\n    t.start()\n    return t\n\n\ndef load(name):\n    import importlib\n\n    return importlib.import_module(name)\n",
				"tests/test_a.py":   "def test_a():\n    assert True\n",
				"tests/test_b.py":   "from tests.helpers import start\n\n\ndef test_b():\n    start(print).join()\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/m/__init__.py": {},
				"tests/helpers.py":  {1: imp, 4: imp, 5: {"tests/test_b.py::test_b|run"}, 6: {"tests/test_b.py::test_b|run"}, 7: {"tests/test_b.py::test_b|run"}},
				"tests/test_a.py":   {1: imp, 2: {"tests/test_a.py::test_a|run"}},
				"tests/test_b.py":   {1: imp, 4: imp, 5: {"tests/test_b.py::test_b|run"}},
			}
			edit := func(c map[string]string) { c["tests/test_a.py"] = tt.line + "\n\n" + c["tests/test_a.py"] }
			cur := tt.line + "\n\n" + files["tests/test_a.py"]
			ch := modified("tests/test_a.py")
			ch.Hunks = gitHunks(t, files["tests/test_a.py"], cur)
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), tt.want)
		})
	}
}
