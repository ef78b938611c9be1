package main

import (
	"os"
	"path/filepath"
	"strings"
)

// projectRoot finds the project from a directory inside it, as git, uv and
// pytest do: the nearest directory at or above dir that holds a
// pyproject.toml (or another file only a project's root holds), without leaving the git work tree top; the top itself
// when there is none. Run from tests/ or src/pkg/, impacted then reads the
// same map, runs pytest from the same place, and never writes a .cache/
// into the subdirectory.
func projectRoot(dir, top string) string {
	realTop, err := filepath.EvalSymlinks(top)
	if err != nil {
		realTop = top
	}
	cur := dir
	for {
		if isProjectDir(cur) {
			return cur
		}
		real, err := filepath.EvalSymlinks(cur)
		if err != nil {
			real = cur
		}
		parent := filepath.Dir(cur)
		if real == realTop || parent == cur || !within(real, realTop) {
			return top
		}
		cur = parent
	}
}

// within reports whether path is top or below it.
func within(path, top string) bool {
	rel, err := filepath.Rel(top, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, "../")
}

// projectMarkers are the files that only a Python project's root holds.
var projectMarkers = []string{"pyproject.toml", "uv.lock", "pytest.ini", "setup.py", "setup.cfg", "tox.ini"}

func isProjectDir(dir string) bool {
	for _, m := range projectMarkers {
		if _, err := os.Stat(filepath.Join(dir, m)); err == nil {
			return true
		}
	}
	return false
}
