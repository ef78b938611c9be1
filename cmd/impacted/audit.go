package main

import (
	"fmt"
	"slices"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/audit"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/selector"
)

func newAuditCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:      "audit",
		Usage:     "run the selection, then the whole suite, and report every failing test the selection left out",
		ArgsUsage: "[-- PYTEST_ARGS...]",
		Description: "For a nightly CI job on real branches: selects as `run` would, runs the selection, then\n" +
			"the whole suite, and compares how each test ended. Every test that fails in the whole\n" +
			"suite but did not run in the selection is a miss, printed with the changed lines nearest\n" +
			"to what it ran. Ends with one `impacted-audit:` line; exits 1 on a miss, 0 otherwise\n" +
			"(also when the selection falls back: the whole suite would run). Do not pass -x: a test\n" +
			"the selected run never reached would count as left out.",
		Flags: append(append(selectFlags(),
			&cli.BoolFlag{Name: "serial", Usage: "run the tests in one process (the default)", EnvVars: []string{"IMPACTED_SERIAL"}},
			&cli.StringFlag{Name: "xdist", Usage: "run both runs with pytest-xdist on `N` workers or auto", EnvVars: []string{"IMPACTED_XDIST"}},
		), launcherFlags()...),
		Action: func(c *cli.Context) error { return runAudit(c, g) },
	}
}

func runAudit(c *cli.Context, g *globals) error {
	o, err := selectOptionsFrom(c)
	if err != nil {
		return err
	}
	out, err := computeSelection(c.Context, g, o)
	if err != nil {
		return err
	}
	sel := &out.sel
	ro, err := newRunOpts(c, g, out.proj)
	if err != nil {
		return err
	}
	if sel.Fallback != "" {
		fmt.Fprintln(g.io.ErrOut, fallbackLine(sel.Fallback, out.problem))
		fmt.Fprintf(g.io.Out, "impacted-audit: verdict=fallback selected=all missed=0 fallback_reason=%s (the whole suite would run: nothing can be missed)\n", sel.Fallback)
		return nil
	}
	fmt.Fprintf(g.io.ErrOut, "impacted: audit: running the selection (%d of %d tests in the map)\n", sel.Impacted, sel.Total)
	selected, err := recordRun(c, g, out, false, ro)
	if err != nil {
		return err
	}
	fmt.Fprintln(g.io.ErrOut, "impacted: audit: running the whole suite")
	full, err := recordRun(c, g, out, true, ro)
	if err != nil {
		return err
	}
	if full.code > 1 && full.code != 5 {
		return fail(full.code, "the whole suite exited %d (interrupted or unusable): no verdict", full.code)
	}
	r := audit.Compare(selected.outcomes, full.outcomes)
	for _, id := range r.Missed {
		fmt.Fprintf(g.io.Out, "impacted-audit: MISSED %s (%s in the whole suite, not selected); nearest change: %s\n",
			id, full.outcomes[id], audit.Nearest(id, out.changes, ranLines(out, id)))
	}
	for _, id := range r.Flaky {
		fmt.Fprintf(g.io.Out, "impacted-audit: FLAKY %s (%s in the selection, %s in the whole suite)\n", id, selected.outcomes[id], full.outcomes[id])
	}
	fmt.Fprintln(g.io.Out, r.Line("", selected.wallS, full.wallS))
	if len(r.Missed) > 0 {
		return exitStatus(1)
	}
	return nil
}

// ranLines returns, per changed path, the lines the map says test ran there.
func ranLines(out *outcome, test string) audit.Ran {
	tests := out.m.Tests()
	i, ok := slices.BinarySearch(tests, test)
	return func(path string) []int {
		if !ok {
			return nil
		}
		var lines []int
		for _, f := range selector.MapFiles(out.m, out.proj.root, false, path) {
			for _, l := range f.Lines() {
				ids, _ := f.Range(l, l)
				if _, hit := slices.BinarySearch(ids, covmap.TestID(i)); hit {
					lines = append(lines, l)
				}
			}
		}
		slices.Sort(lines)
		return lines
	}
}
