package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pystrings"
	"github.com/impacted/impacted/pkg/selector"
)

// source gives the selector the project's files on both sides of the diff.
type source struct {
	ctx     context.Context
	proj    *project
	old     map[string][]byte
	changes []gitdiff.Change
	pf      *projectFiles
}

func newSource(ctx context.Context, p *project, base string, changes []gitdiff.Change, pf *projectFiles) (*source, error) {
	var paths []string
	for _, ch := range changes {
		if ch.OldPath != "" && needsOld(ch.OldPath) && !strings.HasPrefix(ch.OldPath, "../") {
			paths = append(paths, p.prefix+ch.OldPath)
		}
	}
	old := map[string][]byte{}
	if len(paths) > 0 {
		got, err := p.repo.Show(ctx, base, paths)
		if err != nil {
			return nil, fail(exitcode.Unavailable, "git cat-file %s: %w", base, err)
		}
		for k, v := range got {
			old[strings.TrimPrefix(k, p.prefix)] = v
		}
	}
	return &source{ctx: ctx, proj: p, old: old, changes: changes, pf: pf}, nil
}

func (s *source) Old(path string) ([]byte, bool) {
	b, ok := s.old[path]
	return b, ok
}

func (s *source) New(path string) ([]byte, error) {
	return os.ReadFile(filepath.Join(s.proj.root, filepath.FromSlash(path)))
}

func (s *source) StateNames() map[string]bool {
	<-s.pf.done
	if s.pf.index == nil {
		return nil
	}
	return s.pf.index.StateNames()
}

func (s *source) Files() ([]string, error) {
	<-s.pf.done
	return s.pf.files, s.pf.err
}

// projectFiles lists the project's files and indexes the strings of its
// Python files, in the background from the start of a selection: both are
// needed late, and cost a git process and a stat per file.
type projectFiles struct {
	done  chan struct{}
	files []string // project-relative
	err   error
	index *pystrings.Index
}

func startProjectFiles(ctx context.Context, p *project) *projectFiles {
	pf := &projectFiles{done: make(chan struct{})}
	go func() {
		defer close(pf.done)
		all, err := p.repo.Files(ctx)
		if err != nil {
			pf.err = fmt.Errorf("list project files: %w", err)
			return
		}
		var py []string
		for _, f := range all {
			if rel, ok := strings.CutPrefix(f, p.prefix); ok {
				pf.files = append(pf.files, rel)
				if strings.HasSuffix(rel, ".py") {
					py = append(py, rel)
				}
			}
		}
		pf.index = pystrings.Open(filepath.Join(p.cacheDir(), "strings.gob"), p.root, py, selector.StateNames, selector.StateNamesVersion)
	}()
	return pf
}

// Grep answers from the string index for the strings it covers (quoted
// dotted names, paths, process starts) and with git grep for the rest (a
// package name for `-m pkg`, which is rare).
func (s *source) Grep(fixed []string) ([]gitdiff.GrepHit, error) {
	<-s.pf.done
	if s.pf.err != nil {
		return nil, s.pf.err
	}
	var indexed, other []string
	for _, f := range fixed {
		if pystrings.Covers(f) {
			indexed = append(indexed, f)
		} else {
			other = append(other, f)
		}
	}
	var hits []gitdiff.GrepHit
	for _, h := range s.pf.index.Grep(indexed) {
		hits = append(hits, gitdiff.GrepHit{Path: h.Path, Line: h.Line})
	}
	if len(other) == 0 {
		return hits, nil
	}
	more, err := s.proj.repo.Grep(s.ctx, other, s.proj.prefix+"*.py")
	if err != nil {
		return nil, err
	}
	for _, h := range more {
		hits = append(hits, gitdiff.GrepHit{Path: strings.TrimPrefix(h.Path, s.proj.prefix), Line: h.Line})
	}
	for _, c := range s.changes {
		if c.Untracked && strings.HasSuffix(c.NewPath, ".py") && !strings.HasPrefix(c.NewPath, "../") {
			hits = append(hits, grepFile(s.proj.abs(c.NewPath), c.NewPath, other)...)
		}
	}
	return hits, nil
}

// grepFile finds the lines of one file that contain any of the strings.
func grepFile(name, rel string, needles []string) []gitdiff.GrepHit {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	var hits []gitdiff.GrepHit
	for i, line := range strings.Split(string(data), "\n") {
		for _, n := range needles {
			if strings.Contains(line, n) {
				hits = append(hits, gitdiff.GrepHit{Path: rel, Line: i + 1})
				break
			}
		}
	}
	return hits
}

// needsOld says which base-side contents the selector reads: Python
// source, the config files it compares table by table, and YAML outside
// .github/ (a CI workflow moved or removed is known by its contents).
func needsOld(p string) bool {
	switch {
	case strings.HasSuffix(p, ".py") || isConfigFile(p):
		return true
	case strings.HasSuffix(p, ".yaml") || strings.HasSuffix(p, ".yml"):
		return !strings.HasPrefix(p, ".github/")
	}
	return false
}
