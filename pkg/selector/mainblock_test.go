package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectMainBlock: packaging's _musllinux.py ends with `if __name__ ==
// "__main__": print(_get_musl_version(sys.executable))`, which the
// interpreter rule took for import-time code starting Python: every test,
// through the conftest that imports it, on any change. That block runs only
// where the module runs as a program: the test that runs it so changes
// with it, nothing else; an else branch runs at import.
func TestSelectMainBlock(t *testing.T) {
	tool := func(tail string) string {
		return "import sys\n\n\ndef version(exe):\n    return exe\n\n\nif __name__ == \"__main__\":\n    print(version(sys.executable))\n" + tail
	}
	for _, tt := range []struct {
		name, tail, runner string
		want               []string
	}{
		{"nothing runs it as a program", "", "", []string{"tests/test_a.py::test_f"}},
		{"a test runs it with -m", "", "def test_cli():\n    subprocess.run([sys.executable, \"-m\", \"pkg.tool\"])\n", []string{"tests/test_b.py::test_cli", "tests/test_a.py::test_f"}},
		{"an else branch runs at import", "else:\n    START = sys.executable\n", "", []string{"tests/test_a.py", "tests/test_b.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/pkg/__init__.py": "",
				"src/pkg/tool.py":     tool(tt.tail),
				"src/pkg/core.py":     "def f():\n    return 1\n",
				"tests/conftest.py":   "import pkg.tool\n",
				"tests/test_a.py":     "from pkg.core import f\n\n\ndef test_f():\n    assert f() == 1\n",
				"tests/test_b.py":     "import subprocess\nimport sys\n\n\n" + tt.runner + "\n\ndef test_other():\n    assert True\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/pkg/__init__.py": {},
				"src/pkg/tool.py":     {1: imp, 4: imp, 8: imp},
				"src/pkg/core.py":     {1: imp, 2: {"tests/test_a.py::test_f|run"}},
				"tests/conftest.py":   {1: imp},
				"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_f|run"}},
				"tests/test_b.py":     {1: imp, 2: imp},
			}
			lines := strings.Split(files["tests/test_b.py"], "\n")
			for i, l := range lines {
				switch {
				case strings.HasPrefix(l, "def "):
					cov["tests/test_b.py"][i+1] = imp
				case strings.Contains(l, "subprocess.run"):
					cov["tests/test_b.py"][i+1] = []string{"tests/test_b.py::test_cli|run"}
				case strings.Contains(l, "assert True"):
					cov["tests/test_b.py"][i+1] = []string{"tests/test_b.py::test_other|run"}
				}
			}
			edit := func(c map[string]string) { c["src/pkg/core.py"] = strings.Replace(c["src/pkg/core.py"], "1", "2", 1) }
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/pkg/core.py")}, nil, nil), tt.want)
		})
	}
}

// TestSelectMainBlockUsesChangedName: marshmallow's orderedset.py ends
// with a demo, `if __name__ == "__main__": s = OrderedSet("abracadaba")`;
// a change to OrderedSet reached that module-level use, import-time code
// of a module every test imports. The block runs only as a program: a
// changed DEFAULT reaches size's tests, not every importer of bag.
func TestSelectMainBlockUsesChangedName(t *testing.T) {
	const mod = "DEFAULT = 1\n\n\nclass Bag:\n    def size(self):\n        return DEFAULT\n\n\nif __name__ == \"__main__\":\n    print(Bag().size(), DEFAULT)\n"
	files := map[string]string{
		"src/pkg/__init__.py": "from pkg.bag import Bag\n",
		"src/pkg/bag.py":      mod,
		"tests/test_a.py":     "from pkg import Bag\n\n\ndef test_size():\n    assert Bag().size() == 1\n",
		"tests/test_b.py":     "import pkg\n\n\ndef test_other():\n    assert pkg\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/pkg/__init__.py": {1: imp},
		"src/pkg/bag.py":      {1: imp, 4: imp, 5: imp, 6: {"tests/test_a.py::test_size|run"}, 9: imp},
		"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_size|run"}},
		"tests/test_b.py":     {1: imp, 4: imp, 5: {"tests/test_b.py::test_other|run"}},
	}
	edit := func(c map[string]string) {
		c["src/pkg/bag.py"] = strings.Replace(mod, "DEFAULT = 1", "DEFAULT = 2", 1)
	}
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/pkg/bag.py")}, nil, nil), []string{"tests/test_a.py::test_size"})
}
