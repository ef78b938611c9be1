package covmap

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestWriteJSONRoundTrip(t *testing.T) {
	var prov Provenance
	if err := json.Unmarshal([]byte(provJSON), &prov); err != nil {
		t.Fatal(err)
	}
	for _, src := range []string{format2, format3} {
		m := mustLoad(t, writeFile(t, "in.json", src))
		out := filepath.Join(t.TempDir(), "out.json")
		if err := WriteJSON(out, m, &prov); err != nil {
			t.Fatal(err)
		}
		back := mustLoad(t, out)
		if dump(back) != dump(m) {
			t.Fatalf("round trip differs:\n%s\n---\n%s", dump(back), dump(m))
		}
		if p := back.Provenance(); p == nil || p.Commit != prov.Commit || len(p.Tests) != 1 {
			t.Fatalf("Provenance() after round trip = %+v", p)
		}
		checkCoverageShape(t, out)
		if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
			t.Errorf("left behind: %v", entries)
		}
	}
}

// checkCoverageShape decodes the written file generically, as the Python
// selector does, and checks the contexts keep their phase suffixes.
func checkCoverageShape(t *testing.T, path string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Meta struct {
			Format       int  `json:"format"`
			ShowContexts bool `json:"show_contexts"`
		} `json:"meta"`
		Files map[string]struct {
			Executed []int               `json:"executed_lines"`
			Contexts map[string][]string `json:"contexts"`
		} `json:"files"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatalf("written map is not JSON: %v", err)
	}
	calc := doc.Files["pkg/calc.py"]
	if doc.Meta.Format != 3 || !doc.Meta.ShowContexts || !slices.Equal(calc.Executed, []int{1, 2, 5, 6, 8, 9}) {
		t.Fatalf("meta/executed_lines wrong: %+v %v", doc.Meta, calc.Executed)
	}
	want := []string{"", "t.py::test_acc|run", "t.py::test_acc|teardown"}
	if got := calc.Contexts["9"]; !slices.Equal(got, want) {
		t.Errorf("contexts of line 9 = %q, want %q", got, want)
	}
	if got := doc.Files["pkg/uni.py"].Contexts["3"]; !slices.Contains(got, "t.py::test_u[é😀]|run") {
		t.Errorf("contexts of uni.py:3 = %q", got)
	}
}

func TestWriteJSONWithoutProvenance(t *testing.T) {
	m := mustLoad(t, writeFile(t, "in.json", withProv(format2)))
	out := filepath.Join(t.TempDir(), "out.json")
	if err := WriteJSON(out, m, nil); err != nil {
		t.Fatal(err)
	}
	if back := mustLoad(t, out); back.Provenance() != nil {
		t.Fatalf("Provenance() = %+v, want nil", back.Provenance())
	}
	// `map build --output new/dir/map.json` creates the directory;
	// a path under a regular file cannot be written.
	nested := filepath.Join(t.TempDir(), "new", "dir", "map.json")
	if err := WriteJSON(nested, m, nil); err != nil {
		t.Fatalf("WriteJSON into a new directory: %v", err)
	}
	if err := WriteJSON(filepath.Join(out, "map.json"), m, nil); err == nil {
		t.Fatal("WriteJSON under a regular file succeeded")
	}
}

func TestWriteSidecar(t *testing.T) {
	db := filepath.Join(t.TempDir(), ".coverage")
	writeCoverageSQLite(t, db, mustLoad(t, writeFile(t, "cov.json", format2)), true)
	prov := &Provenance{Schema: 1, Commit: "deadbeef", Tests: map[string]TestRecord{"t.py::test_acc": {Outcome: "failed"}}}
	if err := WriteSidecar(db, prov); err != nil {
		t.Fatal(err)
	}
	p := mustLoad(t, db).Provenance()
	if p == nil || p.Commit != "deadbeef" || p.Tests["t.py::test_acc"].Outcome != "failed" {
		t.Fatalf("Provenance() = %+v", p)
	}
}
