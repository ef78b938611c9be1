package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectConftestFixtureReads: a conftest.py fixture that opens files
// by a name built at run time (`name + ".toml"`, tomlkit's `example`)
// reaches the tests that ran the fixture, not every test below the
// conftest. Module code of a conftest naming the file still reaches them
// all.
func TestSelectConftestFixtureReads(t *testing.T) {
	conftest := `import os

import pytest


@pytest.fixture
def example():
    def _example(name):
        with open(os.path.join(os.path.dirname(__file__), "examples", name + ".toml")) as f:
            return f.read()

    return _example
`
	files := map[string]string{
		"pyproject.toml":          "[project]\nname = \"m\"\n\n[tool.ruff]\nline-length = 88\n",
		"src/m/__init__.py":       "",
		"tests/conftest.py":       conftest,
		"tests/examples/one.toml": "a = 1\n",
		"tests/test_a.py":         "def test_uses(example):\n    assert example(\"one\")\n\n\ndef test_plain():\n    assert True\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py": {},
		"tests/conftest.py": {1: imp, 3: imp, 6: imp, 7: imp,
			8:  {"tests/test_a.py::test_uses|setup"},
			12: {"tests/test_a.py::test_uses|setup"},
			9:  {"tests/test_a.py::test_uses|run"},
			10: {"tests/test_a.py::test_uses|run"}},
		"tests/test_a.py": {1: imp, 5: imp, 2: {"tests/test_a.py::test_uses|run"}, 6: {"tests/test_a.py::test_plain|run"}},
	}
	for _, c := range []struct {
		name, file, from, to string
		want                 []string
	}{
		{"a data file the fixture reads: the fixture's tests", "tests/examples/one.toml", "a = 1\n", "a = 2\n",
			[]string{"tests/test_a.py::test_uses"}},
		{"pyproject.toml, which the fixture's `.toml` may name: the fixture's tests, and its lint table nothing",
			"pyproject.toml", "line-length = 88", "line-length = 100", []string{"tests/test_a.py::test_uses"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			cur := strings.Replace(files[c.file], c.from, c.to, 1)
			edit := func(m map[string]string) { m[c.file] = cur }
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified(c.file)}, nil, nil), c.want)
		})
	}
	// module code naming the file reaches every test below the conftest
	withModule := strings.Replace(conftest, "import pytest\n", "import pytest\n\nDEFAULTS = open(os.path.join(os.path.dirname(__file__), \"examples\", \"one.toml\")).read()\n", 1)
	mod := map[string]string{}
	for k, v := range files {
		mod[k] = v
	}
	mod["tests/conftest.py"] = withModule
	modCov := coverage{"src/m/__init__.py": {}, "tests/conftest.py": {1: imp, 3: imp, 5: imp}, "tests/test_a.py": cov["tests/test_a.py"]}
	edit := func(m map[string]string) { m["tests/examples/one.toml"] = "a = 2\n" }
	wantArgs(t, selectOn(t, mod, modCov, edit, []gitdiff.Change{modified("tests/examples/one.toml")}, nil, nil), []string{"tests/test_a.py"})
}
