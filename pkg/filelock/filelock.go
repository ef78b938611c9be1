// Package filelock holds advisory locks on files (flock), so that two
// `impacted` processes in one checkout can tell whether the other is still
// there: the kernel drops a process's locks when it ends, however it ends
// (kill -9 included), so a lock never outlives its holder.
package filelock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Lock is a held lock; Unlock releases it.
type Lock struct{ f *os.File }

// ErrBusy reports that another process holds the lock.
var ErrBusy = errors.New("locked by another process")

// TryLock takes the exclusive lock on path (created if missing) without
// waiting; ErrBusy means another process holds it.
func TryLock(path string) (*Lock, error) {
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, unix.EWOULDBLOCK) {
			return nil, ErrBusy
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

// Wait takes the exclusive lock on path, waiting for its holder to end;
// waiting is called once, before the wait, when the lock is busy, so the
// caller can say why it does not go on.
func Wait(path string, waiting func()) (*Lock, error) {
	l, err := TryLock(path)
	if !errors.Is(err, ErrBusy) {
		return l, err
	}
	if waiting != nil {
		waiting()
	}
	f, err := open(path)
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if !errors.Is(err, unix.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return &Lock{f: f}, nil
}

func open(path string) (*os.File, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}

// Unlock releases the lock; the file stays, so that a waiter that opened
// it before is not left locking a file nobody else can see.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing the last descriptor releases the flock
	l.f = nil
	return err
}
