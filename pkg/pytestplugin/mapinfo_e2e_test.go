package pytestplugin

import (
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// probeTests adds one test per outcome to the shop copy, plus a test using a
// module- and a session-scoped fixture.
const probeTests = `import pytest


@pytest.fixture
def broken():
    raise RuntimeError("setup fails on purpose")


@pytest.fixture(scope="module")
def module_thing():
    return 1


def test_deliberately_fails():
    assert 1 == 2


def test_errors_in_setup(broken):
    pass


@pytest.mark.skip(reason="probe")
def test_skipped():
    pass


def test_broad_fixtures(module_thing, catalog_index):
    assert module_thing == 1 and catalog_index
`

const probeFile = "tests/test_zz_probe.py"

func TestMapInfoPlugin(t *testing.T) {
	shop := newShop(t)
	shop.writeFile(t, probeFile, probeTests)
	runs := map[string]MapInfo{}
	for _, mode := range [][]string{nil, {"-n", "2"}} {
		out := filepath.Join(t.TempDir(), "sub", "mapinfo.json")
		args := append([]string{"-q", "-p", MapInfoPlugin, "--cov=.", "--cov-context=test"}, mode...)
		exit, output := shop.pytest(t, map[string]string{MapInfoOutEnv: out}, args...)
		if exit != 1 {
			t.Fatalf("%s: pytest exit %d, want 1 (one failing test)\n%s", modeName(mode), exit, output)
		}
		info, err := ReadMapInfo(out)
		if err != nil {
			t.Fatalf("%s: %v\n%s", modeName(mode), err, output)
		}
		checkMapInfo(t, modeName(mode), info)
		runs[modeName(mode)] = info
	}
	serial, xdist := runs["serial"], runs["-n2"]
	if !reflect.DeepEqual(withoutDurations(serial), withoutDurations(xdist)) {
		t.Errorf("serial and -n 2 disagree:\nserial %+v\nxdist  %+v", withoutDurations(serial), withoutDurations(xdist))
	}
}

func checkMapInfo(t *testing.T, mode string, info MapInfo) {
	t.Helper()
	if info.Python == "" || info.Pytest == "" || info.Coverage == "" || info.PytestCov == "" || info.Xdist == "" {
		t.Errorf("%s: missing versions: %+v", mode, info)
	}
	if !slices.Contains([]string{"ctrace", "pytrace", "sysmon"}, info.CoverageCore) {
		t.Errorf("%s: coverage_core = %q, want ctrace, pytrace or sysmon", mode, info.CoverageCore)
	}
	if info.ExitStatus != 1 || len(info.CollectErrors) != 0 {
		t.Errorf("%s: exitstatus %d, collect errors %q", mode, info.ExitStatus, info.CollectErrors)
	}
	if len(info.Tests) != 79+4 {
		t.Errorf("%s: %d tests recorded, want %d", mode, len(info.Tests), 79+4)
	}
	session := "session:tests/conftest.py::catalog_index"
	// every test gets the shop's autouse _release_reservations; a
	// parametrize argument (format_money's) is no fixture
	auto := []string{"_release_reservations"}
	want := map[string]TestInfo{
		probeFile + "::test_deliberately_fails":                      {Outcome: "failed", BroadFixtures: []string{}, Fixtures: auto},
		probeFile + "::test_errors_in_setup":                         {Outcome: "error", BroadFixtures: []string{}, Fixtures: []string{"_release_reservations", "broken"}},
		probeFile + "::test_skipped":                                 {Outcome: "skipped", BroadFixtures: []string{}, Fixtures: auto},
		probeFile + "::test_broad_fixtures":                          {Outcome: "passed", BroadFixtures: []string{"module:" + probeFile + "::module_thing", session}, Fixtures: auto},
		"tests/test_catalog.py::test_index_lists_cheapest_first":     {Outcome: "passed", BroadFixtures: []string{session}, Fixtures: auto},
		"tests/test_cart.py::test_cheapest_of_each_category":         {Outcome: "passed", BroadFixtures: []string{session}, Fixtures: auto},
		`tests/test_formatting.py::test_format_money[two words [x]]`: {Outcome: "passed", BroadFixtures: []string{}, Fixtures: auto},
	}
	if !info.FixturesRecorded {
		t.Errorf("%s: fixtures_recorded is false", mode)
	}
	for nodeid, expected := range want {
		got, ok := info.Tests[nodeid]
		if !ok {
			t.Errorf("%s: %s not recorded", mode, nodeid)
			continue
		}
		if got.DurationS < 0 {
			t.Errorf("%s: %s duration %v", mode, nodeid, got.DurationS)
		}
		got.DurationS = 0
		if !reflect.DeepEqual(got, expected) {
			t.Errorf("%s: %s = %+v, want %+v", mode, nodeid, got, expected)
		}
	}
	for nodeid, test := range info.Tests {
		if !strings.HasPrefix(nodeid, "tests/test_") {
			t.Errorf("%s: unexpected node id %s", mode, nodeid)
		}
		if test.Outcome != "passed" && !strings.HasPrefix(nodeid, probeFile+"::") {
			t.Errorf("%s: %s %s, want passed", mode, nodeid, test.Outcome)
		}
	}
}

// withoutDurations keeps what must be identical between serial and xdist runs.
func withoutDurations(info MapInfo) MapInfo {
	tests := make(map[string]TestInfo, len(info.Tests))
	for nodeid, test := range info.Tests {
		test.DurationS = 0
		tests[nodeid] = test
	}
	info.Tests = tests
	return info
}

// TestMapInfoRecordsCollectionErrors: a module that cannot be imported leaves
// its tests out of the map, so the map info must say so. Serial pytest stops
// at a collection error (exit 2); xdist runs the rest (exit 1).
func TestMapInfoRecordsCollectionErrors(t *testing.T) {
	shop := newShop(t)
	shop.writeFile(t, "tests/test_zz_broken.py", "import shop.no_such_module\n\n\ndef test_never_collected():\n    pass\n")
	cases := []struct {
		mode  []string
		exit  int
		tests int
	}{
		{mode: nil, exit: 2, tests: 0},
		{mode: []string{"-n", "2"}, exit: 1, tests: 79},
	}
	for _, c := range cases {
		out := filepath.Join(t.TempDir(), "mapinfo.json")
		args := append([]string{"-q", "-p", MapInfoPlugin}, c.mode...)
		exit, output := shop.pytest(t, map[string]string{MapInfoOutEnv: out}, args...)
		if exit != c.exit {
			t.Fatalf("%s: pytest exit %d, want %d\n%s", modeName(c.mode), exit, c.exit, output)
		}
		info, err := ReadMapInfo(out)
		if err != nil {
			t.Fatalf("%s: %v", modeName(c.mode), err)
		}
		if !reflect.DeepEqual(info.CollectErrors, []string{"tests/test_zz_broken.py"}) || info.ExitStatus != c.exit || len(info.Tests) != c.tests {
			t.Errorf("%s: collect_errors %q, exitstatus %d, %d tests; want the broken module, %d, %d",
				modeName(c.mode), info.CollectErrors, info.ExitStatus, len(info.Tests), c.exit, c.tests)
		}
		if info.CoverageCore != "" {
			t.Errorf("%s: coverage_core %q without --cov, want none", modeName(c.mode), info.CoverageCore)
		}
	}
}
