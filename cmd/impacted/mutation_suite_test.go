package main

import (
	"fmt"
	"runtime"
	"strings"
	"testing"
)

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
// aborts the collection, a broken module a pytest_plugins entry imports stops
// pytest before it collects), where failingTests reports a broken harness.
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
	case strings.HasPrefix(rec.msg, "full suite: exit 3") &&
		(strings.Contains(rec.msg, "INTERNALERROR") || strings.Contains(rec.msg, "Error while loading plugin")):
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
