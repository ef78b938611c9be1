package filelock

import (
	"errors"
	"path/filepath"
	"testing"
)

// TestLockExcludes: flock locks are per open file description, so two
// opens in one process exclude each other like two processes do.
func TestLockExcludes(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "lock")
	a, err := TryLock(path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryLock(path); !errors.Is(err, ErrBusy) {
		t.Fatalf("second TryLock: %v, want ErrBusy", err)
	}
	got := make(chan error, 1)
	waited := make(chan struct{})
	go func() {
		l, err := Wait(path, func() { close(waited) })
		if err == nil {
			err = l.Unlock()
		}
		got <- err
	}()
	<-waited // Wait saw the lock busy before a.Unlock
	if err := a.Unlock(); err != nil {
		t.Fatal(err)
	}
	if err := <-got; err != nil {
		t.Fatalf("Wait: %v", err)
	}
	b, err := TryLock(path)
	if err != nil {
		t.Fatalf("TryLock after both unlocked: %v", err)
	}
	b.Unlock()
}
