package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// defaultMap is where the ADR's Justfile put the map, and where
// `impacted map build` writes it.
const defaultMap = ".cache/coverage.json"

// project is an opened Python project inside a git repository.
type project struct {
	root   string // absolute
	prefix string // root relative to the repository top, "" or "dir/"
	repo   *gitdiff.Repo
	file   config.File
	rules  config.Rules
}

func openProject(ctx context.Context, dir string) (*project, error) {
	root, err := filepath.Abs(dir)
	if err != nil {
		return nil, fail(exitcode.Usage, "project directory %s: %w", dir, err)
	}
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, fail(exitcode.NoInput, "project directory %s does not exist (pass --project DIR)", dir)
	}
	file, rules, err := config.Load(root)
	if err != nil {
		return nil, fail(exitcode.Config, "%w", err)
	}
	repo, err := gitdiff.Open(ctx, root)
	if err != nil {
		if errors.Is(err, gitdiff.ErrNotRepo) {
			return nil, fail(exitcode.Config, "%s is not inside a git repository: impacted diffs the working tree with git (run `git init` or pass --project)", root)
		}
		return nil, fail(exitcode.Unavailable, "git: %w (install git)", err)
	}
	if found := projectRoot(root, repo.Root); found != root {
		root = found
		if file, rules, err = config.Load(root); err != nil {
			return nil, fail(exitcode.Config, "%w", err)
		}
	}
	top, err := filepath.EvalSymlinks(repo.Root)
	if err != nil {
		top = repo.Root
	}
	real, err := filepath.EvalSymlinks(root)
	if err != nil {
		real = root
	}
	rel, err := filepath.Rel(top, real)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fail(exitcode.Config, "project %s is outside its git work tree %s", root, repo.Root)
	}
	prefix := ""
	if rel != "." {
		prefix = filepath.ToSlash(rel) + "/"
	}
	return &project{root: root, prefix: prefix, repo: repo, file: file, rules: rules}, nil
}

// cacheDir holds impacted's own files; it ignores itself for git.
func (p *project) cacheDir() string {
	dir := filepath.Join(p.root, ".cache", "impacted")
	if err := os.MkdirAll(dir, 0o755); err == nil {
		ignore := filepath.Join(dir, ".gitignore")
		if _, err := os.Stat(ignore); errors.Is(err, fs.ErrNotExist) {
			_ = os.WriteFile(ignore, []byte("# written by impacted\n*\n"), 0o644)
		}
	}
	return dir
}

// pluginDir is where impacted's pytest plugins are installed: outside the
// project when possible, so that `map build --cov=.` does not measure them.
func (p *project) pluginDir() string {
	if dir, err := os.UserCacheDir(); err == nil {
		return filepath.Join(dir, "impacted", "pytest-plugins", pytestplugin.SourcesHash())
	}
	return filepath.Join(p.cacheDir(), "plugin")
}

// abs makes a project-relative path absolute.
func (p *project) abs(name string) string {
	if filepath.IsAbs(name) {
		return name
	}
	return filepath.Join(p.root, name)
}

// rel makes a path project-relative and slash-separated when it is inside the project.
func (p *project) rel(name string) string {
	r, err := filepath.Rel(p.root, p.abs(name))
	if err != nil || strings.HasPrefix(r, "..") {
		return filepath.ToSlash(name)
	}
	return filepath.ToSlash(r)
}

// loadMap opens the map; the error says what to do.
func (p *project) loadMap(name string) (*covmap.Map, error) {
	m, err := covmap.Load(p.abs(name), covmap.Options{CacheDir: p.cacheDir()})
	var fe *covmap.FormatError
	switch {
	case err == nil:
		return m, nil
	case errors.Is(err, fs.ErrNotExist):
		return nil, fail(exitcode.NoInput, "no coverage map at %s: build one with `impacted map build` (or pass --map)", name)
	case errors.Is(err, covmap.ErrNoContexts):
		return nil, fail(exitcode.DataErr, "coverage map %s has no per-test contexts: rebuild it with `impacted map build` (or pytest --cov-context=test)", name)
	case errors.As(err, &fe):
		return nil, fail(exitcode.DataErr, "%w", err)
	default:
		return nil, fail(exitcode.DataErr, "read coverage map %s: %w", name, err)
	}
}

// pythonVersion reads the version of the project's virtual environment
// from .venv/pyvenv.cfg, without starting Python.
func (p *project) pythonVersion() string {
	data, err := os.ReadFile(filepath.Join(p.root, ".venv", "pyvenv.cfg"))
	if err != nil {
		return ""
	}
	for _, line := range strings.Split(string(data), "\n") {
		k, v, ok := strings.Cut(line, "=")
		if ok && (strings.TrimSpace(k) == "version_info" || strings.TrimSpace(k) == "version") {
			return strings.TrimSpace(v)
		}
	}
	return ""
}

// lockHash is the sha256 of uv.lock, "" without one.
func (p *project) lockHash() string {
	data, err := os.ReadFile(filepath.Join(p.root, "uv.lock"))
	if err != nil {
		return ""
	}
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:])
}

func since(t time.Time) float64 { return float64(time.Since(t).Microseconds()) / 1000 }
