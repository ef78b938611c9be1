package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

const moneyV1 = `import functools
import typing as t


def register(f):
    return f


class Money:
    def __init__(self, cents):
        self._cents = cents

    @property
    def cents(self):
        return self._cents

    @staticmethod
    def parse(text):
        return Money(int(text))

    @register
    def show(self):
        return str(self._cents)

    @property
    def euros(self):
        return self._cents // 100

    @euros.setter
    def euros(self, v):
        self._cents = v * 100


@t.overload
def rate(x: int) -> int:
    ...


def rate(x):
    return x * 2


def other():
    return 1


@t.overload
def spare(x: int) -> int: ...
def spare(x):
    return x
`

// money is a module whose methods are wrapped by builtins, the standard
// library and a project decorator, with one test per function.
func money() (map[string]string, coverage) {
	files := map[string]string{
		"src/m/__init__.py":   "",
		"src/m/money.py":      moneyV1,
		"tests/test_money.py": "from m.money import Money, rate, other\n\n\ndef test_parse():\n    assert Money.parse('3').cents == 3\n\n\ndef test_show():\n    m = Money(2)\n    m.euros = 1\n    assert m.show() == '100' and m.euros == 1\n\n\ndef test_rate():\n    assert rate(2) == 4\n\n\ndef test_other():\n    assert other() == 1\n",
	}
	p, s, r, o := "tests/test_money.py::test_parse|run", "tests/test_money.py::test_show|run", "tests/test_money.py::test_rate|run", "tests/test_money.py::test_other|run"
	imp := []string{""}
	cov := coverage{"src/m/money.py": {1: imp, 2: imp, 5: imp, 6: imp, 9: imp, 10: imp, 11: {p, s}, 13: imp, 14: imp, 15: {p},
		17: imp, 18: imp, 19: {p}, 21: imp, 22: imp, 23: {s}, 25: imp, 26: imp, 27: {s}, 29: imp, 30: imp, 31: {s}, 34: imp, 35: imp, 39: imp, 40: {r}, 43: imp, 44: {o}, 47: imp, 48: imp, 49: imp, 50: imp}}
	return files, cov
}

func TestSelectPureWrappers(t *testing.T) {
	tests := []struct {
		name, from, to string
		args           []string // nil: the test module, as an import-time change
	}{
		{"a removed staticmethod: the tests that called it", "    @staticmethod\n    def parse", "    def parse",
			[]string{"tests/test_money.py::test_parse"}},
		{"an added cache: the tests that ran it", "\ndef other", "\n@functools.cache\ndef other",
			[]string{"tests/test_money.py::test_other"}},
		{"a removed overload (aliased typing) of a stub its implementation replaces: nothing", "@t.overload\ndef rate(x: int)", "def rate(x: int)",
			[]string{}},
		{"an overload added to the implementation: what calls it", "\ndef rate(x):", "\n@t.overload\ndef rate(x):",
			[]string{"tests/test_money.py::test_rate"}},
		{"a removed overload of a one-line stub: nothing ran it, nothing names it", "@t.overload\ndef spare", "def spare", []string{}},
		{"a project decorator may register: import-time", "    @register\n    def show", "    def show", nil},
		{"an added call may raise at import", "\ndef other", "\n@functools.lru_cache(maxsize=SIZE)\ndef other", nil},
		{"a wrapper the module rebinds is not the builtin", "class Money:", "staticmethod = register\n\n\nclass Money:", nil},
		{"a removed property its setter reads is import-time", "    @property\n    def euros", "    def euros", nil},
		{"a removed setter: the tests that used the property", "    @euros.setter\n", "", []string{"tests/test_money.py::test_show"}},
		{"an added setter reads a name that may not be a property", "        return self._cents\n\n", "        return self._cents\n\n    @cents.setter\n    def cents(self, v):\n        self._cents = v\n\n", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, cov := money()
			edit := func(c map[string]string) {
				if !strings.Contains(c["src/m/money.py"], tt.from) {
					t.Fatalf("%q not in the module", tt.from)
				}
				c["src/m/money.py"] = strings.Replace(c["src/m/money.py"], tt.from, tt.to, 1)
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

// TestSelectRewrappedDunder: a dunder's wrappers changed in a closed class:
// the protocol calls it through the class, so what names the class runs,
// not every other class's method of the same name.
func TestSelectRewrappedDunder(t *testing.T) {
	const mod = "import functools\n\n\nclass Money:\n    def __init__(self, cents):\n        self.cents = cents\n\n\nclass Other:\n    def __init__(self):\n        super().__init__()\n        self.x = 1\n"
	old := map[string]string{
		"src/m/__init__.py":     "",
		"src/m/a.py":            mod,
		"tests/helpers.py":      "from m import a\n\n\nclass Box:\n    def __init__(self):\n        self.v = a\n",
		"tests/test_money.py":   "from m.a import Money\n\n\ndef test_money():\n    assert Money(2).cents == 2\n",
		"tests/test_other.py":   "from m.a import Other\n\n\ndef test_other():\n    assert Other().x == 1\n",
		"tests/test_another.py": "from m import a\n\n\nclass Local:\n    def __init__(self):\n        pass\n\n\ndef test_local():\n    assert Local() and a\n",
	}
	imp := []string{""}
	cov := coverage{"src/m/a.py": {1: imp, 4: imp, 5: imp, 6: {"tests/test_money.py::test_money|run"}, 9: imp, 10: imp,
		11: {"tests/test_other.py::test_other|run"}, 12: {"tests/test_other.py::test_other|run"}}}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(mod, "    def __init__(self, cents)", "    @functools.cache\n    def __init__(self, cents)", 1)
	}
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_money.py::test_money"})
}
