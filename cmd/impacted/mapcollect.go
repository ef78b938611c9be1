package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// The two ways `map build` records which lines each test ran.
const (
	// collectorSysmon is impacted's own sys.monitoring collector (Python
	// 3.12+): about the cost of a plain run, since a line costs one callback
	// per test phase, and it records which module's import ran a line.
	collectorSysmon = "sysmon"
	// collectorCoverage is pytest-cov with per-test contexts on coverage's C
	// tracer: every Python, about 2-4x a plain run.
	collectorCoverage = "coverage"
)

func collectorFlag() cli.Flag {
	return &cli.StringFlag{Name: "collector", Value: "auto", EnvVars: []string{"IMPACTED_COLLECTOR"},
		Usage: "how to record each test's lines: sysmon (impacted's own, Python 3.12+), coverage (pytest-cov), or auto (sysmon where the project's Python has it)"}
}

// chooseCollector resolves --collector; auto asks the project's Python,
// through the launcher, whether it has sys.monitoring.
func chooseCollector(c *cli.Context, g *globals, dir string, runner []string) (string, error) {
	switch v := c.String("collector"); v {
	case collectorSysmon, collectorCoverage:
		return v, nil
	case "", "auto":
	default:
		return "", fail(exitcode.Usage, "--collector %q: want sysmon, coverage or auto", v)
	}
	if hasSysmon(c.Context, g, dir, runner) {
		return collectorSysmon, nil
	}
	// Older Pythons, and launchers that cannot answer: the build itself
	// will report a launcher that does not work.
	return collectorCoverage, nil
}

// versionCode prints the interpreter's version as `python -m sysconfig` does.
const versionCode = "import sys; print('Python version: \"%d.%d\"' % sys.version_info[:2])"

// hasSysmon asks the interpreter pytest will run on, through the launcher
// (uv run, poetry run, or a venv's `python -m`), whether it is 3.12 or newer.
func hasSysmon(ctx context.Context, g *globals, dir string, runner []string) bool {
	argv := append(append([]string{}, runner...), "python", "-c", versionCode)
	if n := len(runner); runner[n-1] == "-m" {
		argv = append(append([]string{}, runner...), "sysconfig") // `python -m sysconfig` prints the same line
		if n >= 2 && strings.HasPrefix(filepath.Base(runner[n-2]), "python") {
			// `PYTHON -m`: ask it directly, without site (the version is the
			// same), at 40% of sysconfig's instructions.
			argv = append(append([]string{}, runner[:n-1]...), "-S", "-c", versionCode)
		}
	}
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir, cmd.Env = dir, g.env
	out, err := cmd.Output()
	if err != nil {
		return false
	}
	var major, minor int
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(strings.TrimSpace(line), "Python version: \"%d.%d\"", &major, &minor); err == nil {
			return major > 3 || major == 3 && minor >= 12
		}
	}
	return false
}

// collectorArgs are the pytest arguments and environment that record the
// map into build with collector col, measuring covs (--cov values).
func collectorArgs(col string, covs []string, build string) (args, env []string) {
	if len(covs) == 0 {
		covs = []string{"."}
	}
	if col == collectorSysmon {
		return []string{"-p", pytestplugin.SysmonPlugin}, []string{
			pytestplugin.SysmonOutEnv + "=" + filepath.Join(build, "sysmon"),
			pytestplugin.SysmonSourcesEnv + "=" + strings.Join(covs, string(os.PathListSeparator)),
		}
	}
	args = []string{"--cov-context=test", "--cov-report="}
	for _, s := range covs {
		args = append(args, "--cov="+s)
	}
	return args, []string{"COVERAGE_FILE=" + filepath.Join(build, ".coverage")}
}

// loadRecorded reads what col recorded into build.
func loadRecorded(col, build string) (*covmap.Map, error) {
	if col == collectorSysmon {
		files, _ := filepath.Glob(filepath.Join(build, "sysmon", "sysmon-*.hits"))
		if len(files) == 0 {
			return nil, fail(exitcode.DataErr, "the sysmon collector wrote no data into %s (did pytest load -p %s?)", filepath.Join(build, "sysmon"), pytestplugin.SysmonPlugin)
		}
		m, err := covmap.LoadCollected(files)
		if err != nil {
			return nil, fail(exitcode.DataErr, "read the sysmon collector's data: %w", err)
		}
		return m, nil
	}
	covFile := filepath.Join(build, ".coverage")
	m, err := covmap.Load(covFile, covmap.Options{})
	if err != nil {
		return nil, fail(exitcode.DataErr, "read the coverage pytest-cov wrote (%s): %w (is pytest-cov a dev dependency?)", covFile, err)
	}
	return m, nil
}

// checkCore refuses a coverage map recorded by coverage's sysmon core, and
// notes a sysmon build that paid for coverage too (--cov in addopts).
func checkCore(g *globals, col string, info pytestplugin.MapInfo) error {
	switch {
	case col == collectorCoverage && info.CoverageCore == "sysmon":
		return fail(exitcode.DataErr, "coverage used its sysmon core although impacted set COVERAGE_CORE=ctrace, and sysmon records each line for the first test only; no map written (unset COVERAGE_FORCE_CONFIG, or stop the plugin or conftest that starts coverage itself, and rebuild)")
	case col == collectorSysmon && info.CoverageCore != "":
		fmt.Fprintf(g.io.ErrOut, "impacted: coverage.py (%s) measured this build as well, which the map does not need (--cov in addopts?); `impacted map build -- --no-cov` skips it\n", info.CoverageCore)
	}
	return nil
}
