package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// mutation is one generated single edit of examples/shop (testdata/mutate.py):
// Text is the whole new content of File.
type mutation struct {
	Op, File, Before, After, Text string
	Line                          int
}

const (
	mutationSeed     = 1  // fixed: mutation NNN is the same in every run of at least NNN+1
	defaultMutations = 60 // IMPACTED_MUTATIONS=N runs more
)

// mutationOps are the operators testdata/mutate.py must offer; a default run
// uses each of them, so an operator that silently stops matching fails here.
var mutationOps = []string{
	"literal", "literal-const", "literal-default", "literal-decorator", "literal-class-attr", "literal-dict",
	"compare-op", "arith-op", "negate-cond", "delete-stmt", "delete-module-stmt", "delete-def",
	"delete-decorator", "duplicate-line", "swap-stmts", "return-value", "early-return", "rename-def",
	"rename-ref", "remove-import", "data-value", "data-delete-row", "new-failing-test", "syntax-error",
}

// TestMutationsNeverMissAFailure checks the first promise on changes nobody
// wrote by hand: for each generated edit, every test that really fails (the
// whole suite is run to know) is run by `impacted run --dry-run`'s plan.
// Rerun one miss with IMPACTED_MUTATIONS=300 go test -run 'TestMutations/156'.
func TestMutationsNeverMissAFailure(t *testing.T) {
	// A same-size edit within the second of the last compile would otherwise
	// run stale bytecode (pyc and pytest's rewrite cache check mtime + size).
	t.Setenv("PYTHONDONTWRITEBYTECODE", "1")
	n := mutationCount(t)
	dir := newProject(t, "shop")
	mustRun(t, dir, nil, impactedBin, "map", "build")
	suite := collectedTests(t, dir)
	muts := generateMutations(t, dir, n)
	checkSpread(t, dir, muts)
	st := mutationStats{byOp: map[string]*opStats{}, reasons: map[string]int{}}
	for i, m := range muts {
		t.Run(fmt.Sprintf("%03d_%s_%s", i, m.Op, filepath.Base(m.File)), func(t *testing.T) {
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
		})
	}
	st.log(t)
}

func mutationCount(t *testing.T) int {
	v := os.Getenv("IMPACTED_MUTATIONS")
	if v == "" {
		return defaultMutations
	}
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		t.Fatalf("IMPACTED_MUTATIONS=%q: want a positive number", v)
	}
	return n
}

func generateMutations(t *testing.T, dir string, n int) []mutation {
	t.Helper()
	script, err := filepath.Abs(filepath.Join("testdata", "mutate.py"))
	if err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, dir, nil, "python3", script, dir, strconv.Itoa(mutationSeed), strconv.Itoa(n))
	var muts []mutation
	if err := json.Unmarshal([]byte(out), &muts); err != nil {
		t.Fatalf("mutate.py output: %v", err)
	}
	if len(muts) != n {
		t.Fatalf("mutate.py made %d mutations, want %d", len(muts), n)
	}
	return muts
}

// checkSpread fails when a default-sized run leaves an operator or a project
// file untouched: the test would silently stop covering it.
func checkSpread(t *testing.T, dir string, muts []mutation) {
	t.Helper()
	if len(muts) < defaultMutations {
		return
	}
	seen := map[string]bool{}
	for _, m := range muts {
		seen[m.Op], seen[m.File] = true, true
	}
	want := append([]string{}, mutationOps...)
	for _, pattern := range []string{"src/shop/*.py", "tests/*.py", "src/shop/data/*"} {
		files, _ := filepath.Glob(filepath.Join(dir, pattern))
		for _, f := range files {
			rel, _ := filepath.Rel(dir, f)
			want = append(want, rel)
		}
	}
	for _, w := range want {
		if !seen[w] {
			t.Errorf("no mutation uses %s", w)
		}
	}
}

// collectedTests is the suite before any change, to measure what a plan runs.
func collectedTests(t *testing.T, dir string) []string {
	t.Helper()
	out, _ := mustRun(t, dir, nil, "uv", "run", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider")
	var ids []string
	for _, line := range strings.Split(out, "\n") {
		if strings.Contains(line, "::") {
			ids = append(ids, strings.TrimSpace(line))
		}
	}
	if len(ids) == 0 {
		t.Fatalf("no tests collected:\n%s", out)
	}
	return ids
}

// suiteFailures is failingTests, except that a pytest INTERNALERROR (exit 3)
// means every test fails: a mutation can cause one (an invalid fixture scope
// aborts the collection), where failingTests reports a broken harness.
func suiteFailures(t *testing.T, dir string) []string {
	t.Helper()
	rec := &fatalRecorder{TB: t}
	var failed []string
	done := make(chan struct{})
	go func() {
		defer close(done)
		failed = failingTests(rec, dir)
	}()
	<-done
	switch {
	case rec.msg == "":
		return failed
	case strings.HasPrefix(rec.msg, "full suite: exit 3") && strings.Contains(rec.msg, "INTERNALERROR"):
		return []string{everything}
	}
	t.Fatal(rec.msg)
	return nil
}

// fatalRecorder ends only the goroutine that calls Fatal, keeping the message.
type fatalRecorder struct {
	testing.TB
	msg string
}

func (r *fatalRecorder) Fatalf(format string, args ...any) {
	r.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func (r *fatalRecorder) Fatal(args ...any) {
	r.msg = fmt.Sprint(args...)
	runtime.Goexit()
}

// fallbackReason asks `impacted select` why the plan is the whole suite.
func fallbackReason(t *testing.T, dir string) string {
	out, errOut, _ := impacted(t, dir, nil, "select")
	_, reason, _ := strings.Cut(out+errOut, "fallback_reason=")
	reason, _, _ = strings.Cut(reason, " ")
	reason, _, _ = strings.Cut(strings.Trim(reason, `"`), ":")
	return reason
}

func explainMiss(t *testing.T, dir string, m mutation, missed []string, p planned) string {
	out, errOut, code := impacted(t, dir, nil, "select", "-v")
	return fmt.Sprintf("MISS: %s at %s:%d: failing tests not selected: %s\n--- before\n%s\n+++ after\n%s\n"+
		"selection: ids=%v bases=%v files=%v\nimpacted select -v (exit %d):\n%s%s",
		m.Op, m.File, m.Line, strings.Join(missed, ", "), m.Before, m.After,
		keys(p.ids), keys(p.bases), keys(p.files), code, errOut, out)
}

type opStats struct{ n, broke, missed, full int }

// mutationStats sums the outcomes for the closing report.
type mutationStats struct {
	byOp       map[string]*opStats
	reasons    map[string]int // fallback reason, without its file -> count
	narrow     int
	shareTotal float64
}

func (s *mutationStats) add(op string, broke, missed bool, p planned, suite []string) {
	o := s.byOp[op]
	if o == nil {
		o = &opStats{}
		s.byOp[op] = o
	}
	o.n++
	o.broke += b2i(broke)
	o.missed += b2i(missed)
	o.full += b2i(p.full)
	if p.full {
		return
	}
	runs := 0
	for _, id := range suite {
		runs += b2i(p.runs(id))
	}
	s.narrow++
	s.shareTotal += float64(runs) / float64(len(suite))
}

func (s *mutationStats) log(t *testing.T) {
	var sum opStats
	ops := make([]string, 0, len(s.byOp))
	for op, o := range s.byOp {
		ops = append(ops, op)
		sum.n, sum.broke, sum.missed, sum.full = sum.n+o.n, sum.broke+o.broke, sum.missed+o.missed, sum.full+o.full
	}
	sort.Strings(ops)
	for _, op := range ops {
		o := s.byOp[op]
		t.Logf("%-20s mutations=%-3d broke=%-3d missed=%-3d full=%d", op, o.n, o.broke, o.missed, o.full)
	}
	mean := 0.0
	if s.narrow > 0 {
		mean = s.shareTotal / float64(s.narrow)
	}
	t.Logf("fallback reasons: %v", s.reasons)
	t.Logf("mutations=%d broke=%d missed=%d fallbacks=%d mean_selected_share=%.3f (of %d narrowed plans)",
		sum.n, sum.broke, sum.missed, sum.full, mean, s.narrow)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
