package covmap

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// A format 2 report: unsorted line keys, import-time lines, a parametrize id
// containing `|`, a fixture's setup and teardown, escaped node ids.
const format2 = `{"meta": {"format": 2, "version": "6.5.0", "show_contexts": true},
 "files": {
  "pkg/calc.py": {"executed_lines": [1, 2, 5, 6, 8], "summary": {"covered_lines": 5},
   "missing_lines": [7], "excluded_lines": [],
   "contexts": {"1": [""], "5": [""], "2": ["t.py::test_add[x|y-z]|run", "t.py::test_add[1-2]|run"],
                "6": ["t.py::test_div|run", "t.py::test_acc|setup"], "8": ["t.py::test_div|run", "t.py::test_acc|setup"],
                "9": ["t.py::test_acc|teardown", "t.py::test_acc|run", ""]}},
  "pkg/uni.py": {"executed_lines": [3], "contexts": {"3": ["t.py::test_u[\u00e9\ud83d\ude00]|run", "t.py::test_u[\\xe9]|run"]}},
  "pkg/empty.py": {"executed_lines": [], "contexts": {"0": [""]}}
 },
 "totals": {"covered_lines": 6}}`

// format3 has the same data with per-function and per-class regions. The
// regions carry a context found nowhere else: it must be ignored.
var format3 = strings.Replace(format2, `"missing_lines": [7], "excluded_lines": [],`,
	`"missing_lines": [7], "excluded_lines": [],
	 "functions": {"add": {"executed_lines": [2], "start_line": 1, "contexts": {"2": ["t.py::bogus|run"]}},
	               "": {"executed_lines": [1], "contexts": {"1": [""]}, "summary": {"x": [1, "]"]}}},
	 "classes": {"": {"executed_lines": [], "contexts": {}}},`, 1)

func TestLoadJSON(t *testing.T) {
	wantTests := []string{"t.py::test_acc", "t.py::test_add[1-2]", "t.py::test_add[x|y-z]", "t.py::test_div",
		`t.py::test_u[\xe9]`, "t.py::test_u[é😀]"}
	for _, doc := range []struct{ name, body string }{
		{"format2", format2}, {"format3", format3},
		{"absolute", strings.ReplaceAll(format2, `"pkg/`, `"/home/u/proj/pkg/`)},
	} {
		t.Run(doc.name, func(t *testing.T) {
			m := mustLoad(t, writeFile(t, "cov.json", doc.body))
			if !slices.Equal(m.Tests(), wantTests) {
				t.Fatalf("Tests() = %q\nwant %q", m.Tests(), wantTests)
			}
			if m.Source() != "json" || len(m.Paths()) != 3 || !slices.IsSorted(m.Paths()) {
				t.Fatalf("Source() = %q, Paths() = %q", m.Source(), m.Paths())
			}
			prefix := strings.TrimSuffix(m.Paths()[0], "calc.py")
			f, ok := m.File(prefix + "calc.py")
			if !ok || f.Path() != prefix+"calc.py" {
				t.Fatalf("File(calc.py) = %v, %v", f, ok)
			}
			if got := f.Lines(); !slices.Equal(got, []int{1, 2, 5, 6, 8, 9}) {
				t.Errorf("Lines() = %v", got)
			}
			checkRanges(t, m, f)
		})
	}
}

// checkRanges asserts Range and All on pkg/calc.py of format2.
func checkRanges(t *testing.T, m *Map, f *File) {
	t.Helper()
	tests := []struct {
		lo, hi int
		want   []string
		phase  Phase
	}{
		{1, 1, nil, PhaseImport},
		{2, 2, []string{"t.py::test_add[1-2]", "t.py::test_add[x|y-z]"}, PhaseRun},
		{3, 4, nil, 0},
		{6, 6, []string{"t.py::test_acc", "t.py::test_div"}, PhaseSetup | PhaseRun},
		{6, 8, []string{"t.py::test_acc", "t.py::test_div"}, PhaseSetup | PhaseRun},
		{9, 100, []string{"t.py::test_acc"}, PhaseImport | PhaseRun | PhaseTeardown},
		{-5, 2, []string{"t.py::test_add[1-2]", "t.py::test_add[x|y-z]"}, PhaseImport | PhaseRun},
		{5, 2, nil, 0},
		{0, 1 << 40, []string{"t.py::test_acc", "t.py::test_add[1-2]", "t.py::test_add[x|y-z]", "t.py::test_div"},
			PhaseImport | PhaseSetup | PhaseRun | PhaseTeardown},
	}
	for _, tt := range tests {
		ids, ph := f.Range(tt.lo, tt.hi)
		if got := names(m, ids); !slices.Equal(got, tt.want) || ph != tt.phase {
			t.Errorf("Range(%d, %d) = %q, %v; want %q, %v", tt.lo, tt.hi, got, ph, tt.want, tt.phase)
		}
	}
	ids, ph := f.All()
	all, _ := f.Range(0, 1<<30)
	if !slices.Equal(ids, all) || ph != PhaseImport|PhaseSetup|PhaseRun|PhaseTeardown {
		t.Errorf("All() = %v, %v; want %v", ids, ph, all)
	}
}

func names(m *Map, ids []TestID) []string {
	var out []string
	for _, id := range ids {
		out = append(out, m.Tests()[id])
	}
	return out
}

func TestLoadErrors(t *testing.T) {
	noCtx := `{"meta": {}, "files": {"a.py": {"executed_lines": [1], "contexts": {"1": [""], "2": [""]}}}}`
	tests := []struct {
		name, body string
		want       string // "format", "nocontexts"
	}{
		{"empty file", "", "format"},
		{"whitespace", " \n ", "format"},
		{"empty files", `{"meta": {"format": 3}, "files": {}, "totals": {}}`, "format"},
		{"no files key", `{"meta": {"format": 3}}`, "format"},
		{"array", `[1, 2]`, "format"},
		{"random bytes", "\x00\x01binary\xff junk", "format"},
		{"text", "hello world\n", "format"},
		{"truncated", format2[:len(format2)/2], "format"},
		{"truncated in string", format2[:strings.Index(format2, "test_div")], "format"},
		{"trailing data", format2 + "{}", "format"},
		{"bad line key", `{"files": {"a.py": {"contexts": {"x": ["t|run"]}}}}`, "format"},
		{"context not string", `{"files": {"a.py": {"contexts": {"1": [1]}}}}`, "format"},
		{"file not object", `{"files": {"a.py": []}}`, "format"},
		{"duplicate line", `{"files": {"a.py": {"contexts": {"1": ["t|run"], "1": ["u|run"]}}}}`, "format"},
		{"only empty contexts", noCtx, "nocontexts"},
		{"no contexts key", `{"files": {"a.py": {"executed_lines": [1, 2]}}}`, "nocontexts"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeFile(t, "coverage.json", tt.body)
			m, err := Load(p, Options{})
			var fe *FormatError
			switch {
			case m != nil:
				t.Fatalf("Load succeeded, want %s error", tt.want)
			case tt.want == "format" && !errors.As(err, &fe):
				t.Fatalf("err = %v, want *FormatError", err)
			case tt.want == "nocontexts" && !errors.Is(err, ErrNoContexts):
				t.Fatalf("err = %v, want ErrNoContexts", err)
			}
			if fe != nil && (fe.Path != p || !strings.Contains(err.Error(), "impacted map build")) {
				t.Errorf("FormatError %q: want the path and the fix", err)
			}
		})
	}
}

func TestLoadMissing(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), "nope.json"), Options{CacheDir: t.TempDir()})
	if !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("err = %v, want fs.ErrNotExist", err)
	}
	if _, err := Load(t.TempDir(), Options{}); !errors.As(err, new(*FormatError)) {
		t.Fatalf("directory: err = %v, want *FormatError", err)
	}
}

func TestLoadPrettyPrinted(t *testing.T) {
	// coverage's json_pretty_print writes indent=4; whitespace everywhere.
	var pretty bytes.Buffer
	if err := json.Indent(&pretty, []byte(format2), "", "    "); err != nil {
		t.Fatal(err)
	}
	a, b := mustLoad(t, writeFile(t, "a.json", format2)), mustLoad(t, writeFile(t, "b.json", pretty.String()))
	if dump(a) != dump(b) {
		t.Fatalf("pretty-printed map differs:\n%s\n---\n%s", dump(a), dump(b))
	}
}
