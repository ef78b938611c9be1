package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
)

// TestCollectorEquivalence: on Python 3.12 and 3.13, impacted's sysmon
// collector must never select fewer tests than pytest-cov's contexts, for
// every scenario of every example project and a few generated mutations.
// Both maps are built once per project; each change is only selected
// (run --dry-run) against both, so the whole check costs four map builds
// per Python and no test runs.
func TestCollectorEquivalence(t *testing.T) {
	for _, version := range []string{"3.12.1", "3.13.0"} {
		for _, project := range scenarioProjects(t) {
			t.Run(version+"/"+project, func(t *testing.T) {
				t.Parallel() // mostly waiting on uv and git: halves the wall time on two cores
				checkEquivalence(t, version, project)
			})
		}
	}
}

func checkEquivalence(t *testing.T, version, project string) {
	dir := newProject(t, project)
	mustRun(t, dir, []string{"UV_PYTHON=/root/.pyenv/versions/" + version + "/bin/python3"}, "uv", "sync", "-q", "--frozen")
	mustRun(t, dir, nil, impactedBin, "map", "build", "--collector", "coverage", "-o", ".cache/cov.json")
	mustRun(t, dir, nil, impactedBin, "map", "build")
	if c := provenanceOf(t, dir).Collector; c != collectorSysmon {
		t.Fatalf("Python %s built with %q, want the sysmon collector", version, c)
	}
	cov, err := covmap.Load(filepath.Join(dir, ".cache", "cov.json"), covmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	suite := cov.Tests()
	changes := map[string]func(){}
	for _, sc := range loadScenarios(t, project) {
		changes["scenario/"+sc.name] = func() { git(t, dir, "apply", sc.patch) }
	}
	for i, m := range generateMutations(t, dir, equivMutations(t)) {
		changes["mutation/"+strconv.Itoa(i)+"_"+m.Op] = func() {
			if err := os.WriteFile(filepath.Join(dir, m.File), []byte(m.Text), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	more := 0
	for name, apply := range changes {
		git(t, dir, "checkout", "-q", "--", ".")
		git(t, dir, "clean", "-qfd", "-e", ".venv", "-e", ".cache")
		apply()
		byCov := dryRun(t, dir, "--map", ".cache/cov.json")
		bySysmon := dryRun(t, dir)
		var missing []string
		extra := 0
		for _, id := range suite {
			switch c, s := byCov.runs(id), bySysmon.runs(id); {
			case c && !s:
				missing = append(missing, id)
			case s && !c:
				extra++
			}
		}
		if len(missing) > 0 {
			t.Errorf("%s: the sysmon map misses %d tests the coverage map selects: %s", name, len(missing), strings.Join(missing, " "))
		}
		if extra > 0 {
			more++
		}
	}
	t.Logf("Python %s, %s: %d changes, the sysmon map selected more tests in %d", version, project, len(changes), more)
}

// equivMutations is IMPACTED_EQUIV_MUTATIONS, else a handful per project:
// the scenarios are the main evidence, mutations add edits nobody wrote.
func equivMutations(t *testing.T) int {
	if v := os.Getenv("IMPACTED_EQUIV_MUTATIONS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n <= 0 {
			t.Fatalf("IMPACTED_EQUIV_MUTATIONS=%q: want a positive number", v)
		}
		return n
	}
	return 8
}
