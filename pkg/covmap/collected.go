package covmap

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"slices"
)

// CollectedFormat names the per-process files impacted's sysmon collector
// writes (pkg/pytestplugin/impacted_sysmon.py): one JSON header line,
//
//	{"format": "impacted-sysmon/2", "files": [PATH, ...],
//	 "segments": [[CONTEXT, FIRST_PAIR], ...], "pairs": N,
//	 "imports":  {PATH: {MODULE: [LINE, ...]}}}
//
// then the hits raw: N little-endian uint32 file indexes (into files), then
// N uint32 line numbers. Pair i belongs to the last segment whose
// FIRST_PAIR is <= i; pairs may repeat. CONTEXT is spelled as pytest-cov's
// (`NODEID|setup`, `|run`, `|teardown`, "" for import time); PATH and
// MODULE are project-relative. Raw hits cost the collector nothing to
// write, where nested JSON cost it most of a second on a suite of 2000
// short tests, and this reader as much again.
const CollectedFormat = "impacted-sysmon/2"

type collectedHeader struct {
	Format   string    `json:"format"`
	Files    []string  `json:"files"`
	Segments []segment `json:"segments"`
	Pairs    int       `json:"pairs"`
	Imports  Imports   `json:"imports"`
}

// segment is [CONTEXT, FIRST_PAIR].
type segment struct {
	Context string
	First   int
}

func (s *segment) UnmarshalJSON(data []byte) error {
	var raw [2]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if err := json.Unmarshal(raw[0], &s.Context); err != nil {
		return err
	}
	return json.Unmarshal(raw[1], &s.First)
}

// LoadCollected merges the collector's files (one per pytest process: the
// controller and every xdist worker) into one map, with its import contexts.
func LoadCollected(files []string) (*Map, error) {
	b := newBuilder()
	hits := map[string][]uint64{} // path -> line<<32 | context key, unsorted
	imports := Imports{}
	for _, name := range files {
		if err := readCollected(name, b, hits, imports); err != nil {
			return nil, err
		}
	}
	if len(hits) == 0 {
		return nil, fmt.Errorf("the collector measured no files (is the code under the project, and not in the venv?)")
	}
	m, err := buildHits(b, hits, "sysmon")
	if err != nil {
		return nil, err
	}
	if err := m.setImports(imports); err != nil {
		return nil, err
	}
	return m, nil
}

// readCollected adds one process's hits, keyed by b's context keys.
func readCollected(name string, b *builder, hits map[string][]uint64, imports Imports) error {
	data, err := os.ReadFile(name)
	if err != nil {
		return fmt.Errorf("read collector data: %w", err)
	}
	h, body, err := decodeCollected(data)
	if err != nil {
		return fmt.Errorf("read collector data %s: %w", name, err)
	}
	files, lines := body[:4*h.Pairs], body[4*h.Pairs:]
	per := make([][]uint64, len(h.Files))
	for i, s := range h.Segments {
		end := h.Pairs
		if i+1 < len(h.Segments) {
			end = h.Segments[i+1].First
		}
		if end == s.First {
			continue // a test phase that ran no measured line is not in the map, as with pytest-cov
		}
		key, err := b.contextKey([]byte(s.Context))
		if err != nil {
			return err
		}
		for p := s.First; p < end; p++ {
			f := binary.LittleEndian.Uint32(files[4*p:])
			if int(f) >= len(per) {
				return fmt.Errorf("read collector data %s: file index %d of %d files", name, f, len(per))
			}
			per[f] = append(per[f], uint64(binary.LittleEndian.Uint32(lines[4*p:]))<<32|uint64(key))
		}
	}
	for f, path := range h.Files {
		if len(per[f]) > 0 {
			hits[path] = append(hits[path], per[f]...)
		}
	}
	mergeImports(imports, h.Imports)
	return nil
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
	if h.Pairs < 0 || len(body) != 8*h.Pairs {
		return nil, nil, fmt.Errorf("%d bytes of hits for %d pairs: truncated", len(body), h.Pairs)
	}
	for i, s := range h.Segments {
		if s.First < 0 || s.First > h.Pairs || i > 0 && s.First < h.Segments[i-1].First {
			return nil, nil, fmt.Errorf("segment %d starts at pair %d of %d", i, s.First, h.Pairs)
		}
	}
	if len(h.Segments) > 0 && h.Segments[0].First != 0 {
		return nil, nil, fmt.Errorf("the first segment starts at pair %d, not 0", h.Segments[0].First)
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

// buildHits feeds path -> (line<<32 | key) through the builder: sorted, a
// file's hits come out grouped by line.
func buildHits(b *builder, hits map[string][]uint64, source string) (*Map, error) {
	var keys []uint32
	for _, path := range slices.Sorted(maps.Keys(hits)) {
		hs := hits[path]
		slices.Sort(hs)
		b.beginFile(path)
		for i := 0; i < len(hs); {
			line := uint32(hs[i] >> 32)
			keys = keys[:0]
			for ; i < len(hs) && uint32(hs[i]>>32) == line; i++ {
				if k := uint32(hs[i]); len(keys) == 0 || keys[len(keys)-1] != k {
					keys = append(keys, k)
				}
			}
			b.addLine(line, b.addSet(keys))
		}
		if err := b.endFile(); err != nil {
			return nil, err
		}
	}
	return b.finish(source)
}
