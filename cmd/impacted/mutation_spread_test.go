package main

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// mutationSkips are example projects the mutation test leaves out, with why.
func mutationSkip(project string) string {
	if project == "heavy" {
		return "a CPU-bound benchmark: one run of its suite takes 8-15 s, so 40 mutations alone would take minutes"
	}
	return ""
}

// mutationProjects lists the example projects: the directories under
// examples/ with a pyproject.toml, less the ones mutationSkip names.
func mutationProjects(t *testing.T) []string {
	t.Helper()
	root := filepath.Join(repoRoot(t), "examples")
	entries, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if _, err := os.Stat(filepath.Join(root, e.Name(), "pyproject.toml")); !e.IsDir() || err != nil {
			continue
		}
		if why := mutationSkip(e.Name()); why != "" {
			t.Logf("examples/%s left out: %s", e.Name(), why)
			continue
		}
		out = append(out, e.Name())
	}
	if len(out) == 0 {
		t.Fatalf("no example project with a pyproject.toml under %s", root)
	}
	return out
}

// checkOffered fails when mutate.py misses a project file (its layout
// discovery went wrong) or an operator matches nowhere in the project. The
// files are the tracked ones in a directory: the package(s), the tests and
// their data; an empty file (a bare __init__.py) has nothing to mutate.
func checkOffered(t *testing.T, dir string) {
	t.Helper()
	var offered struct{ Files, Ops []string }
	runMutate(t, dir, &offered, "--files")
	have := set(append(offered.Files, offered.Ops...))
	want := append([]string{}, mutationOps...)
	for _, rel := range strings.Fields(git(t, dir, "ls-files")) {
		// vendor/ holds distributions the project installs (inventory_api's
		// path dependency): not its code, so not mutated; its scenarios swap them.
		if info, err := os.Stat(filepath.Join(dir, rel)); strings.Contains(rel, "/") && !strings.HasPrefix(rel, "vendor/") && err == nil && info.Size() > 0 {
			want = append(want, rel)
		}
	}
	for _, w := range want {
		if !have[w] {
			t.Errorf("mutate.py offers no mutation of %s", w)
		}
	}
}

// checkSpread fails when a run leaves an operator untouched, or, once it is
// long enough to reach them all (three mutations per file), a file mutate.py
// offers: the test would silently stop covering it. Shorter runs only log the
// untouched files: round-robin over the operators reaches a data file only
// through the two data operators.
func checkSpread(t *testing.T, dir string, muts []mutation) {
	t.Helper()
	if len(muts) < len(mutationOps) {
		return
	}
	seen := map[string]bool{}
	for _, m := range muts {
		seen[m.Op], seen[m.File] = true, true
	}
	if missing := unseen(seen, mutationOps); len(missing) > 0 {
		t.Errorf("%d mutations use no operator %s", len(muts), strings.Join(missing, ", "))
	}
	var offered struct{ Files []string }
	runMutate(t, dir, &offered, "--files")
	missing := unseen(seen, offered.Files)
	switch {
	case len(missing) > 0 && len(muts) >= 3*len(offered.Files):
		t.Errorf("%d mutations edit none of %s", len(muts), strings.Join(missing, ", "))
	case len(missing) > 0:
		t.Logf("%d mutations edit %d of %d files; not: %s", len(muts), len(offered.Files)-len(missing),
			len(offered.Files), strings.Join(missing, ", "))
	}
}

func unseen(seen map[string]bool, want []string) []string {
	var out []string
	for _, w := range want {
		if !seen[w] {
			out = append(out, w)
		}
	}
	sort.Strings(out)
	return out
}
