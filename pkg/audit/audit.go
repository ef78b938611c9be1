// Package audit compares how tests ended in a selected run and in a full run
// of the same tree, to check a selection after the fact: a test that fails
// in the full run but did not run in the selection is a miss, the one thing
// a selector must never do.
package audit

import (
	"fmt"
	"sort"
	"strings"
)

// Result is the comparison of the two runs.
type Result struct {
	Selected       int      // tests that ran in the selected run
	FailedSelected int      // ... and failed or errored there
	FailedFull     []string // tests that failed or errored in the full run
	// Missed failed in the full run and did not run in the selection.
	Missed []string
	// Flaky failed in the full run but passed in the selection (or the
	// other way round): not a miss, but worth knowing.
	Flaky []string
}

// Failing reports whether an outcome is a failure.
func Failing(outcome string) bool { return outcome == "failed" || outcome == "error" }

// Compare compares the outcomes (node id -> passed, skipped, failed, error)
// of the selected and the full run.
func Compare(selected, full map[string]string) Result {
	r := Result{Selected: len(selected)}
	for id, o := range selected {
		if Failing(o) {
			r.FailedSelected++
		}
		if f, ok := full[id]; ok && Failing(o) != Failing(f) {
			r.Flaky = append(r.Flaky, id)
		}
	}
	for id, o := range full {
		if !Failing(o) {
			continue
		}
		r.FailedFull = append(r.FailedFull, id)
		if _, ran := selected[id]; !ran && !coveredFile(selected, id) {
			r.Missed = append(r.Missed, id)
		}
	}
	sort.Strings(r.FailedFull)
	sort.Strings(r.Missed)
	sort.Strings(r.Flaky)
	return r
}

// coveredFile: a module that fails to import is recorded under its file's
// node id; a selection that ran any test of the file also met the error.
func coveredFile(selected map[string]string, id string) bool {
	if strings.Contains(id, "::") {
		return false
	}
	for s, o := range selected {
		if Failing(o) && (s == id || strings.HasPrefix(s, id+"::")) {
			return true
		}
	}
	return false
}

// Line is the greppable result line.
func (r Result) Line(fallback string, selectedS, fullS float64) string {
	if fallback == "" {
		fallback = "none"
	}
	verdict := "ok"
	if len(r.Missed) > 0 {
		verdict = "missed"
	}
	return fmt.Sprintf("impacted-audit: verdict=%s selected=%d failed_selected=%d failed_full=%d missed=%d flaky=%d fallback_reason=%s selected_s=%.2f full_s=%.2f",
		verdict, r.Selected, r.FailedSelected, len(r.FailedFull), len(r.Missed), len(r.Flaky), fallback, selectedS, fullS)
}
