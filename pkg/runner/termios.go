package runner

import (
	"fmt"
	"os"
	"strconv"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// withFd runs fn on f's descriptor without (*os.File).Fd, which would switch
// a non-blocking file to blocking mode behind the runtime's back.
func withFd(f *os.File, fn func(fd int) error) error {
	sc, err := f.SyscallConn()
	if err != nil {
		return err
	}
	var inner error
	if err := sc.Control(func(fd uintptr) { inner = fn(int(fd)) }); err != nil {
		return err
	}
	return inner
}

// makeRaw puts the terminal in raw mode (cfmakeraw) so every key, Ctrl-C
// included, reaches the child's pty where its own line discipline turns it
// into a signal for pytest. The returned func restores the saved state.
func makeRaw(f *os.File) (restore func() error, err error) {
	var saved unix.Termios
	err = withFd(f, func(fd int) error {
		t, err := unix.IoctlGetTermios(fd, ioctlGetTermios)
		if err != nil {
			return err
		}
		saved = *t
		raw := *t
		raw.Iflag &^= unix.IGNBRK | unix.BRKINT | unix.PARMRK | unix.ISTRIP |
			unix.INLCR | unix.IGNCR | unix.ICRNL | unix.IXON
		raw.Oflag &^= unix.OPOST
		raw.Lflag &^= unix.ECHO | unix.ECHONL | unix.ICANON | unix.ISIG | unix.IEXTEN
		raw.Cflag &^= unix.CSIZE | unix.PARENB
		raw.Cflag |= unix.CS8
		raw.Cc[unix.VMIN] = 1
		raw.Cc[unix.VTIME] = 0
		return unix.IoctlSetTermios(fd, ioctlSetTermios, &raw)
	})
	if err != nil {
		return nil, fmt.Errorf("put terminal %s in raw mode: %w", f.Name(), err)
	}
	return func() error {
		return withFd(f, func(fd int) error { return unix.IoctlSetTermios(fd, ioctlSetTermios, &saved) })
	}, nil
}

// inForeground reports whether we may change the terminal: a background job
// doing so would be stopped by SIGTTOU. A terminal that is not our
// controlling terminal (ENOTTY from TIOCGPGRP) has no job control, so it is
// fair game.
func inForeground(f *os.File) bool {
	fg := true
	_ = withFd(f, func(fd int) error {
		pgrp, err := unix.IoctlGetInt(fd, unix.TIOCGPGRP)
		fg = err != nil || pgrp == unix.Getpgrp()
		return nil
	})
	return fg
}

func getWinsize(f *os.File) (*unix.Winsize, error) {
	var ws *unix.Winsize
	err := withFd(f, func(fd int) (err error) {
		ws, err = unix.IoctlGetWinsize(fd, unix.TIOCGWINSZ)
		return err
	})
	return ws, err
}

func setWinsize(f *os.File, ws *unix.Winsize) error {
	return withFd(f, func(fd int) error { return unix.IoctlSetWinsize(fd, unix.TIOCSWINSZ, ws) })
}

// initialSize is the pty's size at start: the user's terminal if any, else
// COLUMNS/LINES from the child's environment, else the classic 80x24.
func initialSize(term *os.File, env []string) *pty.Winsize {
	if term != nil {
		if ws, err := getWinsize(term); err == nil && ws.Col > 0 && ws.Row > 0 {
			return &pty.Winsize{Rows: ws.Row, Cols: ws.Col, X: ws.Xpixel, Y: ws.Ypixel}
		}
	}
	return &pty.Winsize{Rows: envDim(env, "LINES", 24), Cols: envDim(env, "COLUMNS", 80)}
}

func envDim(env []string, key string, def uint16) uint16 {
	n, err := strconv.ParseUint(envValue(env, key), 10, 16)
	if err != nil || n == 0 {
		return def
	}
	return uint16(n)
}
