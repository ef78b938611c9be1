package pytestplugin

import (
	"encoding/json"
	"fmt"
	"os"
)

// MapInfo is what MapInfoPlugin writes: the tool versions a map was built
// with and how every test ended, so a selector can refuse a map built by a
// different toolchain or trust only the tests that passed. A version that is
// not installed (xdist) decodes as "".
type MapInfo struct {
	Python       string              `json:"python"`
	Pytest       string              `json:"pytest"`
	Coverage     string              `json:"coverage"`
	PytestCov    string              `json:"pytest_cov"`
	Xdist        string              `json:"xdist"`
	CoverageCore string              `json:"coverage_core"`
	Tests        map[string]TestInfo `json:"tests"`
	// FixturesRecorded: each test's Fixtures were recorded (a plugin that
	// predates them leaves every test's nil).
	FixturesRecorded bool     `json:"fixtures_recorded"`
	CollectErrors    []string `json:"collect_errors"`
	// Preloaded are the project's modules imported before any collector
	// started (pytest's own dependencies, when the project is one).
	Preloaded  []string `json:"preloaded"`
	ExitStatus int      `json:"exitstatus"`
}

// TestInfo is one test of a map build.
type TestInfo struct {
	// Outcome is the worst of setup, call and teardown: passed, skipped,
	// failed (the call failed) or error (setup or teardown failed).
	Outcome string `json:"outcome"`
	// DurationS sums the three phases, in seconds.
	DurationS float64 `json:"duration_s"`
	// BroadFixtures are "scope:where::name" for every non-function-scoped
	// fixture in the test's closure; where is a rootdir-relative file or,
	// for a fixture from an installed plugin, its module name. Coverage
	// records such a fixture's setup under one test only.
	BroadFixtures []string `json:"broad_fixtures"`
	// Fixtures names the function-scoped fixtures of the test's closure.
	Fixtures []string `json:"fixtures"`
}

// ReadMapInfo loads the file MapInfoPlugin wrote.
func ReadMapInfo(path string) (MapInfo, error) {
	content, err := os.ReadFile(path)
	if err != nil {
		return MapInfo{}, fmt.Errorf("read map info %s: %w", path, err)
	}
	var info MapInfo
	if err := json.Unmarshal(content, &info); err != nil {
		return MapInfo{}, fmt.Errorf("read map info %s: %w", path, err)
	}
	return info, nil
}
