package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectSharedFixtureOnlyWhereItRan: flask's tests all share a
// session-wide autouse fixture; AppContext.push runs in the setup of the
// function fixture app_ctx, credited to every test that requests it. Only
// a function run inside the shared fixture itself (in the setup of the one
// test that ran the fixture's body) reaches every test sharing it.
func TestSelectSharedFixtureOnlyWhereItRan(t *testing.T) {
	old := map[string]string{
		"src/m/__init__.py": "",
		"src/m/app.py":      "def make():\n    return {\"x\": 1}\n",
		"tests/conftest.py": "import pytest\nfrom m.app import make\n\n\n@pytest.fixture(scope=\"session\", autouse=True)\ndef env():\n    return 1\n\n\n@pytest.fixture\ndef app():\n    return make()\n",
		"tests/test_a.py":   "def test_first():\n    assert True\n\n\ndef test_app(app):\n    assert app\n",
		"tests/test_b.py":   "def test_other():\n    assert True\n",
	}
	imp, first, withApp, other := "", "tests/test_a.py::test_first", "tests/test_a.py::test_app", "tests/test_b.py::test_other"
	env := []string{"session:tests/conftest.py::env"}
	prov := &covmap.Provenance{Schema: 1, Tests: map[string]covmap.TestRecord{
		first: {Outcome: "passed", Fixtures: env}, withApp: {Outcome: "passed", Fixtures: env}, other: {Outcome: "passed", Fixtures: env},
	}}
	edit := func(c map[string]string) { c["src/m/app.py"] = "def make():\n    return {\"x\": 2}\n" }
	for _, tt := range []struct {
		name   string
		makeBy []string // the tests whose setup ran make
		want   []string
	}{
		{"in a function fixture: its tests", []string{withApp + "|setup"}, []string{withApp}},
		{"in the test that ran the shared fixture: every test sharing it", []string{first + "|setup", withApp + "|setup"}, []string{withApp, first, other}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cov := coverage{
				"src/m/app.py":      {1: {imp}, 2: tt.makeBy},
				"tests/conftest.py": {1: {imp}, 2: {imp}, 5: {imp}, 6: {imp}, 7: {first + "|setup"}, 10: {imp}, 11: {imp}, 12: {withApp + "|setup"}},
				"tests/test_a.py":   {1: {imp}, 2: {first + "|run"}, 5: {imp}, 6: {withApp + "|run"}},
				"tests/test_b.py":   {1: {imp}, 2: {other + "|run"}},
			}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/app.py")}, prov, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
