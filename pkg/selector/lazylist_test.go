package selector

import (
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

const (
	// a factory run at import makes the __getattr__ (attrs' pattern)
	lazyImport = "def _make():\n    def __getattr__(name):\n        if name in _LAZY:\n            return importlib.import_module(f\".{name}\", __name__)\n        raise AttributeError(name)\n\n    return __getattr__\n\n\n__getattr__ = _make()\n"
	lazyCached = "def __getattr__(name):\n    if name in _LAZY:\n        globals()[name] = value = importlib.import_module(_LAZY[name])\n        return value\n    raise AttributeError(name)\n"
)

// lazyPackage is a package whose __getattr__ (made by loader) loads what
// its table (list) names. The first test that reads pkg.sub runs
// __getattr__ and sub's module code; the attribute is then cached (by
// importlib, or in the package's globals), so later readers run neither.
func lazyPackage(list, loader string) (map[string]string, coverage) {
	init := "import importlib\n\n" + list + "\n\n\n" + loader
	files := map[string]string{
		"src/pkg/__init__.py": init,
		"src/pkg/sub.py":      "import os\n\nVALUE = os.environ.get(\"X\", \"1\")\n",
		"src/pkg/other.py":    "OTHER = 1\n",
		"tests/test_a.py":     "import pkg\n\n\ndef test_first():\n    assert pkg.sub.VALUE == \"1\"\n",
		"tests/test_b.py":     "import pkg\n\n\ndef test_later():\n    assert pkg.sub.VALUE == \"1\"\n\n\ndef test_other():\n    assert pkg.other.OTHER\n",
		"tests/test_c.py":     "import pkg\n\n\ndef test_name():\n    assert pkg.__name__ == \"pkg\"\n",
	}
	imp, first := []string{""}, []string{"tests/test_a.py::test_first|run"}
	other := []string{"tests/test_b.py::test_other|run"}
	lines := map[int][]string{}
	inTable := true
	for i, l := range strings.Split(init, "\n") {
		switch {
		case l == "":
		case inTable || !strings.HasPrefix(l, " "):
			inTable = inTable && !strings.HasPrefix(l, "def ")
			lines[i+1] = imp // module level, and the table
		case !strings.Contains(l, "def "):
			lines[i+1] = append(append([]string{}, first...), other...) // run by the first reader of each name
		}
	}
	cov := coverage{
		"src/pkg/__init__.py": lines,
		"src/pkg/sub.py":      {1: first, 3: first},
		"src/pkg/other.py":    {1: other},
		"tests/test_a.py":     {1: imp, 4: imp, 5: first},
		"tests/test_b.py":     {1: imp, 4: imp, 5: {"tests/test_b.py::test_later|run"}, 8: imp, 9: other},
		"tests/test_c.py":     {1: imp, 4: imp, 5: {"tests/test_c.py::test_name|run"}},
	}
	return files, cov
}

func editSub(c map[string]string) {
	c["src/pkg/sub.py"] = strings.Replace(c["src/pkg/sub.py"], `"1"`, `"2"`, 1)
}

// TestSelectLazySubmoduleTable: a change to the import-time code of a
// submodule a package serves lazily reaches the modules that read it from
// the package, also the one that read it after the first and ran none of
// its code, and the tests that ran the package's lookups; not a module
// reading another attribute only, although the __getattr__ that serves it
// was made at import.
func TestSelectLazySubmoduleTable(t *testing.T) {
	want := []string{"tests/test_a.py", "tests/test_b.py"}
	for _, tt := range []struct{ name, list, body string }{
		{"a set of names", `_LAZY = {"sub", "other"}`, lazyImport},
		{"a tuple over lines", "_LAZY = (\n    \"sub\",\n    \"other\",\n)", lazyImport},
		{"names to modules, cached in globals", `_LAZY = {"sub": "pkg.sub", "other": "pkg.other"}`, lazyCached},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, cov := lazyPackage(tt.list, tt.body)
			wantArgs(t, selectOn(t, files, cov, editSub, []gitdiff.Change{modified("src/pkg/sub.py")}, nil, nil), want)
		})
	}
}

// TestSelectLazyTableOtherwise: a table read any other way than by name
// lookups, or holding anything but strings, may serve the submodule
// under any name: every test importing the package runs.
func TestSelectLazyTableOtherwise(t *testing.T) {
	for _, tt := range []struct{ name, list, body string }{
		{"iterated", `_LAZY = {"sub", "other"}`, "def __getattr__(name):\n    for mod in _LAZY:\n        globals()[mod] = importlib.import_module(f\".{mod}\", __name__)\n    return globals()[name]\n"},
		{"not only strings", `_LAZY = {"sub", "other", NAME}`, lazyCached},
		{"read by another module", `_LAZY = {"sub", "other"}`, lazyCached},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files, cov := lazyPackage(tt.list, tt.body)
			if tt.name == "read by another module" {
				files["tests/test_b.py"] += "\n\ndef test_table():\n    assert pkg._LAZY\n"
			}
			sel := selectOn(t, files, cov, editSub, []gitdiff.Change{modified("src/pkg/sub.py")}, nil, nil)
			if !slices.Contains(sel.Args(), "tests/test_c.py") {
				t.Errorf("Args() = %q (fallback %q), want every importer of pkg; notes: %v", sel.Args(), sel.Fallback, sel.Notes)
			}
		})
	}
}

// TestSelectLazyImportSetsAttribute: a function-level `import pkg.sub`
// sets pkg.sub, and a later test reading it ran none of the code that
// imported it: its module depends on pkg.sub as if it imported it. A
// module reading another sub (`self.sub`) does not: only the code reading
// it runs.
func TestSelectLazyImportSetsAttribute(t *testing.T) {
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/loader.py":   "def load():\n    import pkg.sub\n    return pkg.sub.VALUE\n",
		"src/pkg/sub.py":      "import os\n\nVALUE = os.environ.get(\"X\", \"1\")\n",
		"tests/test_a.py":     "from pkg.loader import load\n\n\ndef test_first():\n    assert load() == \"1\"\n",
		"tests/test_b.py":     "import pkg\n\n\ndef test_later():\n    assert pkg.sub.VALUE == \"1\"\n\n\ndef test_name():\n    assert pkg.__name__\n",
		"tests/test_c.py":     "import pkg\n\n\nclass TestC:\n    sub = 1\n\n    def test_own(self):\n        assert self.sub == 1\n",
	}
	imp, first := []string{""}, []string{"tests/test_a.py::test_first|run"}
	cov := coverage{
		"src/pkg/loader.py": {1: imp, 2: first, 3: first},
		"src/pkg/sub.py":    {1: first, 3: first},
		"tests/test_a.py":   {1: imp, 4: imp, 5: first},
		"tests/test_b.py":   {1: imp, 4: imp, 5: {"tests/test_b.py::test_later|run"}, 8: imp, 9: {"tests/test_b.py::test_name|run"}},
	}
	sel := selectOn(t, files, cov, editSub, []gitdiff.Change{modified("src/pkg/sub.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_a.py", "tests/test_b.py", "tests/test_c.py::TestC::test_own"})
}

// TestSelectLazyServedNameRebound: a rebound name of a module a package's
// table serves under that name (`pkg.VALUE`) reaches its later readers.
func TestSelectLazyServedNameRebound(t *testing.T) {
	files, cov := lazyPackage(`_LAZY = {"VALUE": "pkg.sub", "OTHER": "pkg.other"}`, strings.Replace(lazyCached, "importlib.import_module(_LAZY[name])", "getattr(importlib.import_module(_LAZY[name]), name)", 1))
	files["src/pkg/sub.py"] = "VALUE = \"1\"\n"
	cov["src/pkg/sub.py"] = map[int][]string{1: {"tests/test_a.py::test_first|run"}}
	for _, f := range []string{"tests/test_a.py", "tests/test_b.py"} {
		files[f] = strings.ReplaceAll(files[f], "pkg.sub.VALUE", "pkg.VALUE")
	}
	sel := selectOn(t, files, cov, editSub, []gitdiff.Change{modified("src/pkg/sub.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_a.py::test_first", "tests/test_b.py::test_later", "tests/test_b.py::test_other"})
}
