package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/filelock"
)

// runScratch is one run's private directory for the files pytest and its
// xdist workers read while they start (the selection) or write (the filter
// plugin's report). Two runs in one checkout never share one: a fixed path
// let one run's xdist workers read the other run's selection.
//
// It lives under .cache/impacted/runs/, held by a lock for the run's life,
// so that a run killed with SIGKILL leaves a directory the next run can
// tell is stale and remove. When .cache cannot be written (a read-only
// checkout), it is a temporary directory instead, and the run says so once.
type runScratch struct {
	dir  string
	lock *filelock.Lock
}

// runsDir holds the runs' scratch directories.
func (p *project) runsDir() string { return filepath.Join(p.root, ".cache", "impacted", "runs") }

// openScratch makes this run's scratch directory. It fails only when no
// directory at all can be made.
func openScratch(proj *project, warn io.Writer) (*runScratch, error) {
	runs := proj.runsDir()
	s, err := lockedDir(runs)
	if err == nil {
		pruneRuns(runs, s.dir)
		return s, nil
	}
	dir, terr := os.MkdirTemp("", "impacted-run-")
	if terr != nil {
		return nil, fail(exitcode.CantCreate, "create a scratch directory: %v; and %w", err, terr)
	}
	fmt.Fprintf(warn, "impacted: warning: cannot write %s (%v); this run keeps its scratch files in %s\n", proj.rel(runs), cause(err), dir)
	return &runScratch{dir: dir}, nil
}

// lockedDir creates a fresh directory under runs and locks it.
func lockedDir(runs string) (*runScratch, error) {
	if err := os.MkdirAll(runs, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(runs, fmt.Sprintf("%d-", os.Getpid()))
	if err != nil {
		return nil, err
	}
	l, err := filelock.TryLock(filepath.Join(dir, "lock"))
	if err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	return &runScratch{dir: dir, lock: l}, nil
}

// pruneRuns removes the directories of runs that ended without cleaning up
// (SIGKILL, a crash): their lock is free. A directory without a lock file
// may be a run between its mkdir and its lock, so it goes only once old.
func pruneRuns(runs, own string) {
	entries, err := os.ReadDir(runs)
	if err != nil {
		return
	}
	for _, e := range entries {
		dir := filepath.Join(runs, e.Name())
		if !e.IsDir() || dir == own {
			continue
		}
		lockPath := filepath.Join(dir, "lock")
		if _, err := os.Stat(lockPath); err != nil {
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
				os.RemoveAll(dir)
			}
			continue
		}
		if l, err := filelock.TryLock(lockPath); err == nil {
			os.RemoveAll(dir)
			l.Unlock()
		}
	}
}

// path names a file in the scratch directory.
func (s *runScratch) path(name string) string { return filepath.Join(s.dir, name) }

// Close removes the directory; the lock goes last, so no pruner removes a
// directory still in use.
func (s *runScratch) Close() {
	if s == nil {
		return
	}
	os.RemoveAll(s.dir)
	s.lock.Unlock()
}

// dryRunSelection is where `run --dry-run` leaves the selection its
// printed command reads: named by its content, so two dry runs with
// different selections never overwrite each other's file, and a user can
// paste the command later.
func dryRunSelection(proj *project, content []byte) string {
	sum := sha256.Sum256(content)
	return filepath.Join(proj.root, ".cache", "impacted", "dry-run", hex.EncodeToString(sum[:6])+".json")
}

// cause is the innermost error's text: "permission denied", not the path
// chain around it.
func cause(err error) error {
	for {
		u, ok := err.(interface{ Unwrap() error })
		if !ok || u.Unwrap() == nil {
			return err
		}
		err = u.Unwrap()
	}
}
