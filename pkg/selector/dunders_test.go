package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectImplicitDunder: a dunder a class body binds (`__hash__ =
// None`, `__slots__`) is read by Python itself, not by code naming it: a
// change reaches what uses the class, not only what names the dunder; not
// what uses another class binding the same dunder (Q), nor an annotation.
func TestSelectImplicitDunder(t *testing.T) {
	for _, tt := range []struct{ name, before, after string }{
		{"__hash__", "    __hash__ = None\n", "    __hash__ = object.__hash__\n"},
		{"__slots__", "    __slots__ = (\"x\",)\n", "    __slots__ = (\"x\", \"y\")\n"},
		{"an annotation", "    x: int\n", "    x: str\n"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        "class P:\n" + tt.before + "\n    def __init__(self, x):\n        self.x = x\n\n\ndef other():\n    return Q()\n\n\nclass Q:\n    __slots__ = ()\n    x: int\n",
				"tests/test_a.py":   "from m.a import P, other\n\n\ndef test_p():\n    assert P(1)\n\n\ndef test_other():\n    assert other()\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/m/a.py":      {1: imp, 2: imp, 4: imp, 5: {"tests/test_a.py::test_p|run"}, 8: imp, 9: {"tests/test_a.py::test_other|run"}},
				"tests/test_a.py": {1: imp, 4: imp, 5: {"tests/test_a.py::test_p|run"}, 8: imp, 9: {"tests/test_a.py::test_other|run"}},
			}
			edit := func(c map[string]string) { c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], tt.before, tt.after, 1) }
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
			wantArgs(t, sel, []string{"tests/test_a.py::test_p"}) // through self.x for the annotation
			if tt.name == "an annotation" && strings.Contains(strings.Join(sel.Notes, "\n"), "read by Python itself") {
				t.Errorf("an annotation is no implicit read: %v", sel.Notes)
			}
		})
	}
}
