package runner

import (
	"errors"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/sourcegraph/conc"
	"golang.org/x/sys/unix"
)

// stream is one pollable source of child output (the pty master or a pipe)
// and where its bytes go.
type stream struct {
	src *os.File
	dst io.Writer
}

// output copies every stream to its writer as the bytes arrive. done closes
// when all streams hit EOF/EIO (every writer of the pipe or pty slave is
// gone) or were cut off by stop.
type output struct {
	streams []stream
	done    chan struct{}
}

func startOutput(wg *conc.WaitGroup, streams ...stream) *output {
	o := &output{streams: streams, done: make(chan struct{})}
	inner := conc.NewWaitGroup()
	for _, s := range streams {
		inner.Go(func() { copyStream(s) })
	}
	wg.Go(func() {
		defer close(o.done) // even if a copier panicked, so Run cannot hang
		inner.Wait()
	})
	return o
}

// stop cuts the copy short: used when a process we could not kill (one that
// left our process group) still holds the pty slave or a pipe open.
func (o *output) stop() {
	for _, s := range o.streams {
		_ = s.src.SetReadDeadline(time.Now())
	}
}

// copyStream forwards reads immediately (no buffering, so progress bars stay
// live). A failing writer (the user closed the pipe) does not stop the
// reading: the child must never block on a full pty or pipe.
func copyStream(s stream) {
	buf := make([]byte, 32*1024)
	dst := s.dst
	for {
		n, err := s.src.Read(buf)
		if n > 0 && dst != nil {
			if _, werr := dst.Write(buf[:n]); werr != nil {
				dst = nil
			}
		}
		if err != nil {
			return // io.EOF, EIO from a pty master with no slave left, or the deadline
		}
	}
}

// pollable returns a copy of f in non-blocking mode, registered with the Go
// runtime poller, so reads can be cut off with a deadline and a blocked write
// ends when the file is closed. f is closed.
func pollable(f *os.File) (*os.File, error) {
	var dup int
	err := withFd(f, func(fd int) (err error) {
		dup, err = unix.Dup(fd)
		return err
	})
	name := f.Name()
	_ = f.Close()
	if err != nil {
		return nil, fmt.Errorf("duplicate %s: %w", name, err)
	}
	unix.CloseOnExec(dup)
	if err := unix.SetNonblock(dup, true); err != nil {
		_ = unix.Close(dup)
		return nil, fmt.Errorf("make %s non-blocking: %w", name, err)
	}
	p := os.NewFile(uintptr(dup), name)
	if err := p.SetReadDeadline(time.Time{}); errors.Is(err, os.ErrNoDeadline) {
		_ = p.Close()
		return nil, fmt.Errorf("poll %s: %w", name, err)
	}
	return p, nil
}
