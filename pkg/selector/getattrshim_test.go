package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectGetattrShim: a PEP 562 `__getattr__` that runs at import (a
// probe for a missing attribute) reaches import time only through the
// lines that ran there. prettytable's shape: `TYPE_CHECKING = False`
// guards imports only type checkers see, and the shim imports what it
// needs locally.
func TestSelectGetattrShim(t *testing.T) {
	a := `TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import TypedDict

Base = dict
LIMIT = 3


def render(x):
    return Base(x=x)


def __getattr__(name):
    if name == "Old":
        from typing import TypedDict as Base

        return Base
    if name == "LIMIT2":
        return LIMIT
    raise AttributeError(name)
`
	testA := "from m import a\n\n\ndef test_render():\n    assert a.render(1)\n\n\ndef test_limit():\n    assert a.LIMIT2 == 3\n\n\ndef test_other():\n    assert True\n"
	files := map[string]string{"src/m/__init__.py": "", "src/m/a.py": a, "tests/test_a.py": testA}
	imp := []string{""}
	run := func(n string) []string { return []string{"tests/test_a.py::test_" + n + "|run"} }
	cov := coverage{
		"src/m/__init__.py": {},
		"src/m/a.py": {1: imp, 2: imp, 5: imp, 6: imp, 9: imp, 13: imp,
			14: append(run("limit"), ""), 15: imp, 17: imp, 18: run("limit"),
			10: run("render"), 19: run("limit")},
		"tests/test_a.py": {1: imp, 4: imp, 8: imp, 12: imp, 5: run("render"), 9: run("limit"), 13: run("other")},
	}
	for _, c := range []struct {
		name, from, to string
		want           []string
	}{
		{"an import only type checkers see, under the module's own TYPE_CHECKING = False: nothing",
			"    from typing import TypedDict\n", "    from typing import Any\n", nil},
		{"a global the shim's local import shadows: the shim is not its user",
			"Base = dict\n", "Base = list\n", []string{"tests/test_a.py::test_render"}},
		{"a global the shim reads on a line that never ran at import: the tests that ran the line",
			"LIMIT = 3\n", "LIMIT = 4\n", []string{"tests/test_a.py::test_limit"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cur := strings.Replace(a, c.from, c.to, 1)
			ch := modified("src/m/a.py")
			ch.Hunks = gitHunks(t, a, cur)
			edit := func(m map[string]string) { m["src/m/a.py"] = cur }
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), c.want)
		})
	}
}
