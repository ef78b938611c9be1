package selector

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestRunByTestModule: lib.make runs while tests/test_a.py imports (its
// body builds a table with it); tests/test_b.py only imports lib. With the
// collector's import contexts an edit of make runs test_a's tests; with a
// map lacking them (coverage.py's) every test file importing lib runs.
func TestRunByTestModule(t *testing.T) {
	old := map[string]string{
		"src/lib.py":         "def make(n):\n    return [n] * 2\n",
		"tests/test_a.py":    "from lib import make\n\nTABLE = make(1)\n\n\ndef test_a():\n    assert TABLE == [1, 1]\n",
		"tests/test_b.py":    "import lib\n\n\ndef test_b():\n    assert lib\n",
		"tests/__init__.py":  "",
		"tests/test_none.py": "def test_none():\n    pass\n",
	}
	cur := map[string]string{}
	for k, v := range old {
		cur[k] = v
	}
	cur["src/lib.py"] = strings.Replace(old["src/lib.py"], "* 2", "* 3", 1)
	files := map[string]any{
		"src/lib.py":      map[string]any{"executed_lines": []int{1, 2}, "contexts": map[string][]string{"1": {""}, "2": {""}}},
		"tests/test_a.py": map[string]any{"executed_lines": []int{1, 3, 6, 7}, "contexts": map[string][]string{"1": {""}, "3": {""}, "6": {""}, "7": {"tests/test_a.py::test_a|run"}}},
		"tests/test_b.py": map[string]any{"executed_lines": []int{1, 4, 5}, "contexts": map[string][]string{"1": {""}, "4": {""}, "5": {"tests/test_b.py::test_b|run"}}},
	}
	doc := map[string]any{"meta": map[string]any{"format": 3, "version": "7.6.1", "show_contexts": true}, "files": files,
		"impacted_imports": map[string]any{"src/lib.py": map[string][]int{"src/lib.py": {1}, "tests/test_a.py": {2}}}}
	data, _ := json.Marshal(doc)
	path := filepath.Join(t.TempDir(), "coverage.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := covmap.Load(path, covmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, rules, err := config.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rules.Threshold = 1
	ch := gitdiff.Change{Status: 'M', OldPath: "src/lib.py", NewPath: "src/lib.py", Hunks: []gitdiff.Hunk{{OldStart: 2, OldCount: 1, NewStart: 2, NewCount: 1}}}
	sel := Select(Input{Changes: []gitdiff.Change{ch}, Source: memSource{old, cur}, Map: m, Rules: rules})
	want := []string{"tests/test_a.py", "tests/test_b.py"} // every importer: the facts are unknown
	if ic, ok := any(m).(importContexts); ok && ic.HasImports() {
		want = []string{"tests/test_a.py"}
	}
	if !slices.Equal(sel.Files, want) || sel.Fallback != "" {
		t.Errorf("Files = %v (fallback %q), want %v; notes: %v", sel.Files, sel.Fallback, want, sel.Notes)
	}
}
