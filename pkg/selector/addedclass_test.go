package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectAddedDefinitions: a class or function the change adds binds a
// new name, and only code naming it can reach it, unless creating it runs
// code at import: a decorator, a call in its body, its bases or a
// signature, a base that acts on subclasses. Then every importer runs.
func TestSelectAddedDefinitions(t *testing.T) {
	const fee = "class Fee:\n    \"\"\"A fee.\"\"\"\n\n    rate = 2\n    names: tuple = (\"a\", \"b\")\n\n    def __init__(self, cents=0):\n        self.cents = cents\n\n    @property\n    def total(self):\n        return self.cents * self.rate\n\n    class Kind:\n        flat = 1\n\n\n"
	tests := []struct {
		name, add string
		before    string // the line the addition goes before
		args      []string
	}{
		{"a plain class nothing names: nothing", fee, "def other", []string{}},
		{"a plain class, and a changed function naming it: that function's tests", fee, "def other():\n    return 1",
			[]string{"tests/test_money.py::test_other"}},
		{"a class built with a project decorator", "@register\n" + fee, "def other", nil},
		{"a class whose body calls", strings.Replace(fee, "rate = 2", "rate = register(2)", 1), "def other", nil},
		{"a method default that calls", strings.Replace(fee, "cents=0", "cents=other()", 1), "def other", nil},
		{"a method wrapped by a project decorator", strings.Replace(fee, "@property", "@register", 1), "def other", nil},
		{"a base the project does not define", strings.Replace(fee, "class Fee:", "class Fee(dict):", 1), "def other", nil},
		{"a base that is a call", strings.Replace(fee, "class Fee:", "class Fee(t.NamedTuple('F', [])):", 1), "def other", nil},
		{"a nested class's base the project does not define", strings.Replace(fee, "class Kind:", "class Kind(dict):", 1), "def other", nil},
		{"a metaclass", strings.Replace(fee, "class Fee:", "class Fee(metaclass=type):", 1), "def other", nil},
		{"a hook on subclasses", strings.Replace(fee, "    rate = 2\n", "    rate = 2\n\n    def __init_subclass__(cls):\n        pass\n", 1), "def other", nil},
		{"a subclass of a plain project class", strings.Replace(fee, "class Fee:", "class Fee(Money):", 1), "def other", []string{}},
		{"a function whose default calls", "def other2(x=other()):\n    return x\n\n\n", "@t.overload\ndef spare", nil},
		{"a plain function nothing names: nothing", "def other2(x=1):\n    return x\n\n\n", "@t.overload\ndef spare", []string{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, cov := money()
			edit := func(c map[string]string) {
				src := c["src/m/money.py"]
				if !strings.Contains(src, "\n"+tt.before) {
					t.Fatalf("%q not in the module", tt.before)
				}
				src = strings.Replace(src, "\n"+tt.before, "\n"+tt.add+tt.before, 1)
				if strings.Contains(tt.before, "return 1") {
					src = strings.Replace(src, "def other():\n    return 1", "def other():\n    return Fee().cents + 1", 1)
				}
				c["src/m/money.py"] = src
			}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/money.py")}, nil, nil)
			want := tt.args
			if want == nil {
				want = []string{"tests/test_money.py"}
			}
			wantArgs(t, sel, want)
		})
	}
}

// TestSelectRemovedClass: a removed class's members are no names of their
// own: removing a class with an __init__ selects what named the class and
// what ran its methods, not the tests of every other __init__.
func TestSelectRemovedClass(t *testing.T) {
	const keep = "class Keep:\n    def __init__(self):\n        super().__init__()\n        self.k = getattr(self, 'buffer', 1)\n"
	old := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        keep + "\n\nclass Old:\n    buffer = None\n\n    def __init__(self):\n        self.x = 1\n",
		"tests/test_a.py":   "from m.a import Keep\n\n\ndef test_keep():\n    assert Keep().k == 1\n",
	}
	run, imp := []string{"tests/test_a.py::test_keep|run"}, []string{""}
	cov := coverage{"src/m/a.py": {1: imp, 2: imp, 3: run, 4: run, 7: imp, 8: imp, 10: imp}}
	edit := func(c map[string]string) { c["src/m/a.py"] = keep }
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	wantArgs(t, sel, []string{})
}
