package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectTestModuleImport: a name a test module defines counts in every
// module (pytest connects fixtures and hooks by name), but one it binds
// only by `import x` is a module object: a new `import os` in a test
// module is not the os of a module that loads modules by name.
func TestSelectTestModuleImport(t *testing.T) {
	for _, tt := range []struct {
		name, add string
		want      []string
	}{
		{"import os", "import os\n", []string{}},
		{"os = 1: a name like any other", "os = 1\n", []string{"tests/test_a.py::test_f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        "import importlib\nimport os\n\n\ndef f():\n    return os.getcwd()\n\n\ndef load(name):\n    return importlib.import_module(name)\n",
				"tests/test_a.py":   "from m.a import f\n\n\ndef test_f():\n    assert f()\n",
				"tests/test_b.py":   "def test_b():\n    assert True\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/m/a.py":      {1: imp, 2: imp, 5: imp, 6: {"tests/test_a.py::test_f|run"}, 9: imp},
				"tests/test_a.py": {1: imp, 4: imp, 5: {"tests/test_a.py::test_f|run"}},
				"tests/test_b.py": {1: imp, 2: {"tests/test_b.py::test_b|run"}},
			}
			edit := func(c map[string]string) { c["tests/test_b.py"] = tt.add + "\n\n" + c["tests/test_b.py"] }
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("tests/test_b.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
