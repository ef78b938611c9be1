package pystrings

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

func TestCoversMatchesCandidates(t *testing.T) {
	lines := []struct {
		text   string
		needle string
	}{
		{`    subprocess.run([sys.executable, "-m", "shop.cli"])`, `"-m"`},
		{`    subprocess.run([sys.executable, "-m", "shop.cli"])`, `"shop.cli`},
		{`monkeypatch.setattr('shop.clock.now', fake)`, `'shop.clock`},
		{`SCRIPT = "src/shop/cli.py"`, `shop/cli.py`},
		{`runpy.run_module("shop")`, `run_module(`},
		{`os.system("python -m shop.cli")`, `-m `},
	}
	for _, l := range lines {
		if !Covers(l.needle) {
			t.Errorf("Covers(%q) = false", l.needle)
		}
		if got := candidates([]byte(l.text)); len(got) != 1 {
			t.Errorf("candidates(%q) = %v, want the line", l.text, got)
		}
	}
	for _, n := range []string{`"shop"`, `'api'`, `plain`} {
		if Covers(n) {
			t.Errorf("Covers(%q) = true: no candidate line is kept for it", n)
		}
	}
	if got := candidates([]byte("x = 1\ny = compute(a, b)\n# no strings here\n")); len(got) != 0 {
		t.Errorf("candidates kept lines without strings: %v", got)
	}
}

func TestOpenReusesAndRefreshesTheCache(t *testing.T) {
	root := t.TempDir()
	cache := filepath.Join(t.TempDir(), "strings.gob")
	write := func(name, content string, mtime time.Time) {
		p := filepath.Join(root, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(p, mtime, mtime); err != nil {
			t.Fatal(err)
		}
	}
	t0 := time.Now().Add(-time.Hour)
	write("a.py", "run('-m', 'shop.cli')\n", t0)
	write("b.py", "x = 1\n", t0)
	files := []string{"a.py", "b.py", "gone.py"}

	hits := Open(cache, root, files, nil, "").Grep([]string{`'shop.cli`})
	if !slices.Equal(hits, []Hit{{"a.py", 1}}) {
		t.Fatalf("first scan: %v", hits)
	}
	if _, err := os.Stat(cache); err != nil {
		t.Fatalf("cache not written: %v", err)
	}
	// b.py changes: the new line must be found; a.py comes from the cache.
	write("b.py", "x = 1\nmonkeypatch.setattr('shop.cli.main', f)\n", t0.Add(time.Minute))
	hits = Open(cache, root, files, nil, "").Grep([]string{`'shop.cli`})
	slices.SortFunc(hits, func(a, b Hit) int { return cmpString(a.Path, b.Path) })
	if !slices.Equal(hits, []Hit{{"a.py", 1}, {"b.py", 2}}) {
		t.Fatalf("after an edit: %v", hits)
	}
	// a corrupt cache only costs a rescan
	if err := os.WriteFile(cache, []byte("not gob"), 0o644); err != nil {
		t.Fatal(err)
	}
	if hits := Open(cache, root, files, nil, "").Grep([]string{`'shop.cli`}); len(hits) != 2 {
		t.Fatalf("with a corrupt cache: %v", hits)
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// TestOpenRescansWhenStateChanges: the cache keeps each file's state names
// as the impacted that wrote it found them. One whose state finds other
// names (a new kind of module-level cache) must not reuse them: a stale
// cache gave a different selection than a fresh one (jinja, measured).
func TestOpenRescansWhenStateChanges(t *testing.T) {
	root := t.TempDir()
	cache := filepath.Join(t.TempDir(), "strings.gob")
	if err := os.WriteFile(filepath.Join(root, "a.py"), []byte("x = 1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	files := []string{"a.py"}
	Open(cache, root, files, func([]byte) []string { return []string{"old"} }, "1")
	ix := Open(cache, root, files, func([]byte) []string { return []string{"new"} }, "2")
	if got := ix.StateNames(); !got["new"] || got["old"] {
		t.Errorf("StateNames() = %v after the state version changed, want the new state's names", got)
	}
	ix = Open(cache, root, files, func([]byte) []string { return []string{"other"} }, "2")
	if got := ix.StateNames(); !got["new"] {
		t.Errorf("StateNames() = %v with the same version, want the cached names", got)
	}
}
