package selector

import (
	"strings"
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
			wantArgs(t, sel, tt.want)
		})
	}
}

// TestSelectRemovedProtocolFunctions: a removed function may have been
// reached by protocol rather than by name (a dunder, a module
// __getattr__), so the tests that ran it run. A module __getattr__ that at
// import only refused attributes behaves there as its absence does.
func TestSelectRemovedProtocolFunctions(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "class P:\n    def __init__(self, v):\n        self.v = v\n\n    def __eq__(self, o):\n        return self.v == o.v\n\n\ndef __getattr__(name):\n    if name == 'V':\n        return 1\n    raise AttributeError(name)\n",
		"tests/test_m.py":   "import m.a\n\n\ndef test_eq():\n    assert m.a.P(1) == m.a.P(1)\n\n\ndef test_v():\n    assert m.a.V == 1\n\n\ndef test_other():\n    assert m.a.P(1)\n",
	}
	r := func(n string) []string { return []string{"tests/test_m.py::" + n + "|run"} }
	imp := []string{""}
	for _, tt := range []struct {
		name, from string
		raiseCtx   []string
		want       []string
	}{
		{"a removed __eq__", "    def __eq__(self, o):\n        return self.v == o.v\n", imp, []string{"tests/test_m.py::test_eq", "tests/test_m.py::test_other"}},
		{"a removed module __getattr__ that import only refused", "def __getattr__(name):\n    if name == 'V':\n        return 1\n    raise AttributeError(name)\n", imp, []string{"tests/test_m.py::test_v"}},
		{"a removed module __getattr__ that answered at import", "def __getattr__(name):\n    if name == 'V':\n        return 1\n    raise AttributeError(name)\n", r("test_v"), []string{"tests/test_m.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cov := coverage{"src/m/a.py": {1: imp, 2: imp, 3: append(r("test_eq"), r("test_other")...), 5: imp, 6: r("test_eq"), 9: imp, 10: append(r("test_v"), ""), 11: r("test_v"), 12: tt.raiseCtx}}
			if tt.raiseCtx[0] != "" { // import took the answering branch instead
				cov["src/m/a.py"][11] = append(r("test_v"), "")
			}
			edit := func(c map[string]string) { c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], tt.from, "", 1) }
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
