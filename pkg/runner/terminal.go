package runner

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/sourcegraph/conc"
)

// userTerminal is what the user's terminal contributes to a pty run: raw
// mode, keystrokes copied to the child, and window-size changes. Every field
// may be unset: no terminal, or a terminal we must not touch because we are
// a background job (we would be stopped by SIGTTOU/SIGTTIN).
type userTerminal struct {
	term    *os.File
	stdin   *os.File
	restore func() error
	in      *stdinCopier
	winch   chan os.Signal
}

// openTerminal prepares the terminal before the child starts, so no resize
// is missed and a failure leaves nothing to clean up but what close undoes.
func openTerminal(term, stdin *os.File) (*userTerminal, error) {
	u := &userTerminal{term: term, stdin: stdin}
	if term == nil {
		return u, nil
	}
	u.winch = make(chan os.Signal, 1)
	signal.Notify(u.winch, syscall.SIGWINCH)
	if !inForeground(term) {
		return u, nil
	}
	var err error
	if u.restore, err = makeRaw(term); err != nil {
		return u, err
	}
	if stdin != nil {
		u.in, err = newStdinCopier()
	}
	return u, err
}

// start runs the keystroke and resize followers; the returned stop ends
// them without waiting for a keystroke or for the child to read its input.
func (u *userTerminal) start(wg *conc.WaitGroup, master *os.File) (stop func()) {
	stopWinch := make(chan struct{})
	if u.winch != nil {
		wg.Go(func() { followWinch(u.winch, stopWinch, u.term, master) })
	}
	if u.in != nil {
		u.in.start(wg, u.stdin, master)
	}
	return func() {
		close(stopWinch)
		if u.in != nil {
			u.in.stop()
		}
		_ = master.SetWriteDeadline(time.Now())
	}
}

// close puts the terminal back as it was; deferred right after open, so it
// runs on every return and panic. Best effort: a hung-up terminal cannot be
// restored and there is nobody left to tell.
func (u *userTerminal) close() {
	if u.winch != nil {
		signal.Stop(u.winch)
	}
	if u.in != nil {
		u.in.close()
	}
	if u.restore != nil {
		_ = u.restore()
	}
}

// followWinch copies the user's window size to the pty on every SIGWINCH;
// the kernel then signals the child's foreground group, as a terminal would.
func followWinch(winch <-chan os.Signal, stop <-chan struct{}, term, master *os.File) {
	for {
		select {
		case <-stop:
			return
		case <-winch:
			if ws, err := getWinsize(term); err == nil {
				_ = setWinsize(master, ws)
			}
		}
	}
}
