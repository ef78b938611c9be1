package covmap

import (
	"encoding/json"
	"slices"
	"sort"
	"sync"
)

// ImportsKey is the top-level key of a JSON map that holds its import
// contexts: {FILE: {MODULE: [LINE, ...]}}, where MODULE is the project-
// relative path of the module whose top-level execution ran those lines of
// FILE at import or collection time (the innermost project `<module>`
// frame), else of the test file pytest was collecting, else SessionModule. Only
// impacted's sysmon collector records it; the lines keep their empty ("")
// context too, so coverage.py readers and the ADR's scripts see the same
// report as from pytest-cov.
const ImportsKey = "impacted_imports"

// SessionModule is the MODULE of lines run outside any project module's
// top level and any file's collection: pytest's start, plugins, conftest
// hooks such as pytest_collection_modifyitems. Such code reaches every test.
const SessionModule = "<session>"

// Imports is the decoded form of ImportsKey.
type Imports map[string]map[string][]int

// importSource holds the import contexts undecoded until first asked for:
// most selections never need them.
type importSource struct {
	raw  []byte
	once sync.Once
	val  Imports
}

func (s *importSource) get() Imports {
	s.once.Do(func() {
		if len(s.raw) == 0 || string(s.raw) == "null" {
			return
		}
		var v Imports
		if json.Unmarshal(s.raw, &v) == nil {
			s.val = v
		}
	})
	return s.val
}

// HasImports reports whether the map records import contexts. Without them
// (coverage.py maps) Importers returns nil, which means unknown, not none.
func (m *Map) HasImports() bool { return len(m.imports.raw) > 0 && string(m.imports.raw) != "null" }

// Importers returns, sorted, the modules (project-relative paths) whose
// top-level execution ran any line of path (spelled as in Paths) in
// [lo, hi] at import or collection time.
func (m *Map) Importers(path string, lo, hi int) []string {
	var out []string
	for mod, lines := range m.imports.get()[path] {
		i := sort.SearchInts(lines, lo)
		if i < len(lines) && lines[i] <= hi {
			out = append(out, mod)
		}
	}
	slices.Sort(out)
	return out
}

// ImportContexts returns the decoded import contexts (nil when the map has
// none); the value must not be modified.
func (m *Map) ImportContexts() Imports { return m.imports.get() }

// setImports attaches import contexts, normalised (lines sorted, unique).
func (m *Map) setImports(v Imports) error {
	if len(v) == 0 {
		return nil
	}
	for _, mods := range v {
		for mod, lines := range mods {
			slices.Sort(lines)
			mods[mod] = slices.Compact(lines)
		}
	}
	raw, err := json.Marshal(v) // map keys come out sorted
	if err != nil {
		return err
	}
	m.imports = importSource{raw: raw}
	return nil
}
