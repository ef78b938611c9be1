package covmap

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// realProject is a tiny Python project whose tests cover the cases the
// index must get right: a parametrized test with `|` and non-ASCII ids, a
// module-scoped fixture with setup and teardown, and import-time code.
var realProject = map[string]string{
	"pkg/__init__.py": "",
	"pkg/calc.py": `def add(a, b):
    return a + b


def div(a, b):
    if b == 0:
        raise ZeroDivisionError("b")
    return a / b


class Acc:
    def __init__(self):
        self.n = 0

    def push(self, x):
        self.n += x
        return self.n

    def close(self):
        self.n = -1
`,
	"tests/test_calc.py": `import pytest
from pkg.calc import add, div, Acc


@pytest.fixture(scope="module")
def acc():
    a = Acc()
    yield a
    a.close()


@pytest.mark.parametrize("a,b", [(1, 2), ("x|y", "z"), ("\u00e9", "\u00fc")])
def test_add(a, b):
    assert add(a, b) == a + b


def test_div():
    assert div(4, 2) == 2
    with pytest.raises(ZeroDivisionError):
        div(1, 0)


def test_acc(acc):
    assert acc.push(3) == 3
`,
}

// recordReal runs real pytest-cov in a fresh project and returns the paths
// of the SQLite data file and of the JSON report of the same run.
func recordReal(t *testing.T, branch bool) (sqlitePath, jsonPath string) {
	t.Helper()
	uv, err := exec.LookPath("uv")
	if err != nil {
		t.Fatalf("uv is required for the real-data test: %v", err)
	}
	dir := t.TempDir()
	files := map[string]string{"pyproject.toml": "[tool.pytest.ini_options]\npythonpath = [\".\"]\n" +
		"[tool.coverage.run]\nrelative_files = true\nbranch = " + map[bool]string{true: "true", false: "false"}[branch] + "\n"}
	for name, body := range realProject {
		files[name] = body
	}
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run := func(args ...string) {
		cmd := exec.Command(uv, append([]string{"run", "--no-project"}, args...)...)
		cmd.Dir = dir
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("uv %v: %v\n%s", args, err, out)
		}
	}
	run("--with", "pytest", "--with", "pytest-cov", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test")
	run("--with", "coverage", "coverage", "json", "--show-contexts", "-o", "cov.json")
	return filepath.Join(dir, ".coverage"), filepath.Join(dir, "cov.json")
}

func TestRealPytestCov(t *testing.T) {
	for _, branch := range []bool{false, true} {
		t.Run(map[bool]string{false: "lines", true: "branch"}[branch], func(t *testing.T) {
			db, js := recordReal(t, branch)
			sm, jm := mustLoad(t, db), mustLoad(t, js)
			if sm.Source() != "sqlite" || jm.Source() != "json" {
				t.Fatalf("sources %q, %q", sm.Source(), jm.Source())
			}
			want := []string{"tests/test_calc.py::test_acc", "tests/test_calc.py::test_add[1-2]",
				`tests/test_calc.py::test_add[\xe9-\xfc]`, "tests/test_calc.py::test_add[x|y-z]", "tests/test_calc.py::test_div"}
			if !slices.Equal(jm.Tests(), want) || !slices.Equal(sm.Tests(), want) {
				t.Fatalf("Tests():\njson   %q\nsqlite %q\nwant   %q", jm.Tests(), sm.Tests(), want)
			}
			if dump(sm) != dump(jm) {
				t.Fatalf("SQLite and JSON loads differ:\n%s\n---\n%s", dump(sm), dump(jm))
			}
			checkRealPhases(t, jm)
			out := filepath.Join(t.TempDir(), "map.json")
			if err := WriteJSON(out, sm, &Provenance{Schema: 1}); err != nil {
				t.Fatal(err)
			}
			if back := mustLoad(t, out); dump(back) != dump(sm) {
				t.Fatalf("WriteJSON round trip differs:\n%s\n---\n%s", dump(back), dump(sm))
			}
		})
	}
}

// checkRealPhases checks what the fixture and the imports recorded.
func checkRealPhases(t *testing.T, m *Map) {
	t.Helper()
	f, ok := m.File("pkg/calc.py")
	if !ok {
		t.Fatalf("pkg/calc.py not measured; paths %q", m.Paths())
	}
	tests := []struct {
		line  int
		want  []string
		phase Phase
	}{
		{1, nil, PhaseImport}, // def add
		{13, []string{"tests/test_calc.py::test_acc"}, PhaseSetup}, // Acc.__init__ body
		{20, []string{"tests/test_calc.py::test_acc"}, PhaseTeardown},
		{7, []string{"tests/test_calc.py::test_div"}, PhaseRun},
	}
	for _, tt := range tests {
		ids, ph := f.Range(tt.line, tt.line)
		if got := names(m, ids); !slices.Equal(got, tt.want) || ph != tt.phase {
			t.Errorf("line %d: %q %v, want %q %v", tt.line, got, ph, tt.want, tt.phase)
		}
	}
	if ids, _ := f.Range(2, 2); len(ids) != 3 {
		t.Errorf("add's body ran in %d tests, want 3", len(ids))
	}
}
