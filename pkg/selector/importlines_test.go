package selector

import (
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// lazyV1 holds a module __getattr__ that runs while the package imports
// (a probe for "probe"), but whose "__version__" branch only a test runs.
const lazyV1 = `def __getattr__(name):
    if name == "__version__":
        return "1.0"
    if name == "probe":
        return 1
    raise AttributeError(name)


probe = __getattr__("probe")
`

func TestEditOffImport(t *testing.T) {
	ver := "tests/test_lazy.py::test_version"
	cov := coverage{
		"src/lazy.py":        {1: {""}, 2: {"", ver + "|run"}, 3: {ver + "|run"}, 4: {""}, 5: {""}, 9: {""}},
		"tests/test_lazy.py": {1: {""}, 4: {""}, 5: {ver + "|run"}, 8: {""}, 9: {"tests/test_lazy.py::test_other|run"}},
	}
	files := map[string]string{
		"src/lazy.py":        lazyV1,
		"tests/test_lazy.py": "import lazy\n\n\ndef test_version():\n    assert lazy.__version__ == \"1.0\"\n\n\ndef test_other():\n    assert lazy.probe == 1\n",
	}
	cases := []struct {
		name       string
		from, to   string
		hunk       gitdiff.Hunk
		wantImport bool
	}{
		{"an edit in a branch that never ran at import: the tests that ran it",
			`        return "1.0"`, `        return "2.0"`, gitdiff.Hunk{OldStart: 3, OldCount: 1, NewStart: 3, NewCount: 1}, false},
		{"an edit in a branch that ran at import: import time",
			`        return 1`, `        return 2`, gitdiff.Hunk{OldStart: 5, OldCount: 1, NewStart: 5, NewCount: 1}, true},
		{"a line moved out of its branch: import time",
			`        return "1.0"`, `    return "1.0"`, gitdiff.Hunk{OldStart: 3, OldCount: 1, NewStart: 3, NewCount: 1}, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cur := map[string]string{}
			for k, v := range files {
				cur[k] = v
			}
			cur["src/lazy.py"] = strings.Replace(lazyV1, c.from, c.to, 1)
			_, rules, err := config.Load(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			rules.Threshold = 1
			ch := gitdiff.Change{Status: 'M', OldPath: "src/lazy.py", NewPath: "src/lazy.py", Hunks: []gitdiff.Hunk{c.hunk}}
			sel := Select(Input{Changes: []gitdiff.Change{ch}, Source: memSource{files, cur}, Map: loadMap(t, cov, nil), Rules: rules})
			whole := slices.Contains(sel.Files, "tests/test_lazy.py")
			if whole != c.wantImport || !slices.Contains(sel.Args(), ver) && !whole {
				t.Errorf("Args() = %v, want the whole test file: %v; notes: %v", sel.Args(), c.wantImport, sel.Notes)
			}
		})
	}
}
