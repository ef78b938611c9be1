package main

import (
	"errors"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/metrics"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/runner"
	"github.com/impacted/impacted/pkg/selector"
)

// nodeIDsFile is where the ADR's Justfile left the selection; it stays for
// users who read it.
const nodeIDsFile = ".cache/impacted_nodeids.txt"

func launcherFlags() []cli.Flag {
	return []cli.Flag{
		&cli.StringFlag{Name: "runner", Usage: "command that launches pytest and the other Python tools", EnvVars: []string{"IMPACTED_RUNNER"}},
		&cli.StringFlag{Name: "color", Usage: "pytest colour: auto (pytest decides; it honours NO_COLOR, PY_COLORS and FORCE_COLOR), yes or no", EnvVars: []string{"IMPACTED_COLOR"}, Value: "auto"},
		&cli.BoolFlag{Name: "no-pty", Usage: "never run pytest under a pseudo-terminal (by default it does when stdout is a terminal)", EnvVars: []string{"IMPACTED_NO_PTY"}},
	}
}

func newRunCmd(g *globals) *cli.Command {
	flags := append(selectFlags(),
		&cli.BoolFlag{Name: "serial", Usage: "run the tests in one process (the default)", EnvVars: []string{"IMPACTED_SERIAL"}},
		&cli.StringFlag{Name: "xdist", Usage: "run with pytest-xdist on `N` workers or auto; bare --xdist uses IMPACTED_XDIST, then [tool.impacted] xdist, then auto", EnvVars: []string{"IMPACTED_XDIST"}},
		&cli.BoolFlag{Name: "full", Usage: "run the whole suite", EnvVars: []string{"IMPACTED_FULL"}},
		orderFlag(),
		&cli.BoolFlag{Name: "dry-run", Usage: "print the plan and the exact pytest command without running it", EnvVars: []string{"IMPACTED_DRY_RUN"}},
		shardFlag(),
	)
	return &cli.Command{
		Name:      "run",
		Usage:     "run the tests the change can break (the whole suite when that cannot be proven safe)",
		ArgsUsage: "[-- PYTEST_ARGS...]",
		Description: "Drop-in for `just impacted-serial` (--serial) and `just impacted-xdist` (--xdist).\n" +
			"Arguments after -- go to pytest untouched, after those in $PYTEST_ARGS. The exit code\n" +
			"is pytest's; a selection that is legitimately empty exits 0 without starting pytest.",
		Flags: append(flags, launcherFlags()...),
		Action: func(c *cli.Context) error {
			return runRun(c, g)
		},
	}
}

func runRun(c *cli.Context, g *globals) error {
	start := time.Now()
	o, err := selectOptionsFrom(c)
	if err != nil {
		return err
	}
	if err := checkLauncherFlags(c); err != nil {
		return err
	}
	pytestArgs, err := plan.SplitWords(g.getenv("PYTEST_ARGS"))
	if err != nil {
		return fail(exitcode.Usage, "PYTEST_ARGS: %w", err)
	}
	pytestArgs = append(pytestArgs, c.Args().Slice()...)
	o.PytestArgs = pytestArgs
	spec, err := shardSpec(c)
	if err != nil {
		return err
	}
	out, err := computeSelection(c.Context, g, o)
	if err != nil {
		return err
	}
	proj, sel := out.proj, &out.sel
	if c.Bool("verbose") && out.baseNote != "" {
		fmt.Fprintf(g.io.ErrOut, "impacted: %s\n", out.baseNote)
	}
	if c.Bool("verbose") {
		for _, n := range sel.Notes {
			fmt.Fprintf(g.io.ErrOut, "impacted: %s\n", n)
		}
	}
	full, reason := c.Bool("full") || sel.Fallback != "", sel.Fallback
	if c.Bool("full") && reason == "" {
		reason = "forced"
	}
	if full {
		fmt.Fprintln(g.io.ErrOut, fallbackLine(reason, out.problem))
	}
	runnerWords, err := plan.SplitWords(firstNonEmpty(c.String("runner"), proj.file.Runner, "uv run"))
	if err != nil || len(runnerWords) == 0 {
		return fail(exitcode.Usage, "--runner %q is not a command", c.String("runner"))
	}
	po := plan.Options{Runner: runnerWords, Full: full, Reason: reason,
		Workers: workers(c, g, proj), PytestArgs: withColor(pytestArgs, c.String("color"))}
	if err := checkWorkers("the xdist worker count (IMPACTED_XDIST or [tool.impacted] xdist)", po.Workers); err != nil {
		return err
	}
	var scratch *runScratch // this run's own files; a dry run has none
	if !c.Bool("dry-run") {
		if scratch, err = openScratch(proj, g.io.ErrOut); err != nil {
			return err
		}
		defer scratch.Close()
	}
	if !full {
		order, err := testOrder(c, out)
		if err != nil {
			return err
		}
		if po.Files, po.SelectionFile, err = writeSelection(proj, sel, scratch, order); err != nil {
			return err
		}
		if po.PluginDir, err = pytestplugin.Install(proj.pluginDir()); err != nil {
			return fail(exitcode.CantCreate, "install the pytest filter plugin: %w", err)
		}
	} else if err := writeNodeIDs(proj, nil, scratch); err != nil {
		return err
	}
	var sh *sharding
	if spec != nil {
		sh = planShard(*spec, out.m, sel, full)
		if err := applyShard(proj, &po, sel, sh, scratch); err != nil {
			return err
		}
	}
	p := plan.Build(po)
	m := runMetrics(proj, p, sel, out.ms, reason)
	if sh != nil {
		sh.record(&m)
		if c.Bool("dry-run") || c.Bool("verbose") {
			fmt.Fprintf(g.io.ErrOut, "impacted: %s\n", sh.describe())
		}
	}
	var runErr error
	switch {
	case c.Bool("dry-run"):
		printPlan(g, p, sel, m)
	case p.Empty:
		fmt.Fprintln(g.io.ErrOut, "impacted: no test is affected by the change; nothing to run")
	default:
		p.Env = append(p.Env, pytestplugin.ReportDirEnv+"="+scratch.dir)
		m.PytestExit, runErr = execute(c, g, proj, p)
		settleMetrics(&m, scratch)
	}
	m.WallS = time.Since(start).Seconds()
	fmt.Fprintln(g.io.Out, m.Line())
	appendHistory(g, proj, m, out.m, sel, sh, scratch) // a dry run has no scratch, and no history
	if path := c.String("metrics-json"); path != "" {
		if err := metrics.WriteJSON(path, m); err != nil && runErr == nil {
			runErr = fail(exitcode.CantCreate, "%w", err)
		}
	}
	if runErr == nil && m.PytestExit > 0 {
		return exitStatus(m.PytestExit)
	}
	return runErr
}

// workers resolves the xdist worker count: "" runs serially.
func workers(c *cli.Context, g *globals, proj *project) string {
	w := c.String("xdist")
	if c.Bool("serial") || w == "" {
		return ""
	}
	if w == xdistDefault {
		w = firstNonEmpty(g.getenv("IMPACTED_XDIST"), proj.file.Xdist, "auto")
		if w == xdistDefault {
			w = "auto"
		}
	}
	return w
}

// withColor adds pytest's --color unless the user chose one.
func withColor(args []string, color string) []string {
	if color == "auto" || color == "" || slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--color") }) {
		return args
	}
	return append([]string{"--color=" + color}, args...)
}

func printPlan(g *globals, p plan.Plan, sel *selector.Selection, m metrics.Metrics) {
	what := fmt.Sprintf("%d of %d tests in the map", m.ImpactedCount, sel.Total)
	if p.Full {
		what = "the whole suite (" + p.Reason + ")"
	}
	fmt.Fprintf(g.io.Out, "impacted: plan: %s, %s\n", p.Mode, what)
	if p.Empty && !p.Full {
		fmt.Fprintln(g.io.Out, "impacted: plan: nothing to run")
		return
	}
	for _, e := range p.Env {
		fmt.Fprintf(g.io.Out, "impacted: env: %s\n", e)
	}
	fmt.Fprintf(g.io.Out, "impacted: command: %s\n", p.Command())
}

// execute runs pytest and returns its exit code.
func execute(c *cli.Context, g *globals, proj *project, p plan.Plan) (int, error) {
	if err := checkPytestDeps(g, proj, p); err != nil {
		return -1, err
	}
	after, err := killAfter(g)
	if err != nil {
		return -1, err
	}
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, forwardedSignals...)
	defer signal.Stop(sigs)
	o := runner.Options{
		Argv: p.Argv, Env: p.Environ(g.env), Dir: proj.root, Mode: runner.ModeDirect,
		Stdin: g.io.In, Stdout: g.io.Out, Stderr: g.io.ErrOut, Signals: sigs,
		KillAfter: after, ChildForwards: forwardsSignals(p.Argv[0]),
	}
	if g.io.StdoutFile != nil {
		o.Stdout, o.Stderr = g.io.StdoutFile, g.io.StderrFile
	}
	if g.io.StdoutTTY && !c.Bool("no-pty") {
		o.Mode = runner.ModePTY
		if g.io.StdinTTY {
			o.Terminal = g.io.In
		}
	}
	res, err := runner.Run(c.Context, o)
	if errors.Is(err, runner.ErrNotFound) {
		return -1, fail(exitcode.Unavailable, "%w", err)
	}
	if err != nil {
		return -1, fail(exitcode.Unavailable, "start %s: %w", p.Argv[0], err)
	}
	if s, ok := res.Signal.(syscall.Signal); ok && res.Signal != nil {
		return res.ExitCode, exitStatus(exitcode.SignalBase + int(s))
	}
	return res.ExitCode, nil
}
