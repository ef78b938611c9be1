package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectLazyModulesNamesNothing: prettytable's package lists its
// submodules in `__lazy_modules__` (PEP 810: its own imports of them turn
// lazy on Python 3.15) beside a deprecation `__getattr__`. The strings load
// nothing; the old rule read them as a module served by `__getattr__` and
// selected every importer of the package for any change of the submodule.
func TestSelectLazyModulesNamesNothing(t *testing.T) {
	pkg := "__lazy_modules__ = {\"m.core\"}\n\nfrom .core import f\n\n\ndef __getattr__(name):\n    raise AttributeError(name)\n"
	files := map[string]string{
		"src/m/__init__.py": pkg,
		"src/m/core.py":     "def f():\n    return 1\n\n\ndef g():\n    return 2\n",
		"tests/test_f.py":   "from m import f\n\n\ndef test_f():\n    assert f() == 1\n",
		"tests/test_g.py":   "from m.core import g\n\n\ndef test_g():\n    assert g() == 2\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py": {1: imp, 3: imp, 6: imp},
		"src/m/core.py":     {1: imp, 2: {"tests/test_f.py::test_f|run"}, 5: imp, 6: {"tests/test_g.py::test_g|run"}},
		"tests/test_f.py":   {1: imp, 4: imp, 5: {"tests/test_f.py::test_f|run"}},
		"tests/test_g.py":   {1: imp, 4: imp, 5: {"tests/test_g.py::test_g|run"}},
	}
	edit := func(c map[string]string) {
		c["src/m/core.py"] = strings.Replace(c["src/m/core.py"], "return 2", "return 3", 1)
	}
	ch := modified("src/m/core.py")
	ch.Hunks = gitHunks(t, files["src/m/core.py"], strings.Replace(files["src/m/core.py"], "return 2", "return 3", 1))
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), []string{"tests/test_g.py::test_g"})
}
