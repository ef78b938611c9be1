package main

import (
	"fmt"
	"sort"
	"testing"
)

type opStats struct{ n, broke, missed, full int }

// mutationStats sums one project's outcomes for the closing report.
type mutationStats struct {
	byOp       map[string]*opStats
	reasons    map[string]int // fallback reason, without its file -> count
	narrow     int
	shareTotal float64
}

func newMutationStats() *mutationStats {
	return &mutationStats{byOp: map[string]*opStats{}, reasons: map[string]int{}}
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

// log writes one line per operator, the fallback reasons and the summary.
func (s *mutationStats) log(t *testing.T) {
	ops := make([]string, 0, len(s.byOp))
	for op := range s.byOp {
		ops = append(ops, op)
	}
	sort.Strings(ops)
	for _, op := range ops {
		o := s.byOp[op]
		t.Logf("%-20s mutations=%-3d broke=%-3d missed=%-3d full=%d", op, o.n, o.broke, o.missed, o.full)
	}
	t.Logf("fallback reasons: %v", s.reasons)
	t.Log(s.summary())
}

// summary is the totals line: how many edits broke a test, were missed, fell
// back to the whole suite, and the mean share of the suite a narrowed plan runs.
func (s *mutationStats) summary() string {
	var sum opStats
	for _, o := range s.byOp {
		sum.n, sum.broke, sum.missed, sum.full = sum.n+o.n, sum.broke+o.broke, sum.missed+o.missed, sum.full+o.full
	}
	mean := 0.0
	if s.narrow > 0 {
		mean = s.shareTotal / float64(s.narrow)
	}
	return fmt.Sprintf("mutations=%d broke=%d missed=%d fallbacks=%d mean_selected_share=%.3f (of %d narrowed plans)",
		sum.n, sum.broke, sum.missed, sum.full, mean, s.narrow)
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
