// Package order decides in which order a selection's tests run, so that the
// first failure shows up as early as possible (and `pytest -x` stops
// sooner): the tests that failed when the map was built, then the tests
// that ran the changed lines themselves, shortest first by the durations
// the map recorded, then the rest in pytest's order. Among the tests that
// ran changed lines, those that ran a line few other tests run come first:
// a deleted guard clause is run by every caller but tested by the one test
// that reaches its raise. The rest (selected by wider rules) keep pytest's
// order, which keeps a test file's tests together: sorting them by
// duration found the first failure later over the scenario suite
// (scripts/bench_order.py). Order never changes
// what runs, only when.
package order

import (
	"cmp"
	"slices"
)

// Class is how likely a test is to fail on this change; lower runs first.
type Class int

const (
	FailedAtBuild Class = iota // failed or errored when the map was built
	RanChange                  // ran a changed line, or is a changed test
	Rest                       // selected by a wider rule
)

// Test is one candidate with what is known about it.
type Test struct {
	ID        string
	Class     Class
	DurationS float64 // 0 when unknown (a new test: likely to matter)
	// Spread is how many tests ran the rarest changed line this test ran
	// (RanChange only; 0 when unknown).
	Spread int
}

// Sort orders tests by class, spread, duration, then node id (so every xdist
// worker computes the same order), and returns their ids; the Rest are
// left out, for the runner to run after them in its own order.
func Sort(tests []Test) []string {
	s := slices.DeleteFunc(slices.Clone(tests), func(t Test) bool { return t.Class == Rest })
	slices.SortStableFunc(s, func(a, b Test) int {
		return cmp.Or(cmp.Compare(a.Class, b.Class), cmp.Compare(a.Spread, b.Spread), cmp.Compare(a.DurationS, b.DurationS), cmp.Compare(a.ID, b.ID))
	})
	out := make([]string, len(s))
	for i, t := range s {
		out[i] = t.ID
	}
	return out
}
