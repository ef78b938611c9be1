package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectDottedNameIsWhole: flask's globals.py makes
// ContextVar("flask.app_ctx") (and LocalProxy objects over it at import), which is no string naming flask.app; a
// string naming the module itself, or a name below it, is.
func TestSelectDottedNameIsWhole(t *testing.T) {
	for _, tt := range []struct {
		name, line string
		want       []string
	}{
		{"a longer identifier: not the module", "CV = Proxy(\"m.app_ctx\")\n", []string{"tests/test_app.py::test_f"}},
		{"the module by name: its importers", "MOD = import_module(\"m.app\")\n", []string{"tests/test_g.py", "tests/test_app.py::test_f"}},
		{"a name below it, loaded at import: its importers", "F = import_module(\"m.app.f\")\n", []string{"tests/test_g.py", "tests/test_app.py::test_f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": "",
				"src/m/app.py":      "def f():\n    return 1\n",
				"src/m/proxy.py":    "class Proxy:\n    def __init__(self, name):\n        self.name = name\n",
				"src/m/globals.py":  "from importlib import import_module\n\nfrom m.proxy import Proxy\n" + tt.line,
				"tests/test_app.py": "from m.app import f\n\n\ndef test_f():\n    assert f() == 1\n",
				"tests/test_g.py":   "from m import globals\n\n\ndef test_g():\n    assert globals\n",
			}
			imp, f, g := "", "tests/test_app.py::test_f|run", "tests/test_g.py::test_g|run"
			cov := coverage{
				"src/m/app.py":      {1: {imp}, 2: {f}},
				"src/m/globals.py":  {1: {imp}, 3: {imp}, 4: {imp}},
				"src/m/proxy.py":    {1: {imp}, 2: {imp}, 3: {imp}},
				"tests/test_app.py": {1: {imp}, 4: {imp}, 5: {f}},
				"tests/test_g.py":   {1: {imp}, 4: {imp}, 5: {g}},
			}
			edit := func(c map[string]string) { c["src/m/app.py"] = "def f():\n    return 2\n" }
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/app.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
