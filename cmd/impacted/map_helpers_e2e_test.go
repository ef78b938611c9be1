package main

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// selectResult is what one `impacted select` printed.
type selectResult struct {
	args   []string
	stderr string
	code   int
}

// selectIn runs `impacted select` in dir.
func selectIn(t *testing.T, dir string, env []string, args ...string) selectResult {
	t.Helper()
	out, errOut, code := impacted(t, dir, env, append([]string{"select"}, args...)...)
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return selectResult{args: lines, stderr: errOut, code: code}
}

// mustSelect is selectIn for a selection that must not fall back.
func mustSelect(t *testing.T, dir string, env []string, args ...string) selectResult {
	t.Helper()
	s := selectIn(t, dir, env, args...)
	if s.code != 0 {
		t.Fatalf("impacted select %v: exit %d\n%s", args, s.code, s.stderr)
	}
	return s
}

// runs expands the selection's pytest arguments (files, bases, node ids)
// to the node ids of all that they run.
func (s selectResult) runs(all []string) map[string]bool {
	out := map[string]bool{}
	for _, id := range all {
		for _, a := range s.args {
			if a == id || strings.HasPrefix(id, a+"[") || (!strings.Contains(a, "::") && strings.HasPrefix(id, a+"::")) {
				out[id] = true
			}
		}
	}
	return out
}

var fallbackRE = regexp.MustCompile(`fallback_reason=(\S+)`)

// fallback is the metrics line's fallback_reason, "" when there is none.
func (s selectResult) fallback() string {
	m := fallbackRE.FindStringSubmatch(s.stderr)
	if m == nil {
		return ""
	}
	return strings.Trim(m[1], `"`)
}

// editFile replaces the one occurrence of old in a project file.
func editFile(t *testing.T, dir, file, old, new string) {
	t.Helper()
	path := filepath.Join(dir, file)
	data := mustReadFile(t, path)
	if n := strings.Count(string(data), old); n != 1 {
		t.Fatalf("%s: %q occurs %d times, want 1", file, old, n)
	}
	if err := os.WriteFile(path, []byte(strings.Replace(string(data), old, new, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
}

// resetTree throws away every change to the project but its venv and cache.
func resetTree(t *testing.T, dir string) {
	t.Helper()
	git(t, dir, "checkout", "-q", "--", ".")
	git(t, dir, "clean", "-qfd", "-e", ".venv", "-e", ".cache")
}

// buildMap runs `impacted map build` and returns the map's bytes.
func buildMap(t *testing.T, dir string, env []string) []byte {
	t.Helper()
	mustRun(t, dir, env, impactedBin, "map", "build")
	return mustReadFile(t, filepath.Join(dir, defaultMap))
}

// unionSets merges sets.
func unionSets(sets ...map[string]bool) map[string]bool {
	out := map[string]bool{}
	for _, s := range sets {
		for k := range s {
			out[k] = true
		}
	}
	return out
}

// diffSets says what one set has that the other lacks, for messages.
func diffSets(got, want map[string]bool) (extra, missing []string) {
	for k := range got {
		if !want[k] {
			extra = append(extra, k)
		}
	}
	for k := range want {
		if !got[k] {
			missing = append(missing, k)
		}
	}
	sort.Strings(extra)
	sort.Strings(missing)
	return extra, missing
}

// sameSet fails the test when got and want differ.
func sameSet(t *testing.T, what string, got, want map[string]bool) {
	t.Helper()
	if extra, missing := diffSets(got, want); len(extra)+len(missing) > 0 {
		t.Errorf("%s: %d selected, want %d\n  extra:   %v\n  missing: %v", what, len(got), len(want), extra, missing)
	}
}

// mustReadFile reads a file the test needs.
func mustReadFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
