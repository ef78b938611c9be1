package covmap

import (
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
)

// CollectedFormat names the per-process files impacted's sysmon collector
// writes (pkg/pytestplugin/impacted_sysmon.py):
//
//	{"format": "impacted-sysmon/1",
//	 "contexts": {CONTEXT: {PATH: [LINE, ...]}},
//	 "imports":  {PATH: {MODULE: [LINE, ...]}}}
//
// CONTEXT is spelled as pytest-cov's (`NODEID|setup`, `|run`, `|teardown`,
// "" for import time); PATH and MODULE are project-relative.
const CollectedFormat = "impacted-sysmon/1"

type collected struct {
	Format   string                      `json:"format"`
	Contexts map[string]map[string][]int `json:"contexts"`
	Imports  Imports                     `json:"imports"`
}

// LoadCollected merges the collector's files (one per pytest process: the
// controller and every xdist worker) into one map, with its import contexts.
func LoadCollected(files []string) (*Map, error) {
	lines := map[string]map[int][]string{} // path -> line -> contexts
	imports := Imports{}
	for _, name := range files {
		c, err := readCollected(name)
		if err != nil {
			return nil, err
		}
		for ctx, byPath := range c.Contexts {
			for path, ls := range byPath {
				if lines[path] == nil {
					lines[path] = map[int][]string{}
				}
				for _, l := range ls {
					lines[path][l] = append(lines[path][l], ctx)
				}
			}
		}
		mergeImports(imports, c.Imports)
	}
	if len(lines) == 0 {
		return nil, fmt.Errorf("the collector measured no files (is the code under the project, and not in the venv?)")
	}
	m, err := buildCollected(lines)
	if err != nil {
		return nil, err
	}
	if err := m.setImports(imports); err != nil {
		return nil, err
	}
	return m, nil
}

func readCollected(name string) (*collected, error) {
	data, err := os.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read collector data: %w", err)
	}
	var c collected
	if err := json.Unmarshal(data, &c); err != nil {
		return nil, fmt.Errorf("read collector data %s: %w", name, err)
	}
	if c.Format != CollectedFormat {
		return nil, fmt.Errorf("collector data %s has format %q, want %q (a plugin of another impacted version?)", name, c.Format, CollectedFormat)
	}
	return &c, nil
}

func mergeImports(into, from Imports) {
	for path, mods := range from {
		if into[path] == nil {
			into[path] = map[string][]int{}
		}
		for mod, ls := range mods {
			into[path][mod] = append(into[path][mod], ls...)
		}
	}
}

// buildCollected feeds path -> line -> contexts through the builder.
func buildCollected(lines map[string]map[int][]string) (*Map, error) {
	b := newBuilder()
	var keys []uint32
	for _, path := range slices.Sorted(maps.Keys(lines)) {
		b.beginFile(path)
		byLine := lines[path]
		for _, l := range slices.Sorted(maps.Keys(byLine)) {
			keys = keys[:0]
			for _, ctx := range byLine[l] {
				k, err := b.contextKey([]byte(ctx))
				if err != nil {
					return nil, err
				}
				keys = append(keys, k)
			}
			b.addLine(uint32(l), b.addSet(keys))
		}
		if err := b.endFile(); err != nil {
			return nil, err
		}
	}
	return b.finish("sysmon")
}
