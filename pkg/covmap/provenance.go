package covmap

import (
	"github.com/impacted/impacted/pkg/atomicfile"

	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sync"
	"time"
)

// Provenance is what `impacted map build` records with a map; stored in the JSON under the top-level key "impacted",
// and for a SQLite map in a sidecar file PATH + ".impacted.json".
type Provenance struct {
	Schema       int    `json:"schema"`                     // 1
	Version      string `json:"impacted_version,omitempty"` // the impacted that built the map, for bug reports
	Commit       string `json:"commit"`
	Dirty        bool   `json:"dirty"`
	Python       string `json:"python"`
	Pytest       string `json:"pytest"`
	Coverage     string `json:"coverage"`
	Collector    string `json:"collector,omitempty"` // sysmon or coverage; "" before it was recorded
	UVLockSHA256 string `json:"uv_lock_sha256"`
	// Dists is the environment the map was built in: every installed
	// distribution's version, by normalised name. Nil when the map predates
	// it or the project has no environment impacted can read.
	Dists       map[string]string     `json:"dists,omitempty"`
	BuiltAt     time.Time             `json:"built_at"`
	UpdatedFrom string                `json:"updated_from,omitempty"` // the commit `map update` carried the map from
	Tests       map[string]TestRecord `json:"tests"`
	// FixturesRecorded: every test's Requested was recorded, so a fixture
	// name nobody's record holds is requested by no test of the map.
	FixturesRecorded bool `json:"fixtures_recorded,omitempty"`
	// Preloaded are the project's modules pytest had imported before any
	// collector started (pytest's own dependencies: pluggy, packaging):
	// what pytest ran of them first is in no test's record.
	Preloaded []string `json:"preloaded,omitempty"`
	// Shard is set on a map recorded by one shard of a split build: it
	// holds only that shard's tests, and is usable only merged.
	Shard *ShardRecord `json:"shard,omitempty"`
}

// ShardRecord says which part of a split build a map holds.
type ShardRecord struct {
	K int `json:"k"`
	N int `json:"n"`
	// Split names the split: a hash of every shard's test list, or "hash"
	// when no earlier map placed the tests. Parts of one build agree on it.
	Split string `json:"split"`
}

// TestRecord is how one test ended while the map was recorded.
type TestRecord struct {
	Outcome   string   `json:"outcome"`                  // passed, failed, skipped, error
	DurationS float64  `json:"duration_s"`               //
	Fixtures  []string `json:"broad_fixtures,omitempty"` // non-function-scoped fixtures the test used
	// Requested names the function-scoped fixtures in the test's closure;
	// meaningful where the map's FixturesRecorded says they were recorded.
	Requested []string `json:"fixtures,omitempty"`
}

// SidecarPath is where a SQLite map's provenance lives.
func SidecarPath(mapPath string) string { return mapPath + ".impacted.json" }

// provenanceSource holds a map's provenance undecoded: decoding thousands of
// test records would cost more than a cached load, and most selections never
// look at them.
type provenanceSource struct {
	raw     []byte // the JSON value, from the map or the cache
	sidecar string // read on demand for SQLite maps
	once    sync.Once
	val     *Provenance
	err     error
}

// Provenance returns what `impacted map build` recorded with the map, or nil
// when it carries none or it cannot be read (see LoadProvenance).
func (m *Map) Provenance() *Provenance {
	p, _ := m.LoadProvenance()
	return p
}

// LoadProvenance is Provenance with the reason a recorded provenance could
// not be read; (nil, nil) means the map carries none.
func (m *Map) LoadProvenance() (*Provenance, error) {
	ps := &m.prov
	ps.once.Do(func() { ps.val, ps.err = ps.decode() })
	return ps.val, ps.err
}

func (ps *provenanceSource) decode() (*Provenance, error) {
	raw, from := ps.raw, "the map's \"impacted\" key"
	if ps.sidecar != "" {
		b, err := os.ReadFile(ps.sidecar)
		if errors.Is(err, fs.ErrNotExist) {
			return nil, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read map provenance: %w", err)
		}
		raw, from = b, ps.sidecar
	}
	if len(raw) == 0 || string(raw) == "null" {
		return nil, nil
	}
	var p Provenance
	if err := json.Unmarshal(raw, &p); err != nil {
		return nil, fmt.Errorf("decode map provenance in %s: %w", from, err)
	}
	return &p, nil
}

// WriteSidecar records prov next to a SQLite map at mapPath, atomically.
func WriteSidecar(mapPath string, prov *Provenance) error {
	b, err := json.MarshalIndent(prov, "", "  ")
	if err != nil {
		return fmt.Errorf("encode map provenance: %w", err)
	}
	return atomicfile.WriteFunc(SidecarPath(mapPath), func(w *os.File) error {
		_, err := w.Write(append(b, '\n'))
		return err
	})
}
