package selector

import (
	"slices"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectExampleConftestIsNotTheProjects: flask's
// examples/tutorial/tests/conftest.py is a project of its own, not run by
// the suite; the map's tests/conftest.py is flask's own file, not a
// shorter record of it. A change to the example's conftest selects the
// example's tests (none in the map), not every test that ran flask's
// conftest.
func TestSelectExampleConftestIsNotTheProjects(t *testing.T) {
	const exConftest = "import pytest\n\n\n@pytest.fixture\ndef app():\n    return 1\n"
	old := map[string]string{
		"src/m/__init__.py":                   "",
		"tests/conftest.py":                   "import pytest\n\n\n@pytest.fixture\ndef app():\n    return 1\n",
		"tests/test_a.py":                     "def test_a(app):\n    assert app\n",
		"examples/tutorial/tests/conftest.py": exConftest,
		"examples/tutorial/tests/test_ex.py":  "def test_ex(app):\n    assert app\n",
	}
	imp, a := "", "tests/test_a.py::test_a"
	cov := coverage{
		"tests/conftest.py": {1: {imp}, 4: {imp}, 5: {imp}, 6: {a + "|setup"}},
		"tests/test_a.py":   {1: {imp}, 2: {a + "|run"}},
	}
	edit := func(c map[string]string) {
		c["examples/tutorial/tests/conftest.py"] = exConftest + "\n\n@pytest.fixture\ndef client():\n    return 2\n"
	}
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("examples/tutorial/tests/conftest.py")}, nil, nil)
	if sel.Fallback != "" || slices.Contains(sel.Args(), a) || slices.Contains(sel.Args(), "tests/test_a.py") {
		t.Errorf("Args() = %q (fallback %q), want none of flask's own tests; notes: %v", sel.Args(), sel.Fallback, sel.Notes)
	}
}

// TestSelectOutsideTestpaths: a test file the suite does not collect
// (outside testpaths, not in the map) is no part of any run; a new test
// file under testpaths is, and so is every file when no testpaths say
// what the suite is.
func TestSelectOutsideTestpaths(t *testing.T) {
	for _, tt := range []struct {
		name, pyproject string
		want            []string
	}{
		{"testpaths: the example's tests are not run", "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n", []string{"tests/test_new.py"}},
		{"no testpaths: pytest collects from the root", "[project]\nname = \"m\"\n", []string{"tests/test_new.py", "examples/app/tests/test_ex.py::test_more"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"pyproject.toml":                tt.pyproject,
				"src/m/__init__.py":             "X = 1\n",
				"tests/test_a.py":               "from m import X\n\n\ndef test_a():\n    assert X\n",
				"examples/app/tests/test_ex.py": "from m import X\n\n\ndef test_ex():\n    assert X\n",
			}
			imp, a := "", "tests/test_a.py::test_a"
			cov := coverage{"src/m/__init__.py": {1: {imp}}, "tests/test_a.py": {1: {imp}, 4: {imp}, 5: {a + "|run"}}}
			edit := func(c map[string]string) {
				c["tests/test_new.py"] = "def test_new():\n    assert True\n"
				c["examples/app/tests/test_ex.py"] += "\n\ndef test_more():\n    assert X\n"
			}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{added("tests/test_new.py"), modified("examples/app/tests/test_ex.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
