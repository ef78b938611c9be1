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
