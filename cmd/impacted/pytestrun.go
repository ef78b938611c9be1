package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/runner"
)

// recordedRun is one pytest run of audit or bench: the selection or the
// whole suite, on `run`'s plan, with how each test ended.
type recordedRun struct {
	code     int
	outcomes map[string]string
	wallS    float64
	cpuS     float64 // user+system time of pytest and its children
}

// runOpts are what audit and bench share with `run`.
type runOpts struct {
	runner     []string
	workers    string
	pytestArgs []string
	quiet      bool // keep pytest's output to ourselves (bench)
}

func newRunOpts(c *cli.Context, g *globals, proj *project) (runOpts, error) {
	words, err := plan.SplitWords(firstNonEmpty(c.String("runner"), proj.file.Runner, "uv run"))
	if err != nil || len(words) == 0 {
		return runOpts{}, fail(exitcode.Usage, "--runner %q is not a command", c.String("runner"))
	}
	args, err := plan.SplitWords(g.getenv("PYTEST_ARGS"))
	if err != nil {
		return runOpts{}, fail(exitcode.Usage, "PYTEST_ARGS: %w", err)
	}
	return runOpts{runner: words, workers: workers(c, g, proj), pytestArgs: append(args, c.Args().Slice()...)}, nil
}

// recordRun runs the selection (or the whole suite when full) like `run`
// would, with the outcomes plugin, and returns what happened.
func recordRun(c *cli.Context, g *globals, out *outcome, full bool, o runOpts) (recordedRun, error) {
	proj, sel := out.proj, &out.sel
	pluginDir, err := pytestplugin.Install(proj.pluginDir())
	if err != nil {
		return recordedRun{}, fail(exitcode.CantCreate, "install the pytest plugins: %w", err)
	}
	args := append([]string{"-p", pytestplugin.OutcomesPlugin}, o.pytestArgs...)
	po := plan.Options{Runner: o.runner, Full: full, Workers: o.workers, PytestArgs: args}
	scratch, err := openScratch(proj, g.io.ErrOut) // this run's own files, as `run` keeps them
	if err != nil {
		return recordedRun{}, err
	}
	defer scratch.Close()
	if !full {
		order, err := testOrder(c, out)
		if err != nil {
			return recordedRun{}, err
		}
		if po.Files, po.SelectionFile, err = writeSelection(proj, sel, scratch, order); err != nil {
			return recordedRun{}, err
		}
		po.PluginDir = pluginDir
	}
	p := plan.Build(po)
	if p.Empty && !full {
		return recordedRun{outcomes: map[string]string{}}, nil
	}
	outFile := scratch.path("outcomes.json")
	if full {
		p.Env = append(p.Env, "PYTHONPATH="+pluginDir)
	}
	p.Env = append(p.Env, pytestplugin.OutcomesOutEnv+"="+outFile)
	start := time.Now()
	var res recordedRun
	if o.quiet {
		res.code, res.cpuS, err = executeQuiet(c, g, proj, p)
	} else {
		res.code, err = execute(c, g, proj, p)
	}
	res.wallS = time.Since(start).Seconds()
	if err != nil {
		return res, err
	}
	got, err := pytestplugin.ReadOutcomes(outFile)
	if err != nil {
		return res, fail(exitcode.Unavailable, "pytest exited %d and recorded no outcomes (%v): %s", res.code, err, p.Command())
	}
	res.outcomes = got.Tests
	return res, nil
}

// executeQuiet runs pytest with its output captured, forwarding signals,
// and returns its exit code and CPU time; the output is shown only when
// pytest could not run the tests at all.
func executeQuiet(c *cli.Context, g *globals, proj *project, p plan.Plan) (int, float64, error) {
	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, forwardedSignals...)
	defer signal.Stop(sigs)
	var buf bytes.Buffer
	o := runner.Options{Argv: p.Argv, Env: p.Environ(g.env), Dir: proj.root, Mode: runner.ModeDirect,
		Stdin: nil, Stdout: &buf, Stderr: &buf, Signals: sigs}
	before := childCPU()
	res, err := runner.Run(c.Context, o)
	cpu := childCPU() - before
	if errors.Is(err, runner.ErrNotFound) {
		return -1, 0, fail(exitcode.Unavailable, "%v; or choose another launcher with --runner", err)
	}
	if err != nil {
		return -1, 0, fail(exitcode.Unavailable, "start %s: %w", p.Argv[0], err)
	}
	if s, ok := res.Signal.(syscall.Signal); ok && res.Signal != nil {
		return res.ExitCode, 0, exitStatus(exitcode.SignalBase + int(s))
	}
	if res.ExitCode > 1 && res.ExitCode != 5 {
		fmt.Fprint(g.io.ErrOut, buf.String())
	}
	return res.ExitCode, cpu, nil
}

// childCPU is the user+system time of every child process waited for so
// far (uv, pytest, xdist workers: each parent reaps its own).
func childCPU() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_CHILDREN, &ru); err != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
