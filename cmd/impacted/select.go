package main

import (
	"fmt"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/metrics"
)

// selectFlags are shared by `select` and `run`.
func selectFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "map", Usage: "coverage map: coverage.py JSON (coverage json --show-contexts) or .coverage data file (default: .cache/coverage.json)", EnvVars: []string{"IMPACTED_MAP"}},
		&cli.StringFlag{Name: "base", Usage: "revision to diff from when the map does not record its commit (default: origin/main)", EnvVars: []string{"IMPACTED_BASE"}},
		&cli.Float64Flag{Name: "threshold", Usage: "run the whole suite when the selection exceeds this share of the map", DefaultText: "0.4", EnvVars: []string{"IMPACTED_THRESHOLD"}},
		&cli.BoolFlag{Name: "strict-paths", Usage: "match changed files to map paths exactly instead of on trailing path components", EnvVars: []string{"IMPACTED_STRICT_PATHS"}},
		&cli.BoolFlag{Name: "verbose", Aliases: []string{"v"}, Usage: "explain on stderr why each part of the selection was made", EnvVars: []string{"IMPACTED_VERBOSE"}},
		&cli.StringFlag{Name: "metrics-json", Usage: "also write the metrics as JSON to `FILE`", EnvVars: []string{"IMPACTED_METRICS_JSON"}},
	}
}

func selectOptionsFrom(c *cli.Context) (selectOptions, error) {
	o := selectOptions{
		Map: c.String("map"), Base: c.String("base"),
		Threshold: c.Float64("threshold"), ThresholdSet: c.IsSet("threshold"),
		StrictPaths: c.Bool("strict-paths"),
	}
	if o.ThresholdSet && (o.Threshold < 0 || o.Threshold > 1) {
		return o, fail(exitcode.Usage, "--threshold %v is not between 0 and 1", o.Threshold)
	}
	return o, nil
}

func newSelectCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:  "select",
		Usage: "print the node ids of the tests the change can break",
		Description: "Prints one pytest argument per line (node ids, or whole test files) and exits 0;\n" +
			"exits 2 when the whole suite must run. The metrics line always goes to stderr.\n" +
			"Drop-in for the ADR's scripts/impacted_cov.py: `impacted select > .cache/impacted_nodeids.txt`.",
		Flags: append(selectFlags(), shardFlag()),
		Action: func(c *cli.Context) error {
			o, err := selectOptionsFrom(c)
			if err != nil {
				return err
			}
			return runSelect(c, g, o)
		},
	}
}

func runSelect(c *cli.Context, g *globals, o selectOptions) error {
	start := time.Now()
	spec, err := shardSpec(c)
	if err != nil {
		return err
	}
	out, err := computeSelection(c.Context, g, o)
	if err != nil {
		return err
	}
	sel := &out.sel
	if out.problem != nil && !strings.HasPrefix(sel.Fallback, "no-map") {
		return out.problem
	}
	if out.problem != nil {
		fmt.Fprintf(g.io.ErrOut, "impacted: %v\n", out.problem)
	}
	if c.Bool("verbose") && out.baseNote != "" {
		fmt.Fprintf(g.io.ErrOut, "impacted: %s\n", out.baseNote)
	}
	if c.Bool("verbose") {
		for _, n := range sel.Notes {
			fmt.Fprintf(g.io.ErrOut, "impacted: %s\n", n)
		}
	}
	m := metrics.Metrics{
		Mode: "select", Workers: "-", Full: sel.Fallback != "",
		ImpactedCount: metrics.NA, TotalInMap: sel.Total, P: metrics.NA,
		SelectorMS: out.ms, FallbackReason: sel.Fallback, PytestExit: metrics.NA,
		WallS: time.Since(start).Seconds(),
	}
	if sel.Fallback == "" {
		m.ImpactedCount = sel.Impacted
		m.P = shareOf(m.ImpactedCount, m.TotalInMap)
	}
	args := sel.Args()
	if spec != nil {
		args = selectShard(c, g, *spec, out, &m)
	}
	if sel.Fallback == "" {
		for _, a := range runnableArgs(out.proj, args) {
			fmt.Fprintln(g.io.Out, a)
		}
	}
	fmt.Fprintln(g.io.ErrOut, m.Line())
	if path := c.String("metrics-json"); path != "" {
		if err := metrics.WriteJSON(path, m); err != nil {
			return fail(exitcode.CantCreate, "%w", err)
		}
	}
	if sel.Fallback != "" {
		return exitStatus(exitcode.Fallback)
	}
	return nil
}
