package covmap

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeFile writes content to name in a fresh temporary directory.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

// mustLoad loads path without a cache and fails the test on error.
func mustLoad(t testing.TB, path string) *Map {
	t.Helper()
	m, err := Load(path, Options{})
	if err != nil {
		t.Fatalf("Load(%s): %v", path, err)
	}
	return m
}

// dump renders every answer a map gives, line by line, so two loads can be
// compared with one string comparison and a readable diff.
func dump(m *Map) string {
	var b strings.Builder
	names := func(ids []TestID) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = m.Tests()[id]
		}
		return strings.Join(s, " ")
	}
	fmt.Fprintf(&b, "tests: %q\n", m.Tests())
	for _, p := range m.Paths() {
		f, ok := m.File(p)
		if !ok {
			fmt.Fprintf(&b, "%s: MISSING\n", p)
			continue
		}
		ids, ph := f.All()
		fmt.Fprintf(&b, "%s all=[%s] %s\n", p, names(ids), ph)
		for _, l := range f.Lines() {
			ids, ph := f.Range(l, l)
			fmt.Fprintf(&b, "  %d: [%s] %s\n", l, names(ids), ph)
		}
	}
	return b.String()
}
