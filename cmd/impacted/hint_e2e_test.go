package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFallbackHintAndBase: before a fallback runs the whole suite, `run`
// prints one line naming the reason and what would avoid it; for a map with
// no build record, `select -v` and `map info` say so and name the base the
// diff starts from, which would otherwise be origin/main silently.
func TestFallbackHintAndBase(t *testing.T) {
	p := sharedShop(t)
	p.write("notes.dat", "nobody reads this\n")
	_, errOut, code := impacted(t, p.dir, nil, "run", "--dry-run")
	want := `impacted: running the whole suite (unreferenced-file:notes.dat); to avoid it: if no test can depend on it, add it to [tool.impacted] ignore (ignore = ["notes.dat"])`
	if code != 0 || !strings.Contains(errOut, want+"; ") {
		t.Errorf("run --dry-run with an unnamed data file: exit %d, want the hint line %q in:\n%s", code, want, errOut)
	}
	_, errOut, _ = impacted(t, p.dir, nil, "run", "--dry-run", "--map", ".cache/none.json")
	if !strings.Contains(errOut, "impacted: running the whole suite (no-map:.cache/none.json: ") || !strings.Contains(errOut, "to avoid it: build the map (impacted map build)") {
		t.Errorf("run without a map: want one hint line naming no-map, got:\n%s", errOut)
	}

	if err := os.Remove(filepath.Join(p.dir, "notes.dat")); err != nil {
		t.Fatal(err)
	}
	mustRun(t, p.dir, nil, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test", "--cov-report=")
	mustRun(t, p.dir, nil, "uv", "run", "coverage", "json", "-q", "--show-contexts", "-o", ".cache/adr.json")
	head := strings.TrimSpace(git(t, p.dir, "rev-parse", "HEAD"))[:12]
	s := mustSelect(t, p.dir, nil, "-v", "--map", ".cache/adr.json", "--base", "HEAD")
	if !strings.Contains(s.stderr, "the map has no build record") || !strings.Contains(s.stderr, "diffing from HEAD ("+head+")") {
		t.Errorf("select -v with an ADR-style map does not name the missing record and the base:\n%s", s.stderr)
	}
	s = mustSelect(t, p.dir, nil, "-v")
	if !strings.Contains(s.stderr, "impacted: diffing from "+head+", the commit the map was built on") {
		t.Errorf("select -v with a built map does not name the commit it diffs from:\n%s", s.stderr)
	}
	out, _ := mustRun(t, p.dir, []string{"IMPACTED_BASE=HEAD"}, impactedBin, "map", "info", "--json", "--map", ".cache/adr.json")
	var info map[string]any
	if err := json.Unmarshal([]byte(out), &info); err != nil {
		t.Fatal(err)
	}
	if rec, _ := info["build_record"].(string); !strings.HasPrefix(rec, "none") || !strings.Contains(rec, "(HEAD)") {
		t.Errorf("map info: build_record = %q, want none and the base", rec)
	}
	if from, _ := info["diffs_from"].(string); !strings.Contains(from, "diffing from HEAD ("+head+")") {
		t.Errorf("map info: diffs_from = %q, want HEAD (%s)", from, head)
	}
}
