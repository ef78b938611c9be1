package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/history"
)

// TestRunHistoryAndStats: every run appends its metrics; stats counts the
// selections, the fallbacks by reason and the recorded time saved.
func TestRunHistoryAndStats(t *testing.T) {
	p := sharedShop(t)
	hist := filepath.Join(p.dir, ".cache", "impacted", "history.jsonl")
	os.Remove(hist)
	os.Remove(hist + ".1")
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	for _, args := range [][]string{{"run"}, {"run", "--full", "--", "--collect-only"}, {"run", "--shard", "2/2", "--", "--collect-only"}, {"run", "--dry-run"}} {
		if _, errOut, code := impacted(t, p.dir, nil, args...); code != 0 {
			t.Fatalf("impacted %v: exit %d\n%s", args, code, errOut)
		}
	}
	out, errOut, code := impacted(t, p.dir, nil, "stats", "--json")
	if code != 0 {
		t.Fatalf("stats: exit %d\n%s", code, errOut)
	}
	var s history.Summary
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("stats --json: %v\n%s", err, out)
	}
	if s.Runs != 3 || s.Selected != 2 || s.ByReason["forced"] != 1 || s.ComparedRuns != 3 {
		t.Errorf("stats after a selection, a forced full run, a shard and a dry run: %+v", s)
	}
	if s.FullSuiteS <= 0 || s.SavedS <= 0 || s.SavedS >= s.FullSuiteS || s.ShareMedian <= 0 || s.ShareMedian >= 0.4 {
		t.Errorf("stats: full suite %.3fs, saved %.3fs, share %.3f; want a saving below the suite's time", s.FullSuiteS, s.SavedS, s.ShareMedian)
	}
	text, _ := mustRun(t, p.dir, nil, impactedBin, "stats")
	for _, want := range []string{"runs:       3", "forced 1", "saved:"} {
		if !strings.Contains(text, want) {
			t.Errorf("stats does not say %q:\n%s", want, text)
		}
	}
}
