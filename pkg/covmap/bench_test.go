package covmap

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// genSynthetic writes the 10,000-test / 1,500-module synthetic map with the
// project's generator, so the benchmark measures the same data as
// scripts/bench_select.py.
func genSynthetic(tb testing.TB, dir string, format string) string {
	tb.Helper()
	out := filepath.Join(dir, "cov"+format+".json")
	cmd := exec.Command("python3", scriptPath("gen_synthetic_map.py"),
		"--tests", "10000", "--modules", "1500", "--format", format, "--out", out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		tb.Fatalf("generate synthetic map: %v\n%s", err, msg)
	}
	return out
}

// lookups does what `impacted select` does after loading: a few File calls
// and a Range query on each.
func lookups(tb testing.TB, m *Map) {
	paths := m.Paths()
	for i := 0; i < 5; i++ {
		f, ok := m.File(paths[(i*397)%len(paths)])
		if !ok {
			tb.Fatal("file missing")
		}
		f.Range(10, 30)
	}
}

func BenchmarkLoad(b *testing.B) {
	dir := b.TempDir()
	js3, js2 := genSynthetic(b, dir, "3"), genSynthetic(b, dir, "2")
	m, err := Load(js3, Options{})
	if err != nil {
		b.Fatal(err)
	}
	db := filepath.Join(dir, ".coverage")
	writeCoverageSQLite(b, db, m, false)
	for _, c := range []struct{ name, path string }{{"json3-cold", js3}, {"json2-cold", js2}, {"sqlite-cold", db}} {
		b.Run(c.name, func(b *testing.B) {
			st, _ := os.Stat(c.path)
			b.SetBytes(st.Size())
			b.ReportAllocs()
			for b.Loop() {
				m, err := Load(c.path, Options{})
				if err != nil {
					b.Fatal(err)
				}
				lookups(b, m)
			}
		})
	}
	// The straightforward Go way, for a ratio measured in the same run.
	b.Run("json3-encoding-json-baseline", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			data, err := os.ReadFile(js3)
			if err != nil {
				b.Fatal(err)
			}
			var doc map[string]any
			if err := json.Unmarshal(data, &doc); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("json3-cached", func(b *testing.B) {
		cache := b.TempDir()
		if _, err := Load(js3, Options{CacheDir: cache}); err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		for b.Loop() {
			m, err := Load(js3, Options{CacheDir: cache})
			if err != nil || m.Source() != "cache" {
				b.Fatalf("cached load: %v %v", m, err)
			}
			lookups(b, m)
		}
	})
}
