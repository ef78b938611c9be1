package main

import (
	"context"
	"fmt"
	"os"
	"strings"
	"syscall"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/iostreams"
)

// Main runs the command line and returns the exit code; main only exits.
func Main(args []string, io *iostreams.IOStreams, env []string) int {
	app := newApp(io, env)
	err := app.RunContext(context.Background(), normalizeArgs(args, env))
	if err != nil {
		if _, ok := err.(exitStatus); !ok {
			fmt.Fprintf(io.ErrOut, "impacted: %v\n", err)
		}
	}
	return codeOf(err)
}

func newApp(io *iostreams.IOStreams, env []string) *cli.App {
	g := &globals{io: io, env: env}
	return &cli.App{
		Name:    "impacted",
		Usage:   "run only the pytest tests a change can break",
		Version: buildVersion(),
		Description: "impacted reads a per-test coverage map (pytest-cov --cov-context=test), diffs the\n" +
			"working tree with git, and selects the pytest node ids the change can affect. It runs\n" +
			"the whole suite whenever it cannot prove a narrow selection safe, and says why.\n\n" +
			"Exit codes: pytest's own (0-5) pass through `run`; `select` exits 2 when the whole\n" +
			"suite must run; 64 usage, 65 unreadable map, 66 missing input, 69 tool missing,\n" +
			"70 internal error, 73 cannot write, 78 repository or configuration problem;\n" +
			"128+N when ended by signal N.",
		Writer:               io.Out,
		ErrWriter:            io.ErrOut,
		EnableBashCompletion: true,                         // for `impacted completion bash|zsh`
		ExitErrHandler:       func(*cli.Context, error) {}, // Main maps errors to codes; cli never exits
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "project", Aliases: []string{"C"}, Usage: "the Python project's directory (where pyproject.toml is)", EnvVars: []string{"IMPACTED_PROJECT"}, Value: "."},
		},
		Before: func(c *cli.Context) error {
			g.project = c.String("project")
			return nil
		},
		Commands: []*cli.Command{
			newSelectCmd(g),
			newRunCmd(g),
			newMapCmd(g),
			newStatsCmd(g),
			newAuditCmd(g),
			newBenchCmd(g),
			newExplainCmd(g),
			newVersionCmd(g),
			newCompletionCmd(g),
			newManCmd(g),
		},
	}
}

// globals are what every command shares.
type globals struct {
	io      *iostreams.IOStreams
	env     []string
	project string
}

// getenv reads the injected environment, not the process's.
func (g *globals) getenv(key string) string {
	for i := len(g.env) - 1; i >= 0; i-- {
		if k, v, ok := strings.Cut(g.env[i], "="); ok && k == key {
			return v
		}
	}
	return ""
}

// forwardedSignals are the signals `run` passes on to pytest.
var forwardedSignals = []os.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP, syscall.SIGQUIT}

// normalizeArgs lets `--xdist` stand alone: urfave/cli flags need a value,
// and `impacted run --xdist` must mean "as many workers as configured".
func normalizeArgs(args []string, env []string) []string {
	out := make([]string, 0, len(args)+1)
	for i := 0; i < len(args); i++ {
		out = append(out, args[i])
		if args[i] == "--" {
			return append(out, args[i+1:]...)
		}
		if args[i] == "--xdist" {
			if i+1 >= len(args) || !isWorkers(args[i+1]) {
				out = append(out, xdistDefault)
			}
		}
	}
	return out
}

// xdistDefault stands for "IMPACTED_XDIST, else [tool.impacted] xdist, else auto".
const xdistDefault = "default"

// isWorkers reports whether the word after --xdist is its value: anything
// but a flag (a negative number counts as a value), so that `--xdist abc`
// and `--xdist -3` reach the validation and fail there instead of becoming
// pytest arguments or unknown flags.
func isWorkers(s string) bool {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return rest != "" && strings.Trim(rest, "0123456789") == ""
	}
	return s != ""
}
