package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

func newMapCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:  "map",
		Usage: "build and inspect the per-test coverage map",
		Subcommands: []*cli.Command{
			{
				Name:      "build",
				Usage:     "run the suite once with per-test coverage contexts and write the map",
				ArgsUsage: "[-- PYTEST_ARGS...]",
				Description: "Runs the suite through the launcher recording each test's lines: on Python 3.12+ with\n" +
					"impacted's own sys.monitoring collector (about the cost of a plain run; it also records\n" +
					"which module's import ran a line), else with `pytest --cov --cov-context=test` on coverage's\n" +
					"C tracer (its sysmon core credits a line to the first test only). Writes a coverage.py JSON map with\n" +
					"what it describes: commit, dirty flag, Python/pytest/coverage versions, uv.lock hash,\n" +
					"each test's outcome and duration. Exits with pytest's code when pytest fails to run.",
				Flags: append([]cli.Flag{
					&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "where to write the map (default: .cache/coverage.json)", EnvVars: []string{"IMPACTED_MAP"}},
					&cli.StringFlag{Name: "xdist", Usage: "build with pytest-xdist on `N` workers or auto (faster; bare --xdist means auto)", EnvVars: []string{"IMPACTED_MAP_XDIST"}},
					collectorFlag(),
					&cli.StringSliceFlag{Name: "cov", Usage: "what to measure, as pytest-cov's --cov (repeatable; default: the whole project, tests included)", EnvVars: []string{"IMPACTED_COV"}},
					shardFlag(),
				}, launcherFlags()...),
				Action: func(c *cli.Context) error { return runMapBuild(c, g) },
			},
			newMapUpdateCmd(g),
			{
				Name:  "info",
				Usage: "describe the map and say whether it is usable for the current tree",
				Flags: []cli.Flag{
					&cli.StringFlag{Name: "map", Usage: "coverage map (default: .cache/coverage.json)", EnvVars: []string{"IMPACTED_MAP"}},
					&cli.BoolFlag{Name: "json", Usage: "print JSON"},
				},
				Action: func(c *cli.Context) error { return runMapInfo(c, g) },
			},
			newMapMergeCmd(g),
		},
	}
}

func runMapBuild(c *cli.Context, g *globals) error {
	start := time.Now()
	if err := checkLauncherFlags(c); err != nil {
		return err
	}
	spec, err := shardSpec(c)
	if err != nil {
		return err
	}
	proj, err := openProject(c.Context, g.project)
	if err != nil {
		return err
	}
	output := proj.abs(firstNonEmpty(c.String("output"), proj.file.Map, defaultMap))
	if spec != nil && c.String("output") == "" {
		output = proj.abs(shardMapOutput(*spec))
	}
	unlock, err := lockMapBuild(proj, g.io.ErrOut)
	if err != nil {
		return err
	}
	defer unlock()
	build, err := newBuildDir(proj)
	if err != nil {
		return err
	}
	// The coverage data is as large as the map itself: keep only the map.
	defer os.RemoveAll(build)
	pluginDir, err := pytestplugin.Install(proj.pluginDir())
	if err != nil {
		return fail(exitcode.CantCreate, "install the pytest plugins: %w", err)
	}
	head, err := proj.repo.Head(c.Context)
	if err != nil && proj.hasNoCommits(c.Context) {
		return errNoCommits() // the map could name no commit, and no diff could use it
	}
	if err != nil {
		return fail(exitcode.Unavailable, "git rev-parse HEAD: %w", err)
	}
	dirty, err := proj.repo.Dirty(c.Context, proj.prefix+".cache/")
	if err != nil {
		return fail(exitcode.Unavailable, "git status: %w", err)
	}
	runnerWords, err := plan.SplitWords(firstNonEmpty(c.String("runner"), proj.file.Runner, "uv run"))
	if err != nil || len(runnerWords) == 0 {
		return fail(exitcode.Usage, "--runner %q is not a command", c.String("runner"))
	}
	col, err := chooseCollector(c, g, proj.root, runnerWords)
	if err != nil {
		return err
	}
	infoFile := filepath.Join(build, "mapinfo.json")
	p := buildPlan(c, g, runnerWords, pluginDir, col, build, infoFile)
	var part *covmap.ShardRecord
	if spec != nil {
		if part, err = shardBuild(proj, &p, *spec, build); err != nil {
			return err
		}
	}
	if col == collectorCoverage && g.getenv("COVERAGE_CORE") == "sysmon" {
		fmt.Fprintln(g.io.ErrOut, "impacted: COVERAGE_CORE=sysmon records each line for its first test only; building with the C tracer")
	}
	code, err := execute(c, g, proj, p)
	if stopped := buildStopped(code, err, infoFile); stopped != nil {
		return stopped
	}
	m, err := loadRecorded(col, build)
	if err != nil {
		return err
	}
	if m, err = projectRelative(proj, m); err != nil {
		return fail(exitcode.DataErr, "make the map's paths project-relative: %w", err)
	}
	info, err := pytestplugin.ReadMapInfo(infoFile)
	if err != nil {
		return fail(exitcode.DataErr, "the map-info plugin's record: %w", err)
	}
	if err := checkCore(g, col, info); err != nil {
		return err
	}
	prov := &covmap.Provenance{Schema: 1, Version: buildVersion(), Commit: head, Dirty: dirty, Python: info.Python, Pytest: info.Pytest,
		Coverage: info.Coverage, Collector: col, UVLockSHA256: proj.lockHash(), Dists: proj.distVersions(), BuiltAt: time.Now().UTC(), Tests: records(info), Shard: part,
		FixturesRecorded: info.FixturesRecorded, Preloaded: info.Preloaded}
	if err := covmap.WriteJSON(output, m, prov); err != nil {
		return fail(exitcode.CantCreate, "write map: %w", err)
	}
	st, _ := os.Stat(output)
	n := len(m.Tests())
	fmt.Fprintf(g.io.Out, "impacted: map: %d tests, %d files, %d bytes (%d bytes/test), commit %s%s -> %s in %.1fs\n",
		n, len(m.Paths()), st.Size(), st.Size()/int64(max(n, 1)), short(head), dirtyMark(dirty), proj.rel(output), time.Since(start).Seconds())
	if dirty {
		fmt.Fprintln(g.io.ErrOut, "impacted: the work tree was dirty: selections from this map fall back to the whole suite until it is rebuilt on a commit")
	}
	if code == 1 {
		// The map is written and usable; the suite still failed, and a
		// nightly job must say so.
		fmt.Fprintf(g.io.ErrOut, "impacted: %d tests failed while the map was built; they are always selected until a rebuild where they pass\n", failedCount(prov))
		return exitStatus(code)
	}
	return nil
}

func dirtyMark(dirty bool) string {
	if dirty {
		return " (dirty)"
	}
	return ""
}

func buildPlan(c *cli.Context, g *globals, runnerWords []string, pluginDir, col, build, infoFile string) plan.Plan {
	colArgs, colEnv := collectorArgs(col, c.StringSlice("cov"), build)
	args := append([]string{"-p", pytestplugin.MapInfoPlugin}, colArgs...)
	w := c.String("xdist")
	if w == xdistDefault {
		w = "auto"
	}
	pytestArgs, _ := plan.SplitWords(g.getenv("PYTEST_ARGS"))
	p := plan.Build(plan.Options{Runner: runnerWords, Workers: w, Full: true,
		PytestArgs: append(append(args, withColor(pytestArgs, c.String("color"))...), c.Args().Slice()...)})
	// impacted_mapinfo sets COVERAGE_CORE to a core that records every
	// test's lines (ctrace, else pytrace) when it is imported.
	p.Env = append([]string{"PYTHONPATH=" + pluginDir, pytestplugin.MapInfoOutEnv + "=" + infoFile}, colEnv...)
	return p
}

// records turns what the map-info plugin saw into the map's test records.
// A file that failed to collect is recorded as an error so that it is
// always selected, like a failed test.
func records(info pytestplugin.MapInfo) map[string]covmap.TestRecord {
	out := make(map[string]covmap.TestRecord, len(info.Tests)+len(info.CollectErrors))
	for id, t := range info.Tests {
		out[id] = covmap.TestRecord{Outcome: t.Outcome, DurationS: t.DurationS, Fixtures: t.BroadFixtures, Requested: t.Fixtures}
	}
	for _, f := range info.CollectErrors {
		out[f] = covmap.TestRecord{Outcome: "error"}
	}
	return out
}

func runMapInfo(c *cli.Context, g *globals) error {
	proj, err := openProject(c.Context, g.project)
	if err != nil {
		return err
	}
	name := firstNonEmpty(c.String("map"), proj.file.Map, defaultMap)
	m, err := proj.loadMap(name)
	if err != nil {
		return err
	}
	st, err := os.Stat(proj.abs(name))
	if err != nil {
		return fail(exitcode.NoInput, "%w", err)
	}
	info := map[string]any{"map": name, "tests": len(m.Tests()), "files": len(m.Paths()), "bytes": st.Size(),
		"bytes_per_test": st.Size() / int64(max(len(m.Tests()), 1))}
	baseName := firstNonEmpty(g.getenv("IMPACTED_BASE"), proj.file.Base, "origin/main")
	sha, reason, problem := proj.diffBase(c.Context, m, baseName)
	if reason == "" {
		info["diffs_from"] = baseNote(m, baseName, sha)
	}
	if prov := m.Provenance(); prov == nil {
		info["build_record"] = "none: an ADR-style map or one a git checkout restored; selections diff from the base (" + baseName + ")"
	}
	if prov := m.Provenance(); prov != nil {
		failed := failedCount(prov)
		info["commit"], info["dirty"], info["built_at"] = prov.Commit, prov.Dirty, prov.BuiltAt.Format(time.RFC3339)
		info["age"] = time.Since(prov.BuiltAt).Round(time.Second).String()
		info["python"], info["pytest"], info["coverage"] = prov.Python, prov.Pytest, prov.Coverage
		info["failed_at_build"] = failed
		if prov.Collector != "" {
			info["collector"] = prov.Collector
		}
		if prov.UpdatedFrom != "" {
			info["updated_from"] = prov.UpdatedFrom
		}
	}
	info["usable"] = reason == ""
	if reason != "" {
		info["fallback_reason"] = reason
	}
	if problem != nil {
		info["problem"] = problem.Error()
	}
	if c.Bool("json") {
		data, _ := json.MarshalIndent(info, "", "  ")
		fmt.Fprintln(g.io.Out, string(data))
		return nil
	}
	keys := make([]string, 0, len(info))
	for k := range info {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fmt.Fprintf(g.io.Out, "%-16s %v\n", k+":", info[k])
	}
	return nil
}

func failedCount(prov *covmap.Provenance) int {
	n := 0
	for _, t := range prov.Tests {
		if t.Outcome == "failed" || t.Outcome == "error" {
			n++
		}
	}
	return n
}
