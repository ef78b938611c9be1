package main

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/history"
)

func newStatsCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:  "stats",
		Usage: "summarise the recorded runs: selection share, fallbacks by reason, time saved",
		Description: "Reads the metrics every `impacted run` appends to .cache/impacted/history.jsonl\n" +
			"(bounded: rotated to history.jsonl.1 at 1 MiB). Time saved compares the recorded durations\n" +
			"of the tests each run ran with the whole suite's, from the map it used (a shard's share for\n" +
			"a shard); the measured wall times of selections and of whole-suite runs are shown beside it.",
		Flags: []cli.Flag{
			&cli.BoolFlag{Name: "json", Usage: "print JSON"},
			&cli.StringFlag{Name: "history", Usage: "the history `FILE` (default: .cache/impacted/history.jsonl)", EnvVars: []string{"IMPACTED_HISTORY"}},
		},
		Action: func(c *cli.Context) error { return runStats(c, g) },
	}
}

func runStats(c *cli.Context, g *globals) error {
	proj, err := openProject(c.Context, g.project)
	if err != nil {
		return err
	}
	path := proj.historyFile()
	if c.String("history") != "" {
		path = proj.abs(c.String("history"))
	}
	recs, bad, err := history.Read(path)
	if err != nil {
		return fail(exitcode.NoInput, "%w", err)
	}
	s := history.Summarize(recs)
	s.Unreadable = bad
	if c.Bool("json") {
		data, _ := json.MarshalIndent(s, "", "  ")
		fmt.Fprintln(g.io.Out, string(data))
		return nil
	}
	if s.Runs == 0 {
		fmt.Fprintf(g.io.Out, "impacted: no runs recorded in %s yet (every `impacted run` adds one)\n", proj.rel(path))
		return nil
	}
	printStats(g, s, proj.rel(path))
	return nil
}

func printStats(g *globals, s history.Summary, path string) {
	pct := func(n, of int) float64 { return 100 * float64(n) / float64(max(of, 1)) }
	fmt.Fprintf(g.io.Out, "runs:       %d since %s (%s)\n", s.Runs, s.Since.Format("2006-01-02 15:04 MST"), path)
	fmt.Fprintf(g.io.Out, "selected:   %d runs (%.0f%%) ran a selection: median %.1f%% of the map, mean %.1f%%\n",
		s.Selected, pct(s.Selected, s.Runs), 100*s.ShareMedian, 100*s.ShareMean)
	var reasons []string
	for _, r := range s.Reasons() {
		reasons = append(reasons, fmt.Sprintf("%s %d", r, s.ByReason[r]))
	}
	fmt.Fprintf(g.io.Out, "fallback:   %d runs (%.0f%%) ran the whole suite", s.Fallbacks, 100*s.FallbackRate)
	if len(reasons) > 0 {
		fmt.Fprintf(g.io.Out, ": %s", strings.Join(reasons, ", "))
	}
	fmt.Fprintln(g.io.Out)
	if s.ComparedRuns == 0 {
		fmt.Fprintln(g.io.Out, "time:       no run used a map with recorded durations (build it with `impacted map build`)")
	} else {
		fmt.Fprintf(g.io.Out, "saved:      %.1fs of test time in %d runs: they ran tests recorded at %.1fs, the whole suite each time %.1fs (%.0f%% saved)\n",
			s.SavedS, s.ComparedRuns, s.RanS, s.FullSuiteS, 100*s.SavedS/s.FullSuiteS)
	}
	if s.WallSelected > 0 && s.WallFull > 0 {
		fmt.Fprintf(g.io.Out, "wall:       median %.2fs for a selection, %.2fs for the whole suite (measured, pytest start included)\n", s.WallSelected, s.WallFull)
	}
	if s.Unreadable > 0 {
		fmt.Fprintf(g.io.Out, "unreadable: %d lines skipped\n", s.Unreadable)
	}
}
