package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectFixtureMoved: jinja moved run_async_fn from tests/test_async.py
// into tests/conftest.py (f8323cf4), which as import-time code of the
// conftest ran every test. pytest finds a fixture by name: the tests whose
// recorded closure requests the name are the ones a new, moved or removed
// definition reaches. Without that record, an autouse fixture, or a
// decorator argument that runs code at import, the directory runs.
func TestSelectFixtureMoved(t *testing.T) {
	const fixture = "@pytest.fixture(params=[_run, 'trio'], ids=[\"a\", \"b\"])\ndef run_fn(request):\n    return request.param\n"
	const helper = "def _run(f):\n    return f()\n\n\n"
	conftest := "import pytest\n\n\n@pytest.fixture\ndef env():\n    return {}\n"
	async := "import pytest\n\n\n" + helper + fixture + "\n\ndef test_basic(run_fn):\n    assert run_fn\n"
	files := map[string]string{
		"src/m/__init__.py":     "",
		"tests/conftest.py":     conftest,
		"tests/test_async.py":   async,
		"tests/test_filters.py": "def test_upper(env):\n    assert env == {}\n",
		"tests/test_other.py":   "def test_other():\n    assert True\n",
	}
	imp := []string{""}
	cov := coverage{
		"tests/conftest.py":     {1: imp, 4: imp, 5: imp, 6: {"tests/test_filters.py::test_upper|setup"}},
		"tests/test_filters.py": {1: imp, 2: {"tests/test_filters.py::test_upper|run"}},
		"tests/test_other.py":   {1: imp, 2: {"tests/test_other.py::test_other|run"}},
		"tests/test_async.py": {1: imp, 4: imp, 8: imp, 9: imp, 10: {"tests/test_async.py::test_basic[a]|setup", "tests/test_async.py::test_basic[b]|setup"},
			13: imp, 14: {"tests/test_async.py::test_basic[a]|run", "tests/test_async.py::test_basic[b]|run"}},
	}
	recs := func(recorded bool) *covmap.Provenance {
		return &covmap.Provenance{Schema: 1, FixturesRecorded: recorded, Tests: map[string]covmap.TestRecord{
			"tests/test_async.py::test_basic[a]":  {Outcome: "passed", Requested: []string{"run_fn"}},
			"tests/test_async.py::test_basic[b]":  {Outcome: "passed", Requested: []string{"run_fn"}},
			"tests/test_filters.py::test_upper":   {Outcome: "passed", Requested: []string{"env"}},
			"tests/test_other.py::test_other":     {Outcome: "passed"},
			"tests/test_plugin.py::test_implicit": {Outcome: "passed", Requested: []string{"run_fn"}}, // a plugin's implicit request
		}}
	}
	moved := func(c map[string]string) {
		c["tests/conftest.py"] = strings.Replace(conftest, "import pytest\n", "import pytest\n\n\n"+helper+fixture, 1)
		c["tests/test_async.py"] = strings.Replace(async, helper+fixture, "", 1)
	}
	changes := []gitdiff.Change{modified("tests/conftest.py"), modified("tests/test_async.py")}
	for _, tt := range []struct {
		name     string
		edit     func(map[string]string)
		recorded bool
		want     []string
	}{
		{"moved into the conftest: the tests requesting it", moved, true,
			[]string{"tests/test_async.py::test_basic", "tests/test_plugin.py::test_implicit"}},
		{"a map without closures: the directory", moved, false, []string{"tests/test_async.py", "tests/test_filters.py", "tests/test_other.py"}},
		{"made autouse: the directory", func(c map[string]string) {
			moved(c)
			c["tests/conftest.py"] = strings.Replace(c["tests/conftest.py"], "ids=[", "autouse=True, ids=[", 1)
		}, true, []string{"tests/test_async.py", "tests/test_filters.py", "tests/test_other.py", "tests/test_plugin.py::test_implicit"}},
		{"a call in its decorator: the directory", func(c map[string]string) {
			moved(c)
			c["tests/conftest.py"] = strings.Replace(c["tests/conftest.py"], "'trio'", "make()", 1)
		}, true, []string{"tests/test_async.py", "tests/test_filters.py", "tests/test_other.py", "tests/test_plugin.py::test_implicit"}},
		{"a name it does not bind: the directory", func(c map[string]string) {
			moved(c)
			c["tests/conftest.py"] = strings.Replace(c["tests/conftest.py"], "'trio'", "trio.run", 1)
		}, true, []string{"tests/test_async.py", "tests/test_filters.py", "tests/test_other.py", "tests/test_plugin.py::test_implicit"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantArgs(t, selectOn(t, files, cov, tt.edit, changes, recs(tt.recorded), nil), tt.want)
		})
	}
}
