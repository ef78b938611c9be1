package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectProseNamesNothing: a docstring that names a changed module
// (jinja's DebugExtension shows `<class 'jinja2.utils.Cycler'>`) runs
// nothing, so the class around it, which its base's __init_subclass__
// processes, does not change with the module; a
// monkeypatch string naming it does, and a doctest of the docstring's
// module reads the docstring as code.
func TestSelectProseNamesNothing(t *testing.T) {
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/sub.py":      "def f():\n    return 1\n",
		"src/pkg/doc.py":      "from pkg.base import Base\n\n\nclass Doc(Base):\n    \"\"\"Wraps 'pkg.sub'.\"\"\"\n\n    def g(self):\n        return 2\n",
		"src/pkg/base.py":     "class Base:\n    def __init_subclass__(cls):\n        cls.identifier = cls.__name__\n",
		"tests/test_a.py":     "from pkg.sub import f\n\n\ndef test_f():\n    assert f() == 1\n",
		"tests/test_c.py":     "from pkg.doc import Doc\n\n\ndef test_g():\n    assert Doc().g() == 2\n",
		"tests/test_m.py":     "import pkg.sub\n\n\ndef test_patch(monkeypatch):\n    monkeypatch.setattr(\"pkg.sub.f\", lambda: 3)\n",
	}
	imp := []string{""}
	cov := func(doctest bool) coverage {
		c := coverage{
			"src/pkg/__init__.py": {},
			"src/pkg/sub.py":      {1: imp, 2: {"tests/test_a.py::test_f|run"}},
			"src/pkg/doc.py":      {1: imp, 4: imp, 5: imp, 7: imp, 8: {"tests/test_c.py::test_g|run"}},
			"src/pkg/base.py":     {1: imp, 2: imp, 3: imp},
			"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_f|run"}},
			"tests/test_c.py":     {1: imp, 4: imp, 5: {"tests/test_c.py::test_g|run"}},
			"tests/test_m.py":     {1: imp, 4: imp, 5: {"tests/test_m.py::test_patch|run"}},
		}
		if doctest {
			c["src/pkg/doc.py"][8] = append(c["src/pkg/doc.py"][8], "src/pkg/doc.py::pkg.doc.Doc|run")
		}
		return c
	}
	edit := func(c map[string]string) { c["src/pkg/sub.py"] = strings.Replace(c["src/pkg/sub.py"], "1", "2", 1) }
	changes := []gitdiff.Change{modified("src/pkg/sub.py")}
	wantArgs(t, selectOn(t, files, cov(false), edit, changes, nil, nil), []string{"tests/test_m.py::test_patch", "tests/test_a.py::test_f"})
	wantArgs(t, selectOn(t, files, cov(true), edit, changes, nil, nil), []string{"src/pkg/doc.py", "tests/test_m.py::test_patch", "tests/test_a.py::test_f"})
}

func TestWithoutComment(t *testing.T) {
	for in, want := range map[string]string{
		`x = 1  # see "pkg.mod"`:              `x = 1  `,
		`s = "a#b"  # c`:                      `s = "a#b"  `,
		`s = 'it\'s # not'`:                   `s = 'it\'s # not'`,
		`# https://x/packaging/version.py#L3`: ``,
	} {
		if got := withoutComment(in); got != want {
			t.Errorf("withoutComment(%q) = %q, want %q", in, got, want)
		}
	}
}
