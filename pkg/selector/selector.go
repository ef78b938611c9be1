// Package selector decides which pytest tests a change can break.
//
// It is policy only: the coverage map, the diff and the Python structure of
// each changed file come in as plain values, and a Selection comes out. Every
// decision to run more than the map strictly proves is recorded as a note,
// and every decision to run the whole suite as a named fallback reason, so a
// user can always see why a test ran.
//
// The rules, from narrowest to widest:
//   - comment, blank-line and whitespace-only edits select nothing;
//   - an edit confined to function bodies selects the tests that ran those
//     functions (by the map), widened when the function runs at import time,
//     inside a non-function-scoped fixture, or behind a cache;
//   - import-time code (module-level statements, class bodies, decorators,
//     added or removed definitions) selects every test whose module imports
//     the changed module, directly or transitively, plus the tests that ran
//     any code of those modules (which catches dynamic imports);
//   - test files select their own changed tests, or the whole file;
//   - conftest.py files select the tests below their directory;
//   - data files select as a change of the code that names them by path;
//   - pyproject.toml, setup.cfg and tox.ini select by table, uv.lock by
//     distribution (the code importing what changed);
//   - pytest configuration, pytest plugins and anything unexplained run
//     everything.
package selector

import (
	"fmt"
	"sort"
	"strings"

	"github.com/impacted/impacted/pkg/pytestplugin"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/lockdiff"
)

// Source reads project files. Paths are project-relative and slash-separated.
type Source interface {
	// Old returns a file's content on the side of the diff the map was built on.
	Old(path string) ([]byte, bool)
	// New returns a file's content in the working tree.
	New(path string) ([]byte, error)
	// Files lists the project's files in the working tree.
	Files() ([]string, error)
	// Grep finds the working-tree lines of the project's Python files
	// that contain any of the strings.
	Grep(fixed []string) ([]gitdiff.GrepHit, error)
	// StateNames returns the names that the project's stateful functions
	// use (see StateNames), or nil when they cannot be known.
	StateNames() map[string]bool
}

// Input is everything one selection needs.
type Input struct {
	// Changes are project-relative (see Relativize).
	Changes     []gitdiff.Change
	Source      Source
	Map         *covmap.Map
	Rules       config.Rules
	StrictPaths bool
	// Root is the project's absolute path, used to relate absolute map paths.
	Root string
	// Env is the project's environment, nil when it has none.
	Env Env
	// EnvDrift lists the installed distributions that differ from the
	// environment the map was built in (see distinfo.Drift); EnvRecorded
	// says whether the map recorded that environment at all.
	EnvDrift    []lockdiff.Changed
	EnvRecorded bool
	// CoverageRuns: the environment turns coverage on in every test run
	// (PYTEST_ADDOPTS=--cov..., COVERAGE_PROCESS_START).
	CoverageRuns bool
	// PytestArgs: what the run hands pytest besides the selection
	// (PYTEST_ADDOPTS, PYTEST_ARGS, arguments after --), which may turn a
	// plugin on (`--typeguard-packages`).
	PytestArgs []string
	// Explain fills Selection.Why (at some cost: for `impacted explain`).
	Explain bool
}

// Selection is the outcome. When Fallback is set the whole suite must run
// and the other fields say what the selector had found before giving up.
type Selection struct {
	IDs   []string // exact node ids from the map
	Bases []string // node ids without parameters: every parametrization runs
	Files []string // test files whose every test runs
	// Known lists, for each base of an exact id, the parametrizations the map
	// knows, so that a runner can also run parametrizations the map never saw.
	Known    map[string][]string
	Fallback string
	Impacted int // tests of the map the selection runs
	Total    int // tests in the map
	Notes    []string
	// Why says, when Input.Explain is set, what added each node id, base
	// and file (see Why).
	Why map[string]Why
}

// P is the share of the map that the selection runs.
func (s *Selection) P() float64 {
	if s.Total == 0 {
		return 0
	}
	return float64(s.Impacted) / float64(s.Total)
}

// Empty reports whether the selection runs nothing.
func (s *Selection) Empty() bool {
	return len(s.IDs) == 0 && len(s.Bases) == 0 && len(s.Files) == 0
}

// Args returns the selection as pytest arguments, one per line of the
// node-id file: whole files first, then bases, then exact ids, with nothing
// that another argument already covers.
func (s *Selection) Args() []string {
	out := append([]string{}, s.Files...)
	out = append(out, s.Bases...)
	return append(out, s.IDs...)
}

// Select computes the selection for in.
func Select(in Input) Selection {
	s := newState(in)
	s.previouslyFailed()
	s.envDrift()
	for i, ch := range in.Changes {
		if s.fallback != "" {
			break
		}
		s.whyChange(i)
		s.change(ch)
	}
	if s.fallback == "" {
		s.settleUses()
	}
	if !s.full() {
		s.namedInStrings()
	}
	if s.fallback == "" {
		s.uncollected()
	}
	return s.result()
}

func (s *state) fail(reason string, detail string) {
	if s.fallback == "" {
		s.fallback = reason + ":" + detail
	}
}

// note records a decision once: many names can lead to the same one.
func (s *state) note(format string, args ...any) {
	n := fmt.Sprintf(format, args...)
	s.whyNote(n)
	if !s.noted[n] {
		s.noted[n] = true
		s.notes = append(s.notes, n)
	}
}

func (s *state) result() Selection {
	s.groupParametrizations()
	sel := Selection{Fallback: s.fallback, Notes: s.notes, Total: len(s.tests), Known: map[string][]string{}, Why: s.whyResult()}
	for f := range s.files {
		sel.Files = append(sel.Files, f)
	}
	for b := range s.bases {
		if !s.files[fileOf(b)] {
			sel.Bases = append(sel.Bases, b)
		}
	}
	covered := func(n string) bool { return s.files[fileOf(n)] || s.bases[pytestplugin.NodeBase(n)] }
	for id := range s.ids {
		n := s.tests[id]
		if covered(n) {
			continue
		}
		sel.IDs = append(sel.IDs, n)
		if b := pytestplugin.NodeBase(n); b != n {
			sel.Known[b] = s.variants(b)
		}
	}
	if len(s.files) == 0 && len(s.bases) == 0 {
		sel.Impacted = len(sel.IDs)
	} else {
		for id, n := range s.tests {
			if s.ids[covmap.TestID(id)] || covered(n) {
				sel.Impacted++
			}
		}
	}
	sort.Strings(sel.Files)
	sort.Strings(sel.Bases)
	sort.Strings(sel.IDs)
	if sel.Fallback == "" && sel.Total > 0 && sel.P() > s.in.Rules.Threshold {
		sel.Fallback = fmt.Sprintf("threshold:p=%.2f>%.2f", sel.P(), s.in.Rules.Threshold)
	}
	return sel
}

// fileOf returns the file part of a node id.
func fileOf(nodeid string) string {
	if i := strings.Index(nodeid, "::"); i >= 0 {
		return nodeid[:i]
	}
	return nodeid
}

// previouslyFailed selects the tests that did not pass when the map was
// built: their coverage is partial, and a user fixing them wants them run.
func (s *state) previouslyFailed() {
	if s.in.Map == nil {
		return
	}
	prov := s.in.Map.Provenance()
	if prov == nil {
		return
	}
	for name, rec := range prov.Tests {
		if rec.Outcome == "failed" || rec.Outcome == "error" {
			s.note("%s: %s when the map was built", name, rec.Outcome)
			if !strings.Contains(name, "::") {
				s.files[name] = true // a file that failed to collect
				continue
			}
			s.addNode(name)
		}
	}
}

// Relativize makes git-root-relative changes relative to the project,
// which sits at prefix inside the repository ("" or "dir/sub/"). A path
// outside the project gets a "../" mark so the rules can tell.
func Relativize(changes []gitdiff.Change, prefix string) []gitdiff.Change {
	if prefix == "" {
		return changes
	}
	rel := func(p string) string {
		if p == "" {
			return ""
		}
		if strings.HasPrefix(p, prefix) {
			return strings.TrimPrefix(p, prefix)
		}
		return "../" + p
	}
	out := make([]gitdiff.Change, len(changes))
	for i, ch := range changes {
		ch.OldPath, ch.NewPath = rel(ch.OldPath), rel(ch.NewPath)
		out[i] = ch
	}
	return out
}
