package covmap

import (
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// TestSyntheticMap runs every load path over a generated map bigger than the
// hand-written ones: JSON, SQLite written from it, the cache, WriteJSON.
func TestSyntheticMap(t *testing.T) {
	dir := t.TempDir()
	js := filepath.Join(dir, "cov.json")
	cmd := exec.Command("python3", scriptPath("gen_synthetic_map.py"), "--tests", "600", "--modules", "50", "--out", js)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("generator: %v\n%s", err, out)
	}
	m := mustLoad(t, js)
	if len(m.Tests()) != 600 || len(m.Paths()) != 50 {
		t.Fatalf("%d tests, %d paths; want 600, 50", len(m.Tests()), len(m.Paths()))
	}
	want := dump(m)
	db := filepath.Join(dir, ".coverage")
	writeCoverageSQLite(t, db, m, false)
	if got := dump(mustLoad(t, db)); got != want {
		t.Fatal("SQLite copy of the synthetic map differs")
	}
	out := filepath.Join(dir, "out.json")
	if err := WriteJSON(out, m, nil); err != nil {
		t.Fatal(err)
	}
	if got := dump(mustLoad(t, out)); got != want {
		t.Fatal("WriteJSON copy of the synthetic map differs")
	}
	cache := filepath.Join(dir, "cache")
	loadCached(t, js, cache, "json")
	if got := dumpConcurrently(t, loadCached(t, js, cache, "cache")); got != want {
		t.Fatal("cached synthetic map differs")
	}
}

// dumpConcurrently decodes every file of a lazily loaded map from several
// goroutines at once (run with -race), then dumps it.
func dumpConcurrently(t *testing.T, m *Map) string {
	var wg sync.WaitGroup
	for range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, p := range m.Paths() {
				if f, ok := m.File(p); !ok || f.Path() != p {
					t.Errorf("File(%q) = %v, %v", p, f, ok)
				}
			}
		}()
	}
	wg.Wait()
	return dump(m)
}

// TestBaselineSelector checks the Python baseline against the generator's
// own count of the tests its edits impact.
func TestBaselineSelector(t *testing.T) {
	repo := filepath.Join(t.TempDir(), "repo")
	js := filepath.Join(repo, ".cache", "coverage.json")
	gen := exec.Command("python3", scriptPath("gen_synthetic_map.py"), "--tests", "400", "--modules", "60", "--out", js, "--repo", repo)
	genOut, err := gen.CombinedOutput()
	if err != nil {
		t.Fatalf("generator: %v\n%s", err, genOut)
	}
	want := regexp.MustCompile(`expected impacted tests: (\d+)`).FindSubmatch(genOut)
	abs, _ := filepath.Abs(scriptPath("impacted_cov.py"))
	sel := exec.Command("python3", abs, "--base", "HEAD", "--map", js, "--verbose")
	sel.Dir = repo
	var stderr strings.Builder
	sel.Stderr = &stderr
	stdout, err := sel.Output()
	if err != nil || want == nil {
		t.Fatalf("baseline: %v\n%s\ngenerator said: %s", err, stderr.String(), genOut)
	}
	got := strings.Fields(string(stdout))
	if n := string(want[1]); len(got) == 0 || n != strconv.Itoa(len(got)) {
		t.Fatalf("baseline selected %d tests, generator expected %s\n%s", len(got), n, stderr.String())
	}
	if !strings.Contains(stderr.String(), "impacted_count=") || !strings.Contains(stderr.String(), "fallback_reason=none") {
		t.Errorf("--verbose metrics missing: %q", stderr.String())
	}
}
