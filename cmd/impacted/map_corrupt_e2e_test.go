package main

import (
	"bytes"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/exitcode"
)

// badMap is a map `impacted` must refuse, and how.
type badMap struct {
	name   string
	file   string // project-relative
	code   int    // from `impacted select`
	reason string // fallback_reason prefix when code is exitcode.Fallback
}

// TestMapCorrupt: a map that is corrupt, foreign, without contexts or out
// of step with the tree is never selected from. `select` names the problem
// in one line (exit 65) or falls back with a named reason (exit 2); `run`
// runs the whole suite and says why; and the map's bytes never change.
func TestMapCorrupt(t *testing.T) {
	dir := newProject(t, "shop")
	good := buildMap(t, dir, nil)
	bad := filepath.Join(dir, ".cache", "bad")
	if err := os.MkdirAll(bad, 0o755); err != nil {
		t.Fatal(err)
	}
	maps := writeBadMaps(t, dir, good)
	for _, m := range maps {
		t.Run(m.name, func(t *testing.T) {
			path := filepath.Join(dir, m.file)
			before := mustReadFile(t, path)
			checkSelectRefuses(t, dir, m)
			checkRunFallsBack(t, dir, m)
			if after := mustReadFile(t, path); !bytes.Equal(before, after) {
				t.Errorf("the map %s was modified (%d bytes before, %d after)", m.file, len(before), len(after))
			}
			noSQLiteLeftovers(t, path)
		})
	}
	if !bytes.Equal(mustReadFile(t, filepath.Join(dir, defaultMap)), good) {
		t.Error("the project's own map changed")
	}
}

func checkSelectRefuses(t *testing.T, dir string, m badMap) {
	t.Helper()
	s := selectIn(t, dir, nil, "--map", m.file)
	if s.code != m.code {
		t.Fatalf("select: exit %d, want %d\n%s", s.code, m.code, s.stderr)
	}
	if len(s.args) > 0 {
		t.Errorf("select printed a selection from a bad map: %v", s.args)
	}
	lines := strings.Split(strings.TrimSpace(s.stderr), "\n")
	if m.code == exitcode.DataErr {
		if len(lines) != 1 || !strings.HasPrefix(lines[0], "impacted: ") || !strings.Contains(lines[0], filepath.Base(m.file)) {
			t.Errorf("select: want one line naming the map on stderr, got:\n%s", s.stderr)
		}
		return
	}
	if !strings.HasPrefix(s.fallback(), m.reason) {
		t.Errorf("select: fallback_reason=%q, want %s...\n%s", s.fallback(), m.reason, s.stderr)
	}
}

var fullRunRE = regexp.MustCompile(`impacted: mode=\S+ workers=\S+ full=true .*fallback_reason=(\S+) pytest_exit=0 `)

func checkRunFallsBack(t *testing.T, dir string, m badMap) {
	t.Helper()
	out, errOut, code := impacted(t, dir, nil, "run", "--map", m.file)
	if code != 0 {
		t.Fatalf("run: exit %d, want pytest's 0\n%s\n%s", code, out, errOut)
	}
	got := fullRunRE.FindStringSubmatch(out + errOut)
	if got == nil || !strings.Contains(out, "79 passed") {
		t.Fatalf("run: want the whole suite (79 passed) and a full=true metrics line, got:\n%s\n%s", out, errOut)
	}
	want := m.reason
	if m.code == exitcode.DataErr {
		want = "map-unreadable:" + m.file
	}
	if reason := strings.Trim(got[1], `"`); !strings.HasPrefix(reason, want) {
		t.Errorf("run: fallback_reason=%s, want %s...", reason, want)
	}
}

// writeBadMaps writes every kind of bad map into .cache/bad.
func writeBadMaps(t *testing.T, dir string, good []byte) []badMap {
	t.Helper()
	var maps []badMap
	put := func(name string, data []byte, code int, reason string) {
		file := ".cache/bad/" + name
		if err := os.WriteFile(filepath.Join(dir, file), data, 0o644); err != nil {
			t.Fatal(err)
		}
		maps = append(maps, badMap{name: name, file: file, code: code, reason: reason})
	}
	put("empty.json", nil, exitcode.DataErr, "")
	put("truncated.json", good[:len(good)/2], exitcode.DataErr, "")
	put("random.bin", randomBytes(4096), exitcode.DataErr, "")
	put("not-a-map.json", []byte(`{"a": 1}`), exitcode.DataErr, "")

	mustRun(t, dir, nil, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test", "--cov-report=")
	sqlite := mustReadFile(t, filepath.Join(dir, ".coverage"))
	put("truncated.coverage", sqlite[:len(sqlite)/2], exitcode.DataErr, "")
	mustRun(t, dir, nil, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-report=")
	mustRun(t, dir, nil, "uv", "run", "coverage", "json", "-o", ".cache/bad/no-contexts.json")
	maps = append(maps, badMap{"no-contexts.json", ".cache/bad/no-contexts.json", exitcode.DataErr, ""})
	mustRun(t, dir, nil, "mv", ".coverage", ".cache/bad/no-contexts.coverage")
	maps = append(maps, badMap{"no-contexts.coverage", ".cache/bad/no-contexts.coverage", exitcode.DataErr, ""})
	mustRun(t, dir, nil, "python3", "-c", "import sqlite3; c = sqlite3.connect('.cache/bad/foreign.db'); c.execute('create table t(a)'); c.commit()")
	maps = append(maps, badMap{"foreign.db", ".cache/bad/foreign.db", exitcode.DataErr, ""})

	prov := readMapDoc(t, filepath.Join(dir, defaultMap)).Impacted
	if prov == nil {
		t.Fatal("the built map records no provenance")
	}
	put("commit-unknown.json", rewrite(t, good, `"commit":"`+prov.Commit+`"`, `"commit":"`+strings.Repeat("0", 40)+`"`),
		exitcode.Fallback, "map-commit-unknown:000000000000")
	put("python-changed.json", rewrite(t, good, `"python":"`+prov.Python+`"`, `"python":"3.10.0"`),
		exitcode.Fallback, "python-changed:3.10.0->"+prov.Python)
	put("lock-changed.json", rewrite(t, good, `"uv_lock_sha256":"`+prov.UVLockSHA256+`"`, `"uv_lock_sha256":"`+strings.Repeat("0", 64)+`"`),
		exitcode.Fallback, "lockfile-changed")

	editFile(t, dir, "src/shop/formatting.py", `"""Render 0.25 as '25%'."""`, `"""Render 0.25 as '25%' (dirty)."""`)
	mustRun(t, dir, nil, impactedBin, "map", "build", "-o", ".cache/bad/dirty.json")
	resetTree(t, dir)
	maps = append(maps, badMap{"dirty.json", ".cache/bad/dirty.json", exitcode.Fallback, "map-built-on-dirty-tree"})
	return maps
}

// rewrite replaces one exact occurrence in a map.
func rewrite(t *testing.T, data []byte, old, new string) []byte {
	t.Helper()
	if n := bytes.Count(data, []byte(old)); n != 1 {
		t.Fatalf("%s occurs %d times in the map, want 1", old, n)
	}
	return bytes.Replace(data, []byte(old), []byte(new), 1)
}

// randomBytes is the same noise on every run, never starting like JSON.
func randomBytes(n int) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
	b[0] = 0x80
	return b
}

// noSQLiteLeftovers fails when reading a map left SQLite's side files.
func noSQLiteLeftovers(t *testing.T, path string) {
	t.Helper()
	for _, suffix := range []string{"-journal", "-wal", "-shm"} {
		if _, err := os.Stat(path + suffix); err == nil {
			t.Errorf("reading %s left %s%s behind", filepath.Base(path), filepath.Base(path), suffix)
		}
	}
}
