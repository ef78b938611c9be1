package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectSharedFixtureOnlyWhereItRan: flask's tests all share a
// session-wide autouse fixture; AppContext.push runs in the setup of the
// function fixture app_ctx, credited to every test that requests it. Only
// a function run inside the shared fixture itself (in the setup of the one
// test that ran the fixture's body, by a fixture that can run project
// code) reaches every test sharing it.
func TestSelectSharedFixtureOnlyWhereItRan(t *testing.T) {
	const conftest = "import os\n\nimport pytest\nfrom m.app import make\n\n\n@pytest.fixture(scope=\"session\", autouse=True)\ndef env():\n    return os.environ.copy()\n\n\n@pytest.fixture\ndef app():\n    return make()\n"
	old := map[string]string{
		"src/m/__init__.py": "",
		"src/m/app.py":      "def make():\n    return {\"x\": 1}\n",
		"tests/conftest.py": conftest,
		"tests/test_a.py":   "def test_first():\n    assert True\n\n\ndef test_app(app):\n    assert app\n",
		"tests/test_b.py":   "def test_other():\n    assert True\n",
	}
	imp, first, withApp, other := "", "tests/test_a.py::test_first", "tests/test_a.py::test_app", "tests/test_b.py::test_other"
	env := []string{"session:tests/conftest.py::env", "session:.venv/lib/python3.12/site-packages/_pytest/fixtures.py::pytestconfig"}
	prov := sharing(env, first, withApp, other)
	edit := func(c map[string]string) { c["src/m/app.py"] = "def make():\n    return {\"x\": 2}\n" }
	for _, tt := range []struct {
		name   string
		env    string   // the shared fixture's body
		makeBy []string // the tests whose setup ran make
		want   []string
	}{
		{"in a function fixture: its tests", "make()", []string{withApp + "|setup"}, []string{withApp}},
		{"in the test that ran the shared fixture: every test sharing it", "make()", []string{first + "|setup", withApp + "|setup"}, []string{withApp, first, other}},
		{"a shared fixture that runs no project code: the tests that ran it", "os.environ.copy()", []string{first + "|setup", withApp + "|setup"}, []string{withApp, first}},
		{"a shared fixture patching project code by name: every test sharing it", "os.environ.copy() and MonkeyPatch().setattr(\"m.app.make\", None)", []string{first + "|setup", withApp + "|setup"}, []string{withApp, first, other}},
		{"a shared fixture importing project code by name: every test sharing it", "pytest.importorskip(\"x\")", []string{first + "|setup", withApp + "|setup"}, []string{withApp, first, other}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old["tests/conftest.py"] = strings.Replace(conftest, "os.environ.copy()", tt.env, 1)
			cov := coverage{
				"src/m/app.py":      {1: {imp}, 2: tt.makeBy},
				"tests/conftest.py": {1: {imp}, 3: {imp}, 4: {imp}, 7: {imp}, 8: {imp}, 9: {first + "|setup"}, 12: {imp}, 13: {imp}, 14: {withApp + "|setup"}},
				"tests/test_a.py":   {1: {imp}, 2: {first + "|run"}, 5: {imp}, 6: {withApp + "|run"}},
				"tests/test_b.py":   {1: {imp}, 2: {other + "|run"}},
			}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/app.py")}, prov, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}

// TestSelectChangedTestWidensItsSharedFixtures: a changed test can change
// the object a session fixture hands every test (popping from a shared
// dict), whether or not the fixture runs project code, and whichever test
// ran its body: every test sharing it runs.
func TestSelectChangedTestWidensItsSharedFixtures(t *testing.T) {
	const testA = "def test_first(store):\n    assert store\n\n\ndef test_pop(store):\n    store.pop(\"a\")\n"
	old := map[string]string{
		"src/m/__init__.py": "",
		"tests/conftest.py": "import pytest\n\n\n@pytest.fixture(scope=\"session\")\ndef store():\n    return {\"a\": 1}\n",
		"tests/test_a.py":   testA,
		"tests/test_b.py":   "def test_other(store):\n    assert \"a\" in store\n",
	}
	imp, first, pop, other := "", "tests/test_a.py::test_first", "tests/test_a.py::test_pop", "tests/test_b.py::test_other"
	store := []string{"session:tests/conftest.py::store"}
	prov := sharing(store, first, pop, other)
	cov := coverage{
		"tests/conftest.py": {1: {imp}, 4: {imp}, 5: {imp}, 6: {first + "|setup"}},
		"tests/test_a.py":   {1: {imp}, 2: {first + "|run"}, 5: {imp}, 6: {pop + "|run"}},
		"tests/test_b.py":   {1: {imp}, 2: {other + "|run"}},
	}
	edit := func(c map[string]string) {
		c["tests/test_a.py"] = strings.Replace(testA, "store.pop(\"a\")", "store.pop(\"a\", None)", 1)
	}
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("tests/test_a.py")}, prov, nil)
	wantArgs(t, sel, []string{"tests/test_a.py::test_pop", "tests/test_a.py::test_first", "tests/test_b.py::test_other"})
}

// TestSelectTestUsingChangedNameKeepsToItself: a test whose code is as it
// was but which names a changed module (flask's test_reqctx names
// "flask.app" in a string) runs changed code, as a test calling a changed
// function does: it runs, and the other users of its session fixture do
// not; a changed test's fixture users do (above).
func TestSelectTestUsingChangedNameKeepsToItself(t *testing.T) {
	old := map[string]string{
		"src/m/__init__.py": "",
		"src/m/app.py":      "LIMIT = 3\n",
		"tests/conftest.py": "import pytest\n\n\n@pytest.fixture(scope=\"session\", autouse=True)\ndef env():\n    return {}\n",
		"tests/test_a.py":   "from m import app\n\n\ndef test_limit():\n    assert app.LIMIT == 3\n",
		"tests/test_b.py":   "def test_other():\n    assert True\n",
	}
	imp, limit, other := "", "tests/test_a.py::test_limit", "tests/test_b.py::test_other"
	env := []string{"session:tests/conftest.py::env"}
	prov := sharing(env, limit, other)
	cov := coverage{
		"src/m/app.py":      {1: {imp}},
		"tests/conftest.py": {1: {imp}, 4: {imp}, 5: {imp}, 6: {other + "|setup"}},
		"tests/test_a.py":   {1: {imp}, 4: {imp}, 5: {limit + "|run"}},
		"tests/test_b.py":   {1: {imp}, 2: {other + "|run"}},
	}
	edit := func(c map[string]string) { c["src/m/app.py"] = "LIMIT = 4\n" }
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/app.py")}, prov, nil)
	wantArgs(t, sel, []string{"tests/test_a.py::test_limit"})
}

// TestSelectChangedTestWidensOverAnyWideFixture: a wide fixture shares
// what it leaves behind as well as what it hands: one that returns nothing
// but seeds a store (`db.create_all()`, environment variables) couples a
// changed test to the tests after it as much as one handing the store
// does. Every test sharing it runs, whatever its value, unless it
// requests nothing, hands nothing and only looks (loguru's
// check_env_variables warns about the variables it finds), or only sets
// and removes environment variables through a MonkeyPatch of its own and
// yields data (flask's _standard_os_environ): what a changed test does to
// the environment reaches the later tests alike, fixture or none.
func TestSelectChangedTestWidensOverAnyWideFixture(t *testing.T) {
	const testA = "def test_first(env):\n    assert True\n\n\ndef test_edit(env):\n    assert 1\n"
	shared := []string{"tests/test_a.py::test_edit", "tests/test_a.py::test_first", "tests/test_b.py::test_other"}
	alone := []string{"tests/test_a.py::test_edit"}
	for _, tt := range []struct {
		name, body string
		want       []string
	}{
		{"no value, state seeded", "    os.environ.setdefault(\"X\", \"1\")\n", shared},
		{"a bare yield", "    yield\n    os.environ.pop(\"X\", None)\n", shared},
		{"a tuple of constants and module attributes", "    out = (\n        (os.environ, \"X\", monkeypatch.notset),\n    )\n    yield out\n", shared},
		{"a dict", "    return {\"X\": 1}\n", shared},
		{"a loop that writes", "    for var in os.environ:\n        if var.startswith(\"X_\"):\n            os.environ.pop(var)\n", shared},
		{"a loop that calls what it finds", "    for var in os.environ:\n        print(check(var))\n", shared},
		// flask's _standard_os_environ: a MonkeyPatch of its own, env
		// variables removed or set from a table, the table yielded
		{"only patches the environment through its own MonkeyPatch: the changed test alone", "    mp = monkeypatch.MonkeyPatch()\n    out = (\n        (os.environ, \"X\", monkeypatch.notset),\n    )\n    for _, key, value in out:\n        if value is monkeypatch.notset:\n            mp.delenv(key, False)\n        else:\n            mp.setenv(key, value)\n    yield out\n    mp.undo()\n", alone},
		{"patches more than the environment", "    mp = monkeypatch.MonkeyPatch()\n    mp.setattr(os, \"sep\", \"/\")\n    yield\n    mp.undo()\n", shared},
		{"sets the environment itself", "    mp = monkeypatch.MonkeyPatch()\n    os.environ[\"X\"] = \"1\"\n    yield\n", shared},
		{"only looks and warns: the changed test alone", "    \"\"\"Warn about X_ variables.\"\"\"\n    for var in os.environ:\n        if var.startswith(\"X_\"):\n            warnings.warn(\"found %s\" % var, RuntimeWarning, stacklevel=1)\n", alone},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py": "",
				"tests/conftest.py": "import os\n\nimport pytest\nfrom _pytest import monkeypatch\n\n\n@pytest.fixture(scope=\"session\", autouse=True)\ndef env():\n" + tt.body,
				"tests/test_a.py":   testA,
				"tests/test_b.py":   "def test_other(env):\n    assert True\n",
			}
			imp, first, edit, other := "", "tests/test_a.py::test_first", "tests/test_a.py::test_edit", "tests/test_b.py::test_other"
			prov := sharing([]string{"session:tests/conftest.py::env"}, first, edit, other)
			cov := coverage{
				"tests/conftest.py": {1: {imp}, 3: {imp}, 4: {imp}, 7: {imp}, 8: {imp}, 9: {first + "|setup"}},
				"tests/test_a.py":   {1: {imp}, 2: {first + "|run"}, 5: {imp}, 6: {edit + "|run"}},
				"tests/test_b.py":   {1: {imp}, 2: {other + "|run"}},
			}
			change := func(c map[string]string) { c["tests/test_a.py"] = strings.Replace(testA, "assert 1", "assert 2", 1) }
			sel := selectOn(t, old, cov, change, []gitdiff.Change{modified("tests/test_a.py")}, prov, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}

// sharing is a map record of passed tests that all share the wide
// fixtures fixtures.
func sharing(fixtures []string, ids ...string) *covmap.Provenance {
	prov := &covmap.Provenance{Schema: 1, Tests: map[string]covmap.TestRecord{}}
	for _, id := range ids {
		prov.Tests[id] = covmap.TestRecord{Outcome: "passed", Fixtures: fixtures}
	}
	return prov
}
