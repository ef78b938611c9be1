package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectConsoleScript: python-dotenv's tests run its own console
// script in a subprocess (`subprocess.run(["dotenv", *args])`, in a helper
// of tests/test_lib.py). The process runs the entry point, whose imports
// coverage never sees: a change those imports reach selects the tests that
// ran the helper. A mutation of dotenv's parse_variables missed six of
// them.
func TestSelectConsoleScript(t *testing.T) {
	files := map[string]string{
		"pyproject.toml":      "[project]\nname = \"m\"\n\n[project.scripts]\nmtool = \"m.cli:main\"\n",
		"src/m/__init__.py":   "",
		"src/m/cli.py":        "from m.vars import parse\n\n\ndef main():\n    print(parse('x'))\n",
		"src/m/vars.py":       "def parse(value):\n    return value\n",
		"src/m/other.py":      "def f():\n    return 1\n",
		"tests/test_lib.py":   "import subprocess\n\n\ndef run_tool(*args):\n    return subprocess.run(\n        [\"mtool\", *args],\n        capture_output=True,\n    )\n",
		"tests/test_cli.py":   "from tests.test_lib import run_tool\n\n\ndef test_cli():\n    assert run_tool().returncode == 0\n",
		"tests/test_other.py": "from m.other import f\n\n\ndef test_f():\n    assert f() == 1\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py":   {},
		"src/m/cli.py":        {},
		"src/m/vars.py":       {},
		"src/m/other.py":      {1: imp, 2: {"tests/test_other.py::test_f|run"}},
		"tests/test_lib.py":   {1: imp, 4: imp, 5: {"tests/test_cli.py::test_cli|run"}},
		"tests/test_cli.py":   {1: imp, 4: imp, 5: {"tests/test_cli.py::test_cli|run"}},
		"tests/test_other.py": {1: imp, 4: imp, 5: {"tests/test_other.py::test_f|run"}},
	}
	// the sh library's form, as dotenv's tests had it
	files["tests/test_sh.py"] = "import sh\n\n\ndef test_sh():\n    assert sh.mtool(\"run\")\n"
	cov["tests/test_sh.py"] = map[int][]string{1: imp, 4: imp, 5: {"tests/test_sh.py::test_sh|run"}}
	for _, c := range []struct {
		file string
		want []string
	}{
		{"src/m/vars.py", []string{"tests/test_sh.py::test_sh", "tests/test_cli.py::test_cli"}},
		{"src/m/other.py", []string{"tests/test_other.py::test_f"}},
	} {
		edit := func(m map[string]string) { m[c.file] = strings.Replace(m[c.file], "return", "return 2 or", 1) }
		wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified(c.file)}, nil, nil), c.want)
	}
}
