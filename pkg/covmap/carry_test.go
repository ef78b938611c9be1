package covmap

import (
	"slices"
	"testing"
)

// Update, after a commit that inserted two lines at the top of src/m.py
// and deleted src/gone.py: kept tests' lines move, the re-recorded test's
// old lines go, a test whose lines were all in the deleted file leaves the
// map, and import time is replaced only for the modules imported again.
func TestUpdateCarriesThroughTheDiff(t *testing.T) {
	old, err := LoadCollected([]string{writeCollected(t, "old.hits",
		Imports{"src/m.py": {"tests/test_a.py": {1}, "tests/test_b.py": {2}}},
		seg{"", hits("src/m.py", 1, 2, 3)},
		seg{"tests/test_a.py::test_x|run", hits("src/m.py", 5)},
		seg{"tests/test_b.py::test_y|run", hits("src/m.py", 5, 6)},
		seg{"tests/test_c.py::test_z|run", hits("src/gone.py", 1)})})
	if err != nil {
		t.Fatal(err)
	}
	// The fresh run collected tests/test_a.py only and ran test_x again.
	fresh, err := LoadCollected([]string{writeCollected(t, "fresh.hits",
		Imports{"src/m.py": {"tests/test_a.py": {9}}},
		seg{"", hits("src/m.py", 9)},
		seg{"tests/test_a.py::test_x|run", hits("src/m.py", 8)})})
	if err != nil {
		t.Fatal(err)
	}
	c := Carry{
		Move: func(p string) (string, func(int) []int, bool) {
			switch p {
			case "src/gone.py":
				return "", nil, false
			case "src/m.py":
				return p, func(l int) []int { return []int{l + 2} }, true
			}
			return p, func(l int) []int { return []int{l} }, true
		},
		Keep: func(id string) bool { return id != "tests/test_a.py::test_x" },
	}
	m, err := Update(old, c, fresh)
	if err != nil {
		t.Fatal(err)
	}
	// Old line 1 ran only while test_a imported (imported again: replaced);
	// line 2 while test_b imported (not again: carried, now 4); line 3 under
	// no known module (carried, now 5); fresh line 9 is import time now.
	want := "tests: [\"tests/test_a.py::test_x\" \"tests/test_b.py::test_y\"]\n" +
		"src/m.py all=[tests/test_a.py::test_x tests/test_b.py::test_y] import|run\n" +
		"  4: [] import\n  5: [] import\n  7: [tests/test_b.py::test_y] run\n" +
		"  8: [tests/test_a.py::test_x tests/test_b.py::test_y] run\n  9: [] import\n"
	if got := dump(m); got != want {
		t.Errorf("updated map:\n%s\nwant:\n%s", got, want)
	}
	if got := m.Importers("src/m.py", 1, 9); !slices.Equal(got, []string{"tests/test_a.py", "tests/test_b.py"}) {
		t.Errorf("importers = %q", got)
	}
	if got := m.Importers("src/m.py", 4, 4); !slices.Equal(got, []string{"tests/test_b.py"}) {
		t.Errorf("importers of line 4 (old 2, carried) = %q", got)
	}
	if got := m.Importers("src/m.py", 9, 9); !slices.Equal(got, []string{"tests/test_a.py"}) {
		t.Errorf("importers of line 9 (fresh) = %q", got)
	}
	if got := m.Importers("src/m.py", 1, 3); got != nil {
		t.Errorf("importers of lines 1-3 = %q: test_a's old import time was not replaced", got)
	}
}

// With nothing recorded again (fresh nil), every import-time line is carried.
func TestUpdateWithoutFreshKeepsImportTime(t *testing.T) {
	old, err := LoadCollected([]string{writeCollected(t, "old.hits",
		Imports{"src/m.py": {"tests/test_a.py": {1}}},
		seg{"", hits("src/m.py", 1)}, seg{"tests/test_a.py::test_x|run", hits("src/m.py", 2)})})
	if err != nil {
		t.Fatal(err)
	}
	same := func(p string) (string, func(int) []int, bool) { return p, func(l int) []int { return []int{l} }, true }
	m, err := Update(old, Carry{Move: same, Keep: func(string) bool { return true }}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := dump(m), dump(old); got != want {
		t.Errorf("carried unchanged:\n%s\nwant:\n%s", got, want)
	}
	if got := m.Importers("src/m.py", 1, 1); !slices.Equal(got, []string{"tests/test_a.py"}) {
		t.Errorf("importers = %q", got)
	}
}
