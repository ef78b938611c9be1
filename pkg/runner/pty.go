package runner

import (
	"context"
	"fmt"
	"os/exec"

	"github.com/creack/pty"
	"github.com/sourcegraph/conc"
)

// runPTY runs cmd as a session leader on a new pty, so pytest sees a tty and
// the pty's line discipline turns the user's Ctrl-C into SIGINT for its
// foreground group, exactly as a terminal would.
func runPTY(ctx context.Context, cmd *exec.Cmd, opts Options) (Result, error) {
	ut, err := openTerminal(opts.Terminal, opts.Stdin)
	defer ut.close()
	if err != nil {
		return Result{}, err
	}
	ptmx, err := pty.StartWithSize(cmd, initialSize(opts.Terminal, cmd.Env))
	if err != nil {
		return Result{}, fmt.Errorf("start %s on a pseudo-terminal: %w", cmd.Args[0], err)
	}
	master, err := pollable(ptmx)
	if err != nil {
		killAndReap(cmd)
		return Result{}, fmt.Errorf("set up the pseudo-terminal for %s: %w", cmd.Args[0], err)
	}
	defer master.Close()
	return superviseWith(ctx, cmd, opts, func(wg *conc.WaitGroup) (*output, func()) {
		return startOutput(wg, stream{src: master, dst: opts.Stdout}), ut.start(wg, master)
	})
}

// superviseWith runs the part both modes share: the goroutines set up by
// attach, the wait for the child, the supervisor, then a clean stop. A panic
// in a helper goroutine becomes an error here, after the terminal and the
// process group have been dealt with.
func superviseWith(ctx context.Context, cmd *exec.Cmd, opts Options,
	attach func(wg *conc.WaitGroup) (*output, func())) (Result, error) {
	wg := conc.NewWaitGroup()
	out, stop := attach(wg)
	exited := waitChild(wg, cmd)
	sup := &supervisor{ctx: ctx, pgid: cmd.Process.Pid, grace: opts.KillGrace, killAfter: opts.KillAfter,
		childForwards: opts.ChildForwards,
		sigs:          opts.Signals, exited: exited, out: out}
	res := func() Result {
		defer stop() // wakes the helpers even if the supervisor panics
		return sup.run()
	}()
	if r := wg.WaitAndRecover(); r != nil {
		return res, fmt.Errorf("run %s: internal error: %w", cmd.Args[0], r.AsError())
	}
	return res, nil
}
