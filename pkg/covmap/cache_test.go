package covmap

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const provJSON = `{"schema": 1, "commit": "abc123", "dirty": false, "python": "3.11.7", "pytest": "8.3.3",
 "coverage": "7.6.1", "uv_lock_sha256": "ff", "built_at": "2025-10-07T12:00:00Z",
 "tests": {"t.py::test_div": {"outcome": "passed", "duration_s": 0.5, "broad_fixtures": ["db"]}}}`

// withProv adds provenance to a report under the "impacted" key.
func withProv(doc string) string {
	return strings.TrimSuffix(strings.TrimSpace(doc), "}") + `, "impacted": ` + provJSON + "}"
}

// loadCached loads path with the cache in dir and checks where it came from.
func loadCached(t *testing.T, path, dir, wantSource string) *Map {
	t.Helper()
	m, err := Load(path, Options{CacheDir: dir})
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if m.Source() != wantSource || m.CacheError() != nil {
		t.Fatalf("Source() = %q, CacheError() = %v; want %q", m.Source(), m.CacheError(), wantSource)
	}
	return m
}

func TestCacheRoundTrip(t *testing.T) {
	mapPath, cache := writeFile(t, "coverage.json", withProv(format3)), filepath.Join(t.TempDir(), "c")
	cold := loadCached(t, mapPath, cache, "json")
	warm := loadCached(t, mapPath, cache, "cache")
	if dump(cold) != dump(warm) {
		t.Fatalf("cached map differs:\n%s\n---\n%s", dump(cold), dump(warm))
	}
	p := warm.Provenance()
	if p == nil || p.Commit != "abc123" || p.Tests["t.py::test_div"].Fixtures[0] != "db" ||
		!p.BuiltAt.Equal(time.Date(2025, 10, 7, 12, 0, 0, 0, time.UTC)) {
		t.Fatalf("Provenance() = %+v", p)
	}
	if entries, _ := os.ReadDir(filepath.Dir(mapPath)); len(entries) != 1 {
		t.Errorf("files next to the map: %v, want only the map", entries)
	}
	if _, ok := warm.File("pkg/nope.py"); ok {
		t.Error("File(unknown) found")
	}
}

func TestCacheCorruptionIsRebuilt(t *testing.T) {
	tests := []struct {
		name   string
		mangle func([]byte) []byte
	}{
		{"flipped body byte", func(b []byte) []byte { b[len(b)-3] ^= 0x40; return b }},
		{"flipped header byte", func(b []byte) []byte { b[52] ^= 1; return b }},
		{"truncated", func(b []byte) []byte { return b[:len(b)/2] }},
		{"header only", func(b []byte) []byte { return b[:headerLen] }},
		{"tiny", func(b []byte) []byte { return b[:5] }},
		{"empty", func(b []byte) []byte { return nil }},
		{"appended", func(b []byte) []byte { return append(b, 0, 0, 0, 0) }},
		{"garbage", func(b []byte) []byte { return []byte(strings.Repeat("garbage!", 50)) }},
		{"other version", func(b []byte) []byte { b[8]++; return b }},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mapPath, cache := writeFile(t, "coverage.json", format2), t.TempDir()
			want := dump(loadCached(t, mapPath, cache, "json"))
			files, _ := filepath.Glob(filepath.Join(cache, "*.idx"))
			if len(files) != 1 {
				t.Fatalf("cache files: %v", files)
			}
			b, _ := os.ReadFile(files[0])
			if err := os.WriteFile(files[0], tt.mangle(b), 0o644); err != nil {
				t.Fatal(err)
			}
			if got := dump(loadCached(t, mapPath, cache, "json")); got != want {
				t.Fatalf("rebuilt map differs:\n%s", got)
			}
			loadCached(t, mapPath, cache, "cache")
		})
	}
}

func TestCacheNoticesChangedMap(t *testing.T) {
	mapPath, cache := writeFile(t, "coverage.json", format2), t.TempDir()
	loadCached(t, mapPath, cache, "json")
	st, _ := os.Stat(mapPath)
	// Same size and mtime, different content: only the fingerprint can tell.
	changed := strings.Replace(format2, "test_div", "test_dvi", -1)
	if err := os.WriteFile(mapPath, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chtimes(mapPath, st.ModTime(), st.ModTime()); err != nil {
		t.Fatal(err)
	}
	m := loadCached(t, mapPath, cache, "json")
	if !strings.Contains(strings.Join(m.Tests(), " "), "test_dvi") {
		t.Fatalf("stale cache served: %q", m.Tests())
	}
	loadCached(t, mapPath, cache, "cache")
}

func TestCacheUnwritable(t *testing.T) {
	mapPath := writeFile(t, "coverage.json", format2)
	blocker := writeFile(t, "not-a-dir", "x") // a file where the directory should go
	m, err := Load(mapPath, Options{CacheDir: filepath.Join(blocker, "cache")})
	if err != nil {
		t.Fatalf("Load: %v; an unwritable cache must not fail the load", err)
	}
	if m.Source() != "json" || m.CacheError() == nil {
		t.Fatalf("Source() = %q, CacheError() = %v; want json and a cache error", m.Source(), m.CacheError())
	}
}
