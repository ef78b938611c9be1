package covmap

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"os"
)

// CollectedFormat names the per-process files impacted's sysmon collector
// writes (pkg/pytestplugin/impacted_sysmon.py): one JSON header line,
//
//	{"format": "impacted-sysmon/3", "files": [PATH, ...],
//	 "code_ids": [ID, ...], "code_files": [FILE, ...],
//	 "contexts": [CONTEXT, ...], "firsts": [FIRST_PAIR, ...], "pairs": N,
//	 "imports":  {PATH: {MODULE: [LINE, ...]}}}
//
// then the hits raw: N little-endian uint64 code ids, then N uint32 line
// numbers. A code id is the id() of a code object in that process; code_ids
// and code_files pair each with its file (an index into files), so the
// collector never maps a million hits itself (each id() costs it an int).
// Pair i belongs to the last context whose FIRST_PAIR is <= i; pairs may
// repeat. CONTEXT is spelled as pytest-cov's (`NODEID|setup`, `|run`,
// `|teardown`, "" for import time); PATH and MODULE are project-relative.
// Raw hits cost the collector little to write, where nested JSON cost it
// most of a second on a suite of 2000 short tests, and this reader as much
// again.
const CollectedFormat = "impacted-sysmon/3"

type collectedHeader struct {
	Format    string   `json:"format"`
	Files     []string `json:"files"`
	CodeIDs   []uint64 `json:"code_ids"`
	CodeFiles []uint32 `json:"code_files"`
	Contexts  []string `json:"contexts"`
	Firsts    []int    `json:"firsts"`
	Pairs     int      `json:"pairs"`
	Imports   Imports  `json:"imports"`
}

// LoadCollected merges the collector's files (one per pytest process: the
// controller and every xdist worker) into one map, with its import contexts.
func LoadCollected(files []string) (*Map, error) {
	b := newBuilder()
	t := newHitTable()
	imports := Imports{}
	for _, name := range files {
		if err := readCollected(name, b, t, imports); err != nil {
			return nil, err
		}
	}
	if len(t.hit) == 0 {
		return nil, fmt.Errorf("the collector measured no files (is the code under the project, and not in the venv?)")
	}
	m, err := t.build(b, "sysmon")
	if err != nil {
		return nil, err
	}
	if err := m.setImports(imports); err != nil {
		return nil, err
	}
	return m, nil
}

// readCollected adds one process's hits to t, keyed by b's context keys.
func readCollected(name string, b *builder, t *hitTable, imports Imports) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read collector data: %w", err)
	}
	h, body, err := decodeCollected(data)
	if err != nil {
		return fmt.Errorf("read collector data %s: %w", name, err)
	}
	fileOf, err := codeFiles(h, t)
	if err != nil {
		return fmt.Errorf("read collector data %s: %w", name, err)
	}
	codes, lines := body[:8*h.Pairs], body[8*h.Pairs:]
	t.grow(h.Pairs)
	for i, ctx := range h.Contexts {
		end := h.Pairs
		if i+1 < len(h.Firsts) {
			end = h.Firsts[i+1]
		}
		if end == h.Firsts[i] {
			continue // a test phase that ran no measured line is not in the map, as with pytest-cov
		}
		key, err := b.contextKey([]byte(ctx))
		if err != nil {
			return err
		}
		last, file := ^uint64(0), uint32(0) // consecutive hits are mostly one function's
		for p := h.Firsts[i]; p < end; p++ {
			if id := binary.LittleEndian.Uint64(codes[8*p:]); id != last {
				f, ok := fileOf[id]
				if !ok {
					return fmt.Errorf("read collector data %s: code id %d of pair %d is not in the header", name, id, p)
				}
				last, file = id, f
			}
			t.add(file, binary.LittleEndian.Uint32(lines[4*p:]), key)
		}
	}
	mergeImports(imports, h.Imports)
	return nil
}

// codeFiles maps the process's code ids to t's file indexes.
func codeFiles(h *collectedHeader, t *hitTable) (map[uint64]uint32, error) {
	if len(h.CodeIDs) != len(h.CodeFiles) {
		return nil, fmt.Errorf("%d code ids for %d code files", len(h.CodeIDs), len(h.CodeFiles))
	}
	fileOf := make(map[uint64]uint32, len(h.CodeIDs))
	for i, id := range h.CodeIDs {
		f := h.CodeFiles[i]
		if int(f) >= len(h.Files) {
			return nil, fmt.Errorf("file index %d of %d files", f, len(h.Files))
		}
		fileOf[id] = t.file(h.Files[f])
	}
	return fileOf, nil
}

// decodeCollected checks the header and returns it with the raw hits.
func decodeCollected(data []byte) (*collectedHeader, []byte, error) {
	nl := bytes.IndexByte(data, '\n')
	if nl < 0 {
		nl = len(data) // an older plugin's JSON: say which format it is
	}
	var h collectedHeader
	if err := json.Unmarshal(data[:nl], &h); err != nil || h.Format != CollectedFormat {
		return nil, nil, fmt.Errorf("format %q, want %q (a plugin of another impacted version?)", h.Format, CollectedFormat)
	}
	body := data[min(nl+1, len(data)):]
	if h.Pairs < 0 || len(body) != 12*h.Pairs {
		return nil, nil, fmt.Errorf("%d bytes of hits for %d pairs: truncated", len(body), h.Pairs)
	}
	if len(h.Contexts) != len(h.Firsts) {
		return nil, nil, fmt.Errorf("%d contexts for %d first pairs", len(h.Contexts), len(h.Firsts))
	}
	for i, first := range h.Firsts {
		if first < 0 || first > h.Pairs || i > 0 && first < h.Firsts[i-1] {
			return nil, nil, fmt.Errorf("context %d starts at pair %d of %d", i, first, h.Pairs)
		}
	}
	if len(h.Firsts) > 0 && h.Firsts[0] != 0 {
		return nil, nil, fmt.Errorf("the first context starts at pair %d, not 0", h.Firsts[0])
	}
	return &h, body, nil
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
