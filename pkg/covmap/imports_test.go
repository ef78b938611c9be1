package covmap

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// Two processes (an xdist controller and a worker) each wrote what they
// saw; the merged map answers like a pytest-cov map for the contexts and
// adds which module's import ran each import-time line, through a JSON
// round trip and the binary cache alike.
func TestLoadCollectedImports(t *testing.T) {
	a := writeCollected(t, "a.hits", Imports{"src/m.py": {"src/m.py": {1, 3}, "tests/test_a.py": {4}}},
		seg{"", hits("src/m.py", 1, 3, 4)}, seg{"tests/test_a.py::test_x|run", hits("src/m.py", 4, 4)})
	b := writeCollected(t, "b.hits", Imports{"src/m.py": {"tests/test_b.py": {4}}},
		seg{"", hits("src/m.py", 4)}, seg{"tests/test_b.py::test_y|setup", hits("src/m.py", 4)})
	m, err := LoadCollected([]string{a, b})
	if err != nil {
		t.Fatal(err)
	}
	check := func(m *Map, from string) {
		t.Helper()
		if !m.HasImports() {
			t.Fatalf("%s: no import contexts", from)
		}
		if got := m.Importers("src/m.py", 4, 9); !slices.Equal(got, []string{"tests/test_a.py", "tests/test_b.py"}) {
			t.Errorf("%s: importers of line 4 = %q", from, got)
		}
		if got := m.Importers("src/m.py", 2, 3); !slices.Equal(got, []string{"src/m.py"}) {
			t.Errorf("%s: importers of lines 2-3 = %q", from, got)
		}
		if got := m.Importers("src/m.py", 5, 9); got != nil {
			t.Errorf("%s: importers of lines 5-9 = %q, want none", from, got)
		}
		want := "tests: [\"tests/test_a.py::test_x\" \"tests/test_b.py::test_y\"]\n" +
			"src/m.py all=[tests/test_a.py::test_x tests/test_b.py::test_y] import|setup|run\n" +
			"  1: [] import\n  3: [] import\n  4: [tests/test_a.py::test_x tests/test_b.py::test_y] import|setup|run\n"
		if got := dump(m); got != want {
			t.Errorf("%s:\n%s\nwant:\n%s", from, got, want)
		}
	}
	check(m, "collected")
	out := filepath.Join(t.TempDir(), "map.json")
	if err := WriteJSON(out, m, nil); err != nil {
		t.Fatal(err)
	}
	check(mustLoad(t, out), "json")
	cache := t.TempDir()
	for _, from := range []string{"json+cache write", "cache"} {
		c, err := Load(out, Options{CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		check(c, from)
	}
}

// A pytest-cov map has no import contexts: HasImports says so, and so the
// selector knows an empty answer means unknown.
func TestCoverageMapHasNoImports(t *testing.T) {
	p := writeFile(t, "c.json", `{"meta":{},"files":{"a.py":{"contexts":{"1":["","t.py::x|run"]}}}}`)
	m := mustLoad(t, p)
	if m.HasImports() || m.Importers("a.py", 1, 1) != nil {
		t.Error("a coverage.py map claims import contexts")
	}
}

func TestLoadCollectedRejectsOtherFormats(t *testing.T) {
	old := writeFile(t, "x.json", `{"format":"impacted-sysmon/1","contexts":{}}`)
	if _, err := LoadCollected([]string{old}); err == nil || !strings.Contains(err.Error(), "format") {
		t.Errorf("got %v, want a format error", err)
	}
	good := writeCollected(t, "y.hits", nil, seg{"t.py::x|run", hits("a.py", 1, 2)})
	data, _ := os.ReadFile(good)
	short := writeFile(t, "z.hits", string(data[:len(data)-3]))
	if _, err := LoadCollected([]string{short}); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Errorf("got %v, want a truncated-data error", err)
	}
}
