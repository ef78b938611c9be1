package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectPackageMainNeedles: a change to pkg/__main__.py reaches what
// runs the package (`-m pkg`), not every string equal to the package's
// name: markdown's md_in_html reads an HTML attribute called 'markdown'
// (`attrs.get('markdown', '0')`), which a change to markdown/__main__.py
// sent to 127 tests.
func TestSelectPackageMainNeedles(t *testing.T) {
	main := "import sys\n\n\ndef run():\n    return 1\n\n\nif __name__ == \"__main__\":\n    sys.exit(run())\n"
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/__main__.py": main,
		"src/pkg/html.py":     "def state(attrs):\n    return attrs.get('pkg', '0')\n",
		"tests/test_html.py":  "from pkg.html import state\n\n\ndef test_state():\n    assert state({}) == '0'\n",
		"tests/test_cli.py":   "import subprocess\nimport sys\n\n\ndef test_cli():\n    subprocess.run([sys.executable, '-m', 'pkg'])\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/__main__.py": {1: imp, 4: imp, 8: imp},
		"src/pkg/html.py":     {1: imp, 2: {"tests/test_html.py::test_state|run"}},
		"tests/test_html.py":  {1: imp, 4: imp, 5: {"tests/test_html.py::test_state|run"}},
		"tests/test_cli.py":   {1: imp, 2: imp, 5: imp, 6: {"tests/test_cli.py::test_cli|run"}},
	}
	cur := strings.Replace(main, "return 1", "return 2", 1)
	ch := modified("src/pkg/__main__.py")
	ch.Hunks = gitHunks(t, main, cur)
	edit := func(c map[string]string) { c["src/pkg/__main__.py"] = cur }
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), []string{"tests/test_cli.py::test_cli"})
}
