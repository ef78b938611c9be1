package runner

import (
	"os"
	"os/exec"
	"syscall"

	"github.com/sourcegraph/conc"
)

// waitChild reaps the child and delivers its exit code once. The send is
// deferred so a panic cannot leave the supervisor waiting forever.
func waitChild(wg *conc.WaitGroup, cmd *exec.Cmd) <-chan int {
	ch := make(chan int, 1)
	wg.Go(func() {
		code := -1
		defer func() { ch <- code }()
		_ = cmd.Wait() // the status is in ProcessState; a non-zero exit is not our error
		code = exitCode(cmd.ProcessState)
	})
	return ch
}

// exitCode maps a wait status the way a shell does: 128+N for signal N.
func exitCode(ps *os.ProcessState) int {
	if ps == nil {
		return -1
	}
	if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		return 128 + int(ws.Signal())
	}
	return ps.ExitCode()
}

// killAndReap ends a child we started but cannot supervise (I/O setup
// failed after the start), so an error return never leaves it running.
func killAndReap(cmd *exec.Cmd) {
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
}
