package main

import (
	"encoding/json"
	"fmt"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/bench"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/iostreams"
)

func newBenchCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:      "bench",
		Usage:     "measure impacted against the whole suite on the current change",
		ArgsUsage: "[-- PYTEST_ARGS...]",
		Description: "Runs the selection and the whole suite in alternating replicates (serially, and with\n" +
			"pytest-xdist too when --xdist is given), and reports medians and median absolute\n" +
			"deviations of wall and CPU time, the speed-up (full / impacted) as a ratio of medians,\n" +
			"and the selector's own time (included in impacted's wall time). pytest's output is kept\n" +
			"quiet; a progress line goes to stderr.",
		Flags: append(append(selectFlags(),
			&cli.IntFlag{Name: "replicates", Aliases: []string{"n"}, Usage: "replicates of each variant", Value: 5, EnvVars: []string{"IMPACTED_BENCH_N"}},
			&cli.StringFlag{Name: "xdist", Usage: "also measure both with pytest-xdist on `N` workers or auto", EnvVars: []string{"IMPACTED_XDIST"}},
			&cli.BoolFlag{Name: "json", Usage: "print the report as JSON"},
		), launcherFlags()...),
		Action: func(c *cli.Context) error { return runBench(c, g) },
	}
}

// benchVariant is one way of running the tests, with its replicates.
type benchVariant struct {
	name, mode string
	full       bool
	workers    string
	wall, cpu  []float64
	tests      int
}

func runBench(c *cli.Context, g *globals) error {
	n := c.Int("replicates")
	if n < 1 {
		return fail(exitcode.Usage, "--replicates %d: need at least 1", n)
	}
	o, err := selectOptionsFrom(c)
	if err != nil {
		return err
	}
	out, err := computeSelection(c.Context, g, o)
	if err != nil {
		return err
	}
	ro, err := newRunOpts(c, g, out.proj)
	if err != nil {
		return err
	}
	ro.quiet = true
	variants := benchVariants(ro.workers)
	var selMS []float64
	total := n * len(variants)
	for rep := 0; rep < n; rep++ {
		for k := range variants {
			// alternate the order, so that neither side always runs on a warm cache
			v := &variants[(k+rep)%len(variants)]
			if err := benchOnce(c, g, o, ro, v, &selMS); err != nil {
				return err
			}
			progress(g, fmt.Sprintf("impacted: bench: %d/%d %s %.2fs", rep*len(variants)+k+1, total, v.name, v.wall[len(v.wall)-1]))
		}
	}
	progress(g, "")
	r := benchReport(n, out, variants, selMS)
	if c.Bool("json") {
		data, _ := json.MarshalIndent(r, "", "  ")
		fmt.Fprintln(g.io.Out, string(data))
		return nil
	}
	r.Table(g.io.Out)
	return nil
}

func benchVariants(workers string) []benchVariant {
	vs := []benchVariant{{name: "impacted serial", mode: "serial"}, {name: "full serial", mode: "serial", full: true}}
	if workers != "" {
		vs = append(vs, benchVariant{name: "impacted xdist", mode: "xdist", workers: workers},
			benchVariant{name: "full xdist", mode: "xdist", full: true, workers: workers})
	}
	return vs
}

// benchOnce measures one replicate of v; impacted's time includes a fresh
// selection, as `impacted run` pays it.
func benchOnce(c *cli.Context, g *globals, o selectOptions, ro runOpts, v *benchVariant, selMS *[]float64) error {
	out, err := computeSelection(c.Context, g, o)
	if err != nil {
		return err
	}
	full := v.full || out.sel.Fallback != ""
	ro.workers = v.workers
	res, err := recordRun(c, g, out, full, ro)
	if err != nil {
		return err
	}
	if res.code > 1 && res.code != 5 {
		return fail(res.code, "%s: pytest exited %d (its output is above); no measurement", v.name, res.code)
	}
	wall := res.wallS
	if !v.full {
		*selMS = append(*selMS, out.ms)
		wall += out.ms / 1000
	}
	v.wall, v.cpu, v.tests = append(v.wall, wall), append(v.cpu, res.cpuS), len(res.outcomes)
	return nil
}

func benchReport(n int, out *outcome, vs []benchVariant, selMS []float64) *bench.Report {
	r := &bench.Report{Replicates: n, FallbackReason: firstNonEmpty(out.sel.Fallback, "none"),
		ImpactedCount: out.sel.Impacted, TotalInMap: out.sel.Total, SelectorMS: bench.Summarize(selMS)}
	for _, v := range vs {
		sel := "impacted"
		if v.full {
			sel = "full"
		}
		r.Variants = append(r.Variants, bench.Variant{Name: v.name, Mode: v.mode, Selection: sel, Tests: v.tests,
			WallS: bench.Summarize(v.wall), CPUS: bench.Summarize(v.cpu)})
	}
	r.Finish()
	return r
}

// progress rewrites one status line on a terminal, and prints each step on
// its own line elsewhere (a CI log); "" ends it.
func progress(g *globals, line string) {
	tty := g.io.StderrFile != nil && iostreams.IsTerminal(g.io.StderrFile)
	switch {
	case tty && line == "":
		fmt.Fprint(g.io.ErrOut, "\r\033[K")
	case tty:
		fmt.Fprintf(g.io.ErrOut, "\r\033[K%s", line)
	case line != "":
		fmt.Fprintln(g.io.ErrOut, line)
	}
}
