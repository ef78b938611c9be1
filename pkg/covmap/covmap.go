// Package covmap loads a per-test coverage map recorded by pytest-cov
// (`--cov-context=test`) into a compact, read-only index that answers "which
// tests executed these lines?".
//
// Two inputs are understood: the JSON written by `coverage json
// --show-contexts` and coverage.py's own SQLite data file (`.coverage`). Both
// are reduced to the same index: per measured file, the executed lines in
// ascending order, each pointing into a per-file table of distinct sets of
// (test, phase) pairs, because neighbouring lines are usually run by exactly
// the same tests. A binary copy of the index can be cached so a repeated
// selection never parses the map again.
package covmap

import (
	"errors"
	"fmt"
	"sort"
	"sync"
)

// TestID indexes Map.Tests; IDs are dense and follow the sorted node ids.
type TestID uint32

// Phase says when a line ran relative to a test, as a bit set so the phases
// seen over a range of lines can be OR-ed together.
type Phase uint8

const (
	// PhaseImport is the empty context: import or collection time.
	PhaseImport Phase = 1 << iota
	// PhaseSetup is a test's fixture setup (`NODEID|setup`).
	PhaseSetup
	// PhaseRun is the test body (`NODEID|run`, or a context without suffix).
	PhaseRun
	// PhaseTeardown is a test's fixture teardown (`NODEID|teardown`).
	PhaseTeardown
)

// Options tunes Load.
type Options struct {
	// CacheDir, when non-empty, keeps a compact binary index of each map there, keyed by the map's
	// absolute path, size, mtime and a cheap content fingerprint; "" disables the cache.
	CacheDir string
}

// ErrNoContexts reports a map recorded without per-test contexts, which
// cannot drive a selection.
var ErrNoContexts = errors.New("coverage map has no per-test contexts: record it with `pytest --cov-context=test` and export it with `coverage json --show-contexts`, or rebuild it with `impacted map build`")

// FormatError reports a map that is corrupt, truncated, empty or not a
// coverage map at all.
type FormatError struct{ Path, Reason string }

// Error says what is wrong and how to get a usable map again.
func (e *FormatError) Error() string {
	return fmt.Sprintf("coverage map %s is not usable: %s; rebuild it with `impacted map build`", e.Path, e.Reason)
}

// Map is a loaded coverage map. It is safe for concurrent use.
type Map struct {
	tests  []string
	paths  []string
	source string

	mu    sync.Mutex
	files []*File    // nil entries are decoded on demand from lazy
	lazy  *cacheView // non-nil when the map came from the cache

	prov     provenanceSource
	imports  importSource
	cacheErr error
}

// Tests returns the node ids (phase suffix stripped), sorted; the index of a
// node id is its TestID. The slice must not be modified.
func (m *Map) Tests() []string { return m.tests }

// Paths returns the measured file paths exactly as recorded, sorted. The
// slice must not be modified.
func (m *Map) Paths() []string { return m.paths }

// Source tells where this load came from: "json", "sqlite" or "cache".
func (m *Map) Source() string { return m.source }

// File returns the coverage of one measured file, looked up by its path
// exactly as recorded (see Paths).
func (m *Map) File(path string) (*File, bool) {
	i := sort.SearchStrings(m.paths, path)
	if i == len(m.paths) || m.paths[i] != path {
		return nil, false
	}
	return m.fileAt(i), true
}

// fileAt returns the i-th file, decoding it from the cache on first use.
func (m *Map) fileAt(i int) *File {
	m.mu.Lock()
	defer m.mu.Unlock()
	if f := m.files[i]; f != nil {
		return f
	}
	f := m.lazy.file(i, m.paths[i])
	m.files[i] = f
	return f
}

// String names the phases in p, for messages and tests.
func (p Phase) String() string {
	names := []string{"import", "setup", "run", "teardown"}
	s := ""
	for i, n := range names {
		if p&(1<<i) != 0 {
			if s != "" {
				s += "|"
			}
			s += n
		}
	}
	if s == "" {
		return "none"
	}
	return s
}
