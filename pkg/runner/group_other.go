//go:build !linux

package runner

import (
	"errors"

	"golang.org/x/sys/unix"
)

// groupAlive reports whether any process is in group pgid. Without /proc,
// zombies count as alive; the supervisor's SIGKILL deadline bounds the wait.
func groupAlive(pgid int) bool {
	return !errors.Is(unix.Kill(-pgid, 0), unix.ESRCH)
}

// groupMembers cannot list a group without /proc.
func groupMembers(int) ([]int, bool) { return nil, false }
