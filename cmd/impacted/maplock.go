package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/filelock"
)

// lockMapBuild makes a second `map build` in the same project wait for the
// first: two builds at once measured into each other's coverage files.
// The kernel drops the lock when its holder dies, so a killed build never
// blocks the next one. Returns the unlock function.
func lockMapBuild(proj *project, errOut io.Writer) (func(), error) {
	path := filepath.Join(proj.cacheDir(), "map-build.lock")
	l, err := filelock.Wait(path, func() {
		fmt.Fprintln(errOut, "impacted: another `impacted map build` is running in this project; waiting for it to finish")
	})
	if err != nil {
		return nil, fail(exitcode.CantCreate, "%w", err)
	}
	return func() { l.Unlock() }, nil
}

// newBuildDir is this build's own directory for the coverage data and the
// map-info record; the previous map stays in place until the new one is
// complete and renamed over it.
func newBuildDir(proj *project) (string, error) {
	dir, err := os.MkdirTemp(proj.cacheDir(), "build-")
	if err != nil {
		return "", fail(exitcode.CantCreate, "create a build directory in %s: %w", proj.rel(proj.cacheDir()), err)
	}
	return dir, nil
}
