package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// mutation is one generated single edit of an example project
// (testdata/mutate.py): Text is the whole new content of File.
type mutation struct {
	Op, File, Before, After, Text string
	Line                          int
}

// mutationSeed is fixed: mutation NNN of a project is the same in every run
// of at least NNN+1.
const mutationSeed = 1

// mutationOps are the operators testdata/mutate.py must offer in every
// project; a default run uses each of them, so an operator that silently
// stops matching fails here.
var mutationOps = []string{
	"literal", "literal-const", "literal-default", "literal-decorator", "literal-class-attr", "literal-dict",
	"compare-op", "arith-op", "negate-cond", "delete-stmt", "delete-module-stmt", "delete-def",
	"delete-decorator", "duplicate-line", "swap-stmts", "return-value", "early-return", "rename-def",
	"rename-ref", "remove-import", "data-value", "data-delete-row", "new-failing-test", "syntax-error",
}

// TestMutationsNeverMissAFailure checks the first promise on changes nobody
// wrote by hand, in every example project: for each generated edit, every
// test that really fails (the whole suite is run to know) is run by
// `impacted run --dry-run`'s plan. Rerun one miss with
// IMPACTED_MUTATIONS=300 go test -run 'TestMutations/ledger/156'.
func TestMutationsNeverMissAFailure(t *testing.T) {
	// A same-size edit within the second of the last compile would otherwise
	// run stale bytecode (pyc and pytest's rewrite cache check mtime + size).
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	totals := map[string]*mutationStats{}
	projects := mutationProjects(t)
	for _, project := range projects {
		st := newMutationStats()
		totals[project] = st
		t.Run(project, func(t *testing.T) { checkMutations(t, project, st) })
	}
	for _, project := range projects {
		if len(totals[project].byOp) > 0 { // -run may leave a project out
			t.Log(project + ": " + totals[project].summary())
		}
	}
}

// checkMutations runs one project's mutations as subtests, one per edit.
func checkMutations(t *testing.T, project string, st *mutationStats) {
	n := mutationCount(t, project)
	dir := newProject(t, project)
	mustRun(t, dir, nil, impactedBin, "map", "build")
	suite := collectedTests(t, dir)
	checkOffered(t, dir)
	muts := generateMutations(t, dir, n)
	checkSpread(t, dir, muts)
	for i, m := range muts {
		t.Run(fmt.Sprintf("%03d_%s_%s", i, m.Op, filepath.Base(m.File)), func(t *testing.T) {
			checkMutation(t, dir, m, suite, st)
		})
	}
	st.log(t)
}

// checkMutation applies one edit to a clean tree and fails when a test that
// really fails is not in the plan.
func checkMutation(t *testing.T, dir string, m mutation, suite []string, st *mutationStats) {
	git(t, dir, "checkout", "-q", "--", ".")
	git(t, dir, "clean", "-qfd", "-e", ".venv", "-e", ".cache")
	if err := os.WriteFile(filepath.Join(dir, m.File), []byte(m.Text), 0o644); err != nil {
		t.Fatal(err)
	}
	failing := suiteFailures(t, dir)
	p := dryRun(t, dir)
	var missed []string
	for _, f := range failing {
		if !p.runs(f) {
			missed = append(missed, f)
		}
	}
	st.add(m.Op, len(failing) > 0, len(missed) > 0, p, suite)
	if p.full {
		st.reasons[fallbackReason(t, dir)]++
	}
	if len(missed) > 0 {
		t.Error(explainMiss(t, dir, m, missed, p))
	}
}

// defaultMutations is a project's count without IMPACTED_MUTATIONS: shop
// keeps its historical 60; the others are fewer, to keep the whole test near
// two minutes on two cores.
func defaultMutations(project string) int {
	if project == "shop" {
		return 60
	}
	return 40
}

// mutationCount is IMPACTED_MUTATIONS=N for every project, else the default.
func mutationCount(t *testing.T, project string) int {
	v := os.Getenv("IMPACTED_MUTATIONS")
	if v == "" {
		return defaultMutations(project)
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("IMPACTED_MUTATIONS=%q: want a positive number", v)
	}
	return n
}

// runMutate runs testdata/mutate.py on a project copy and decodes its JSON.
func runMutate(t *testing.T, dir string, into any, args ...string) {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", "mutate.py"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, dir, nil, "python3", append([]string{script, dir}, args...)...)
	if err := json.Unmarshal([]byte(out), into); err != nil {
		t.Fatalf("mutate.py %v output: %v", args, err)
	}
}

func generateMutations(t *testing.T, dir string, n int) []mutation {
	t.Helper()
	var muts []mutation
	runMutate(t, dir, &muts, strconv.Itoa(mutationSeed), strconv.Itoa(n))
	if len(muts) != n {
		t.Fatalf("mutate.py made %d mutations, want %d", len(muts), n)
	}
	return muts
}
