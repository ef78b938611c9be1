package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/selector"
)

func newMapUpdateCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:      "update",
		Usage:     "bring the map to HEAD by recording again only the tests the commits since its commit select",
		ArgsUsage: "[-- PYTEST_ARGS...]",
		Description: "On a clean work tree at a commit after the map's: selects the tests the change since the\n" +
			"map's commit can affect, runs only those with recording (collecting only their files; the\n" +
			"import-time lines of modules not imported again are carried), carries every other test's lines through the diff,\n" +
			"and writes the map for HEAD. When the selection falls back to the whole suite, or the map\n" +
			"names no clean commit, it builds the map from scratch, as `impacted map build`.",
		Flags: append([]cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o", "map"}, Usage: "the map to update (default: .cache/coverage.json)", EnvVars: []string{"IMPACTED_MAP"}},
			&cli.StringFlag{Name: "xdist", Usage: "record with pytest-xdist on `N` workers or auto", EnvVars: []string{"IMPACTED_MAP_XDIST"}},
			collectorFlag(),
			&cli.StringSliceFlag{Name: "cov", Usage: "what to measure, as pytest-cov's --cov (as for map build)", EnvVars: []string{"IMPACTED_COV"}},
		}, launcherFlags()...),
		Action: func(c *cli.Context) error { return runMapUpdate(c, g) },
	}
}

func runMapUpdate(c *cli.Context, g *globals) error {
	start := time.Now()
	proj, err := openProject(c.Context, g.project)
	if err != nil {
		return err
	}
	name := firstNonEmpty(c.String("output"), proj.file.Map, defaultMap)
	old, prov, why := updatableMap(proj, name)
	if why != "" {
		fmt.Fprintf(g.io.ErrOut, "impacted: map update: %s; building the map from scratch\n", why)
		return runMapBuild(c, g)
	}
	if dirty, err := proj.repo.Dirty(c.Context, proj.prefix+".cache/"); err != nil || dirty {
		return fail(exitcode.Config, "map update needs a clean work tree at HEAD, since the map describes a commit: commit or stash your changes, then retry")
	}
	head, err := proj.repo.Head(c.Context)
	if err != nil {
		return fail(exitcode.Config, "map update needs a commit at HEAD: %w", err)
	}
	if head == prov.Commit {
		fmt.Fprintf(g.io.Out, "impacted: the map is up to date with HEAD (%s)\n", short(head))
		return nil
	}
	out, err := computeSelection(c.Context, g, selectOptions{Map: name})
	if err != nil {
		return err
	}
	if out.sel.Fallback != "" {
		fmt.Fprintf(g.io.ErrOut, "impacted: map update: the change since %s needs the whole suite (%s); building the map from scratch\n", short(prov.Commit), out.sel.Fallback)
		return runMapBuild(c, g)
	}
	changes, err := proj.repo.Changes(c.Context, prov.Commit)
	if err != nil {
		return fail(exitcode.Unavailable, "git diff %s: %w", prov.Commit, err)
	}
	changes = selector.Relativize(changes, proj.prefix)
	fresh, info, code, err := recordSelection(c, g, proj, &out.sel)
	if err != nil {
		return err
	}
	dropped := droppedTests(proj, &out.sel, info)
	carry := covmap.Carry{Move: mover(proj, changes), Keep: func(id string) bool { return !dropped(id) }}
	m, err := covmap.Update(old, carry, fresh)
	if err != nil {
		return fail(exitcode.DataErr, "carry the map forward: %w", err)
	}
	newProv := updatedProvenance(proj, prov, head, info, dropped)
	if fresh != nil && fresh.Source() == collectorSysmon {
		newProv.Collector = collectorSysmon // its parametrization groups (pkg/selector/paramgroups.go) hold now
	}
	output := proj.abs(name)
	if err := covmap.WriteJSON(output, m, newProv); err != nil {
		return fail(exitcode.CantCreate, "write map: %w", err)
	}
	fmt.Fprintf(g.io.Out, "impacted: map updated: %d tests recorded again, %d carried forward, commit %s -> %s, %s in %.1fs\n",
		len(info.Tests), len(m.Tests())-len(info.Tests), short(prov.Commit), short(head), proj.rel(output), time.Since(start).Seconds())
	if code == 1 {
		fmt.Fprintf(g.io.ErrOut, "impacted: %d tests failed while the map was updated; they are always selected until a run where they pass\n", failedCount(newProv))
		return exitStatus(code)
	}
	return nil
}

// updatableMap loads the map and says why it cannot be updated ("" when
// it can): only a map built on a clean commit can be carried forward.
func updatableMap(proj *project, name string) (*covmap.Map, *covmap.Provenance, string) {
	m, err := proj.loadMap(name)
	if err != nil {
		return nil, nil, fmt.Sprintf("no usable map (%v)", err)
	}
	prov := m.Provenance()
	switch {
	case prov == nil || prov.Commit == "":
		return nil, nil, "the map names no commit"
	case prov.Dirty:
		return nil, nil, "the map was built on a dirty work tree"
	}
	return m, prov, ""
}

// mover maps an old map path through the diff. Paths may be recorded
// relative to the project or absolute; a moved file keeps the spelling.
func mover(proj *project, changes []gitdiff.Change) func(string) (string, func(int) []int, bool) {
	byOld := map[string]gitdiff.Change{}
	for _, ch := range changes {
		if ch.OldPath != "" {
			byOld[ch.OldPath] = ch
		}
	}
	root := filepath.ToSlash(proj.root) + "/"
	same := func(l int) []int { return []int{l} }
	return func(path string) (string, func(int) []int, bool) {
		rel := strings.TrimPrefix(strings.TrimPrefix(filepath.ToSlash(path), root), "./")
		ch, changed := byOld[rel]
		switch {
		case !changed:
			return path, same, true
		case ch.NewPath == "" || ch.Binary || ch.Status == gitdiff.TypeChanged:
			return "", nil, false
		}
		newPath := ch.NewPath
		if strings.HasPrefix(filepath.ToSlash(path), root) {
			newPath = root + newPath
		}
		return newPath, ch.MapLine, true
	}
}

// droppedTests: the old tests whose lines are not carried forward: those
// recorded again, those the selection named (gone if they did not run),
// and those whose test file is gone.
func droppedTests(proj *project, sel *selector.Selection, info pytestplugin.MapInfo) func(string) bool {
	named := map[string]bool{}
	for _, list := range [][]string{sel.IDs, sel.Bases, sel.Files} {
		for _, s := range list {
			named[s] = true
		}
	}
	gone := map[string]bool{}
	return func(id string) bool {
		file, _, _ := strings.Cut(id, "::")
		if _, ran := info.Tests[id]; ran || named[id] || named[pytestplugin.NodeBase(id)] || named[file] {
			return true
		}
		missing, seen := gone[file]
		if !seen {
			_, err := os.Stat(proj.abs(file))
			missing = err != nil
			gone[file] = missing
		}
		return missing
	}
}

func updatedProvenance(proj *project, old *covmap.Provenance, head string, info pytestplugin.MapInfo, dropped func(string) bool) *covmap.Provenance {
	tests := records(info)
	for id, r := range old.Tests {
		if _, again := tests[id]; !again && !dropped(id) {
			tests[id] = r
		}
	}
	p := *old
	p.Commit, p.Dirty, p.BuiltAt, p.Tests, p.UVLockSHA256 = head, false, time.Now().UTC(), tests, proj.lockHash()
	p.UpdatedFrom, p.Dists = old.Commit, proj.distVersions()
	p.FixturesRecorded = old.FixturesRecorded && info.FixturesRecorded // the carried records too
	p.Preloaded = covmap.UnionPaths(old.Preloaded, info.Preloaded)
	if info.Python != "" {
		p.Python, p.Pytest, p.Coverage = info.Python, info.Pytest, info.Coverage
	}
	return &p
}

// recordSelection runs the selected tests with recording, collecting only
// their files (collecting click's whole suite costs more than running a few
// of its tests; covmap.Update carries the import-time lines of modules not
// imported again), and returns what was recorded: fresh is nil when no
// test ran (pytest's exit 5).
func recordSelection(c *cli.Context, g *globals, proj *project, sel *selector.Selection) (*covmap.Map, pytestplugin.MapInfo, int, error) {
	var info pytestplugin.MapInfo
	files := testFiles(runnableArgs(proj, sel.Args()))
	if len(files) == 0 {
		return nil, info, 0, nil
	}
	build := filepath.Join(proj.cacheDir(), "update")
	if err := os.RemoveAll(build); err != nil {
		return nil, info, 0, fail(exitcode.CantCreate, "clean %s: %w", build, err)
	}
	defer os.RemoveAll(build)
	pluginDir, err := pytestplugin.Install(proj.pluginDir())
	if err != nil {
		return nil, info, 0, fail(exitcode.CantCreate, "install the pytest plugins: %w", err)
	}
	selFile, infoFile := filepath.Join(build, "selection.json"), filepath.Join(build, "mapinfo.json")
	doc := pytestplugin.Selection{IDs: sel.IDs, Bases: sel.Bases, Files: sel.Files, Known: sel.Known}
	if err := pytestplugin.WriteSelection(selFile, doc); err != nil {
		return nil, info, 0, fail(exitcode.CantCreate, "%w", err)
	}
	runnerWords, err := plan.SplitWords(firstNonEmpty(c.String("runner"), proj.file.Runner, "uv run"))
	if err != nil || len(runnerWords) == 0 {
		return nil, info, 0, fail(exitcode.Usage, "--runner %q is not a command", c.String("runner"))
	}
	col, err := chooseCollector(c, g, proj.root, runnerWords)
	if err != nil {
		return nil, info, 0, err
	}
	p := updatePlan(c, g, runnerWords, pluginDir, col, build, infoFile, selFile, files)
	code, err := execute(c, g, proj, p)
	if code == 5 { // nothing the selection names exists any more
		return nil, info, 0, nil
	}
	if stopped := buildStopped(code, err, infoFile); stopped != nil {
		return nil, info, 0, stopped
	}
	if info, err = pytestplugin.ReadMapInfo(infoFile); err != nil {
		return nil, info, 0, fail(exitcode.DataErr, "the map-info plugin's record: %w", err)
	}
	if err := checkCore(g, col, info); err != nil {
		return nil, info, 0, err
	}
	fresh, err := loadRecorded(col, build)
	return fresh, info, code, err
}

// updatePlan is buildPlan with the filter plugin keeping the selection.
func updatePlan(c *cli.Context, g *globals, runnerWords []string, pluginDir, col, build, infoFile, selFile string, files []string) plan.Plan {
	colArgs, colEnv := collectorArgs(col, c.StringSlice("cov"), build)
	args := append([]string{"-p", pytestplugin.MapInfoPlugin}, colArgs...)
	w := c.String("xdist")
	if w == xdistDefault {
		w = "auto"
	}
	pytestArgs, _ := plan.SplitWords(g.getenv("PYTEST_ARGS"))
	p := plan.Build(plan.Options{Runner: runnerWords, Workers: w, PluginDir: pluginDir, SelectionFile: selFile, Files: files,
		PytestArgs: append(append(args, withColor(pytestArgs, c.String("color"))...), c.Args().Slice()...)})
	p.Env = append(p.Env, pytestplugin.MapInfoOutEnv+"="+infoFile)
	p.Env = append(p.Env, colEnv...)
	return p
}
