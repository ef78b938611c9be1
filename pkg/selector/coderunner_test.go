package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectCoverageRunsAFile: typer's tests run their examples under
// `[sys.executable, "-m", "coverage", "run", mod.__file__, "--help"]`.
// `coverage` is no project module, but it runs the file it is handed, and
// that file imports the change: the test runs the change in a process the
// map never saw. The old rule read `"-m", "coverage"` as a CLI option
// followed by a literal, and selected nothing.
func TestSelectCoverageRunsAFile(t *testing.T) {
	files := map[string]string{
		"src/cli/__init__.py": "",
		"src/cli/app.py":      "def main():\n    return 'Usage'\n\n\nif __name__ == '__main__':\n    print(main())\n",
		"tests/test_cli.py":   "import subprocess\nimport sys\n\nfrom cli import app as mod\n\n\ndef test_script():\n    r = subprocess.run([sys.executable, \"-m\", \"coverage\", \"run\", mod.__file__, \"--help\"], capture_output=True)\n    assert b'Usage' in r.stdout\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/cli/__init__.py": {},
		"src/cli/app.py":      {1: imp, 5: imp},
		"tests/test_cli.py":   {1: imp, 2: imp, 4: imp, 7: imp, 8: {"tests/test_cli.py::test_script|run"}, 9: {"tests/test_cli.py::test_script|run"}},
	}
	edit := func(c map[string]string) {
		c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "'Usage'", "'usage'", 1)
	}
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/cli/app.py")}, nil, nil), []string{"tests/test_cli.py::test_script"})
	// as a formatter writes it: one argument a line
	files["tests/test_cli.py"] = strings.Replace(files["tests/test_cli.py"], "[sys.executable, \"-m\", \"coverage\", \"run\", mod.__file__, \"--help\"]", "[\n        sys.executable,\n        \"-m\",\n        \"coverage\",\n        \"run\",\n        mod.__file__,\n    ]", 1)
	cov["tests/test_cli.py"] = map[int][]string{1: imp, 2: imp, 4: imp, 7: imp, 8: {"tests/test_cli.py::test_script|run"}, 9: {"tests/test_cli.py::test_script|run"}, 15: {"tests/test_cli.py::test_script|run"}}
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/cli/app.py")}, nil, nil), []string{"tests/test_cli.py::test_script"})
}
