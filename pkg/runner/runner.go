// Package runner runs the test command (usually `uv run pytest ...`) as a
// child so that it feels exactly like running it directly: under a
// pseudo-terminal when the user has one (colours, live progress, window size),
// with the user's signals reaching the child once (it passes them on), and with
// no process of that tree left behind when the run ends.
package runner

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"syscall"
	"time"
)

// Mode chooses how the child is connected to the user's streams.
type Mode int

const (
	// ModePTY runs the child in a new session on a fresh pseudo-terminal, so
	// pytest sees a tty (colours, progress bar) even though we sit between it
	// and the user. stdout and stderr are merged, as on a real terminal.
	ModePTY Mode = iota
	// ModeDirect hands the child the caller's files as they are, in its own
	// process group; used when the user has no terminal (CI, pipes).
	ModeDirect
)

// DefaultKillGrace is how long what the child left behind may linger after
// it exited before it is killed outright, when Options.KillGrace is zero.
const DefaultKillGrace = 5 * time.Second

// Options describes one child run. The zero values of the I/O fields mean
// "none": no input, output discarded.
type Options struct {
	// Argv is the command line; Argv[0] is looked up in the PATH of Env.
	Argv []string
	// Env is the child's environment; nil inherits ours.
	Env []string
	// Dir is the child's working directory; empty means ours.
	Dir  string
	Mode Mode
	// Stdin is the user's stdin (a terminal, a pipe, /dev/null). In ModePTY
	// it is copied to the child only when Terminal is set.
	Stdin *os.File
	// Stdout receives the child's output. In ModeDirect an *os.File is passed
	// to the child as it is (zero copy). In ModePTY it receives stdout and
	// stderr merged, with the pty's CRLF line endings.
	Stdout io.Writer
	// Stderr receives the child's stderr in ModeDirect; unused in ModePTY.
	Stderr io.Writer
	// Signals delivers the signals the caller receives (SIGINT, SIGTERM,
	// SIGHUP, SIGQUIT). The first is forwarded to the child once; a second
	// kills the child's process group.
	Signals <-chan os.Signal
	// Terminal is the user's terminal, put in raw mode for the run and used
	// for the window size (usually os.Stdin when it is a tty). ModePTY only.
	Terminal *os.File
	// KillGrace is how long the process group may linger after the child's
	// exit before it is killed (DefaultKillGrace if 0).
	KillGrace time.Duration
	// ChildForwards says the child passes the signals it receives on to
	// its own child, as `uv run` does: a forwarded signal then goes to
	// the rest of the group, not to the child, so nothing gets it twice.
	ChildForwards bool
	// KillAfter, when set, kills the process group that long after the
	// first forwarded signal; by default only a second signal does, so a
	// slow teardown is never cut short.
	KillAfter time.Duration
}

// Result is how the child ended.
type Result struct {
	// ExitCode is the child's exit status, 128+N if it died of signal N.
	ExitCode int
	// Signal is the first signal we received and forwarded (or SIGTERM for a
	// cancelled context), nil if none; the CLI then exits 128+N.
	Signal os.Signal
}

// ErrNotFound reports that Argv[0] (the launcher, usually uv) is not in
// PATH. It wraps exec.ErrNotFound so either can be tested with errors.Is.
var ErrNotFound = fmt.Errorf("test launcher not found: %w", exec.ErrNotFound)

// Run starts the child, streams its output, forwards signals and returns
// once the child and every process of its group are gone and the output is
// drained. The error is non-nil only when the child could not be started or
// the I/O around it could not be set up; a failing child is a Result.
func Run(ctx context.Context, opts Options) (Result, error) {
	if len(opts.Argv) == 0 {
		return Result{}, fmt.Errorf("run test command: empty command line")
	}
	if err := ctx.Err(); err != nil {
		return Result{}, fmt.Errorf("run %s: %w", opts.Argv[0], err) // nothing started yet
	}
	if opts.KillGrace <= 0 {
		opts.KillGrace = DefaultKillGrace
	}
	env := opts.Env
	if env == nil {
		env = os.Environ()
	}
	path, err := lookPath(opts.Argv[0], env, opts.Dir)
	if err != nil {
		return Result{}, err
	}
	cmd := &exec.Cmd{Path: path, Args: opts.Argv, Env: env, Dir: opts.Dir, SysProcAttr: &syscall.SysProcAttr{}}
	dieWithParent(cmd.SysProcAttr)
	if opts.Mode == ModePTY {
		return runPTY(ctx, cmd, opts)
	}
	return runDirect(ctx, cmd, opts)
}
