package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectTypingOnly: jinja's optimizeconst, a decorator every method
// of its code generator goes through at import, lost a typing.cast:
// `update_wrapper(t.cast(F, new_func), f)` -> `update_wrapper(new_func,
// f)`. Code run at import reached every test; the cast returns its value
// and runs nothing, so no test can see it. A cast that is not typing's, or
// a root name the function binds, is a change.
func TestSelectTypingOnly(t *testing.T) {
	const deco = "import typing as t\nif t.TYPE_CHECKING:\n    from collections.abc import Sized\nfrom functools import update_wrapper\n\nF = t.TypeVar(\"F\")\n\n\ndef wrap(f: F) -> F:\n    def new(*a):\n        r = f(*a)\n        return r\n\n    return update_wrapper(t.cast(F, new), f)\n"
	for _, tt := range []struct {
		name, from, to string
		want           []string
	}{
		{"the cast removed: nothing", "t.cast(F, new)", "new", []string{}},
		{"a local annotation added: nothing", "r = f(*a)", "r: \"int\" = f(*a)", []string{}},
		{"a cast of a parameter named t: what imports it", "def wrap(f: F) -> F:\n    def new(*a):", "def wrap(f: F) -> F:\n    def new(*a, t=t):", []string{"tests/test_a.py", "tests/test_b.py"}},
		{"a cast added whose type is bound at run time: nothing", "r = f(*a)", "r = t.cast(F, f(*a))", []string{}},
		{"a cast added whose type is for type checkers only: what imports it", "r = f(*a)", "r = t.cast(Sized, f(*a))", []string{"tests/test_a.py", "tests/test_b.py"}},
		{"the value changed too: what imports it", "t.cast(F, new)", "new or f", []string{"tests/test_a.py", "tests/test_b.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/pkg/__init__.py": "",
				"src/pkg/deco.py":     deco,
				"src/pkg/core.py":     "from pkg.deco import wrap\n\n\n@wrap\ndef f():\n    return 1\n",
				"tests/test_a.py":     "from pkg.core import f\n\n\ndef test_f():\n    assert f() == 1\n",
				"tests/test_b.py":     "import pkg.core\n\n\ndef test_other():\n    assert pkg.core\n",
			}
			imp, tf := []string{""}, []string{"tests/test_a.py::test_f|run"}
			cov := coverage{
				"src/pkg/__init__.py": {},
				"src/pkg/deco.py":     {1: imp, 2: imp, 4: imp, 6: imp, 9: imp, 10: imp, 11: tf, 12: tf, 14: imp},
				"src/pkg/core.py":     {1: imp, 4: imp, 5: imp, 6: tf},
				"tests/test_a.py":     {1: imp, 4: imp, 5: tf},
				"tests/test_b.py":     {1: imp, 4: imp, 5: {"tests/test_b.py::test_other|run"}},
			}
			edit := func(c map[string]string) {
				if !strings.Contains(c["src/pkg/deco.py"], tt.from) {
					t.Fatalf("%q not in deco.py", tt.from)
				}
				c["src/pkg/deco.py"] = strings.Replace(c["src/pkg/deco.py"], tt.from, tt.to, 1)
			}
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/pkg/deco.py")}, nil, nil), tt.want)
		})
	}
}
