// Package order decides in which order a selection's tests run, so that the
// first failure shows up as early as possible (and `pytest -x` stops
// sooner): the tests that failed when the map was built, then the tests
// that ran the changed lines themselves, then the rest; shortest first
// within each class, by the durations the map recorded. Order never changes
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
}

// Sort orders tests by class, then duration, then node id (so every xdist
// worker computes the same order), and returns their ids.
func Sort(tests []Test) []string {
	s := slices.Clone(tests)
	slices.SortStableFunc(s, func(a, b Test) int {
		return cmp.Or(cmp.Compare(a.Class, b.Class), cmp.Compare(a.DurationS, b.DurationS), cmp.Compare(a.ID, b.ID))
	})
	out := make([]string, len(s))
	for i, t := range s {
		out[i] = t.ID
	}
	return out
}
