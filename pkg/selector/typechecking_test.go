package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectTypeChecking: an `if TYPE_CHECKING:` block never runs, so
// what it imports binds nothing; moving a runtime import into one unbinds
// the name for the code that still uses it.
func TestSelectTypeChecking(t *testing.T) {
	const mod = "import typing\n\nfrom m.other import helper\n\n\ndef f():\n    return helper()\n\n\ndef g():\n    return 2\n"
	files := map[string]string{
		"src/m/__init__.py":  "",
		"src/m/other.py":     "def helper():\n    return 1\n",
		"src/m/mod.py":       mod,
		"tests/test_mod.py":  "from m.mod import f, g\n\n\ndef test_f():\n    assert f() == 1\n\n\ndef test_g():\n    assert g() == 2\n",
		"tests/test_more.py": "import m.mod\n\n\ndef test_x():\n    assert m.mod\n",
	}
	imp, tf, tg := []string{""}, "tests/test_mod.py::test_f|run", "tests/test_mod.py::test_g|run"
	cov := coverage{"src/m/mod.py": {1: imp, 3: imp, 6: imp, 7: {tf}, 10: imp, 11: {tg}}, "src/m/other.py": {1: imp, 2: {tf}}}
	for _, tt := range []struct {
		name, from, to string
		want           []string // nil: the importers' test files
	}{
		{"a guarded import added: nothing runs", "\n\ndef f", "\nif typing.TYPE_CHECKING:\n    from m.other import Thing\n\n\ndef f", []string{}},
		{"a runtime import moved under the guard: its users break", "from m.other import helper\n", "if typing.TYPE_CHECKING:\n    from m.other import helper\n",
			[]string{"tests/test_mod.py::test_f"}},
		{"a guard on a project flag runs", "\n\ndef f", "\nDEBUG = True\nif DEBUG:\n    from m.other import Thing\n\n\ndef f", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(c map[string]string) {
				if !strings.Contains(c["src/m/mod.py"], tt.from) {
					t.Fatalf("%q not in the module", tt.from)
				}
				c["src/m/mod.py"] = strings.Replace(c["src/m/mod.py"], tt.from, tt.to, 1)
			}
			want := tt.want
			if want == nil {
				want = []string{"tests/test_mod.py", "tests/test_more.py"}
			}
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/mod.py")}, nil, nil)
			wantArgs(t, sel, want)
		})
	}
}

// TestSelectFutureAnnotations: `from __future__ import annotations` only
// changes how annotations compile; in a module without any, adding or
// removing it changes nothing.
func TestSelectFutureAnnotations(t *testing.T) {
	plain := "import os\n\n\ndef f():\n    return os.sep\n"
	files := map[string]string{"src/m/__init__.py": "", "src/m/mod.py": "from __future__ import annotations\n\n" + plain,
		"tests/test_mod.py": "from m.mod import f\n\n\ndef test_f():\n    assert f()\n"}
	cov := coverage{"src/m/mod.py": {1: {""}, 3: {""}, 6: {""}, 7: {"tests/test_mod.py::test_f|run"}}}
	for _, tt := range []struct {
		name, to string
		want     []string
	}{
		{"removed from a module without annotations", plain, []string{}},
		{"removed from a module with one", strings.Replace(plain, "def f():", "def f() -> str:", 1), []string{"tests/test_mod.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(c map[string]string) { c["src/m/mod.py"] = tt.to }
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/mod.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}

// TestSelectLazyAnnotations: under `from __future__ import annotations`
// an annotation-only header change runs nothing at import; an overload
// stub's reaches nothing once its implementation replaces it.
func TestSelectLazyAnnotations(t *testing.T) {
	const mod = "from __future__ import annotations\n\nimport typing as t\n\n\n@t.overload\ndef f(x: os.PathLike) -> int: ...\n\n\ndef f(x):\n    return x\n\n\ndef g(x: int) -> int:\n    return x\n"
	files := map[string]string{"src/m/__init__.py": "", "src/m/mod.py": mod,
		"tests/test_mod.py": "from m.mod import f, g\n\n\ndef test_f():\n    assert f(1) == 1\n\n\ndef test_g():\n    assert g(1) == 1\n"}
	imp := []string{""}
	cov := coverage{"src/m/mod.py": {1: imp, 3: imp, 6: imp, 7: imp, 10: imp, 11: {"tests/test_mod.py::test_f|run"}, 14: imp, 15: {"tests/test_mod.py::test_g|run"}}}
	for _, tt := range []struct {
		name, from, to string
		want           []string
	}{
		{"an overload stub's annotation", "def f(x: os.PathLike) -> int: ...", "def f(x: os.PathLike | None) -> int | None: ...", []string{}},
		{"a function's annotation: what names it", "def g(x: int) -> int:", "def g(x: str) -> str:", []string{"tests/test_mod.py::test_g"}},
		{"a name an overload stub's annotation reads", "import typing as t\n", "import typing as t\nimport os\n", []string{}},
		{"without the future import: as any signature change, the tests that ran it", "from __future__ import annotations\n", "", []string{"tests/test_mod.py::test_g"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(c map[string]string) { c["src/m/mod.py"] = strings.Replace(c["src/m/mod.py"], tt.from, tt.to, 1) }
			if tt.from == "from __future__ import annotations\n" {
				edit = func(c map[string]string) {
					c["src/m/mod.py"] = strings.Replace(strings.Replace(mod, tt.from, "\n", 1), "def g(x: int) -> int:", "def g(x: str) -> str:", 1)
				}
				files["src/m/mod.py"] = strings.Replace(mod, tt.from, "\n", 1)
				defer func() { files["src/m/mod.py"] = mod }()
			}
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/mod.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
