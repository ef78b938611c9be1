package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/distinfo"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/selector"
)

// environment opens the virtual environment `uv run` uses for the
// project: UV_PROJECT_ENVIRONMENT, else .venv. Nil when there is none.
func (p *project) environment() selector.Env {
	dir := filepath.Join(p.root, ".venv")
	if v := os.Getenv("UV_PROJECT_ENVIRONMENT"); v != "" {
		dir = v
		if !filepath.IsAbs(v) {
			dir = filepath.Join(p.root, v)
		}
	}
	if e := distinfo.Open(dir); e != nil {
		return e
	}
	return nil
}

// configFiles are the files the selector compares table by table, so it
// needs their base-side contents.
var configFiles = []string{"pyproject.toml", "setup.cfg", "tox.ini", "uv.lock", ".coveragerc"}

func isConfigFile(p string) bool { return slices.Contains(configFiles, filepath.Base(p)) }

// lockInChanges reports whether the change edits the project's uv.lock:
// the selector then compares it distribution by distribution, and a hash
// that differs from the map's says nothing more.
func lockInChanges(changes []gitdiff.Change) bool {
	for _, ch := range changes {
		if ch.NewPath == "uv.lock" || (ch.NewPath == "" && strings.TrimPrefix(ch.OldPath, "./") == "uv.lock") {
			return true
		}
	}
	return false
}
