package runner

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/sourcegraph/conc"
	"golang.org/x/sys/unix"
)

// stdinCopier forwards the user's keystrokes to the pty master. It reads with
// poll(2) on the user's stdin and a private wake-up pipe instead of a plain
// blocking read, because a goroutine stuck in read(2) on the user's terminal
// would outlive Run and swallow the next keystroke typed into the shell. The
// user's stdin is never switched to non-blocking: that mode is shared with
// the shell and would break it after we exit.
type stdinCopier struct {
	wakeR, wakeW int
}

// newStdinCopier makes the wake-up pipe; it is created before the child is
// started so a failure here never leaves a child to clean up.
func newStdinCopier() (*stdinCopier, error) {
	var p [2]int
	syscall.ForkLock.RLock() // no fork may inherit the pipe before it is close-on-exec
	err := unix.Pipe(p[:])
	if err == nil {
		unix.CloseOnExec(p[0])
		unix.CloseOnExec(p[1])
	}
	syscall.ForkLock.RUnlock()
	if err != nil {
		return nil, fmt.Errorf("create stdin wake-up pipe: %w", err)
	}
	return &stdinCopier{wakeR: p[0], wakeW: p[1]}, nil
}

// start copies in to master until stop, EOF on in, or a write error.
func (c *stdinCopier) start(wg *conc.WaitGroup, in, master *os.File) {
	wg.Go(func() {
		_ = withFd(in, func(fd int) error { c.copy(fd, master); return nil })
	})
}

// stop wakes the copier up so it returns without reading anything more.
// It must be called exactly once, after start or instead of it; closing
// the read end only after the copier is woken keeps its poll valid.
func (c *stdinCopier) stop() {
	_, _ = unix.Write(c.wakeW, []byte{0})
	_ = unix.Close(c.wakeW)
}

// close releases the read end once the copier has returned (or never ran).
func (c *stdinCopier) close() { _ = unix.Close(c.wakeR) }

func (c *stdinCopier) copy(fd int, master *os.File) {
	buf := make([]byte, 4096)
	fds := []unix.PollFd{{Fd: int32(fd), Events: unix.POLLIN}, {Fd: int32(c.wakeR), Events: unix.POLLIN}}
	for {
		if _, err := unix.Poll(fds, -1); err != nil {
			if errors.Is(err, unix.EINTR) {
				continue
			}
			return
		}
		if fds[1].Revents != 0 {
			return
		}
		if fds[0].Revents&unix.POLLNVAL != 0 {
			return
		}
		n, err := unix.Read(fd, buf)
		if errors.Is(err, unix.EINTR) || errors.Is(err, unix.EAGAIN) {
			continue
		}
		if n <= 0 {
			return // EOF or a hung-up terminal: nothing more to forward
		}
		if _, err := master.Write(buf[:n]); err != nil {
			return
		}
	}
}
