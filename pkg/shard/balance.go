package shard

import (
	"cmp"
	"slices"
	"sort"
)

// Test is one test to place, with the duration the map recorded for it.
type Test struct {
	ID        string
	DurationS float64
	// Timed says DurationS was recorded; an untimed test counts at the
	// median of the timed ones (1s when none is timed, which splits by count).
	Timed bool
}

// Split is where every known test goes.
type Split struct {
	N        int
	Shards   [][]string // node ids per shard, sorted
	Expected []float64  // expected seconds per shard
	Untimed  int        // tests counted at the median
	Median   float64
}

// Balance places tests (duplicates count once) on n shards.
func Balance(tests []Test, n int) Split {
	tests = dedupe(tests)
	med := median(tests)
	s := Split{N: n, Shards: make([][]string, n), Expected: make([]float64, n), Median: med}
	cost := make([]float64, len(tests))
	for i, t := range tests {
		cost[i] = t.DurationS
		if !t.Timed || t.DurationS < 0 {
			cost[i] = med
			s.Untimed++
		}
	}
	order := make([]int, len(tests))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		if c := cmp.Compare(cost[b], cost[a]); c != 0 {
			return c
		}
		return cmp.Compare(tests[a].ID, tests[b].ID)
	})
	for _, i := range order {
		k := lightest(s.Expected)
		s.Expected[k] += cost[i]
		s.Shards[k] = append(s.Shards[k], tests[i].ID)
	}
	for _, ids := range s.Shards {
		sort.Strings(ids)
	}
	return s
}

// lightest is the shard with the least expected time, the lowest on a tie.
func lightest(loads []float64) int {
	k := 0
	for i, l := range loads {
		if l < loads[k] {
			k = i
		}
	}
	return k
}

func dedupe(tests []Test) []Test {
	seen := make(map[string]bool, len(tests))
	out := make([]Test, 0, len(tests))
	for _, t := range tests {
		if !seen[t.ID] {
			seen[t.ID] = true
			out = append(out, t)
		}
	}
	return out
}

// median of the timed durations; 1 when none is timed.
func median(tests []Test) float64 {
	var ds []float64
	for _, t := range tests {
		if t.Timed && t.DurationS >= 0 {
			ds = append(ds, t.DurationS)
		}
	}
	if len(ds) == 0 {
		return 1
	}
	slices.Sort(ds)
	if len(ds)%2 == 1 {
		return ds[len(ds)/2]
	}
	return (ds[len(ds)/2-1] + ds[len(ds)/2]) / 2
}

// Mean is the mean expected time of a shard.
func (s Split) Mean() float64 {
	total := 0.0
	for _, e := range s.Expected {
		total += e
	}
	return total / float64(max(s.N, 1))
}

// Slowest is the largest expected time of a shard.
func (s Split) Slowest() float64 { return slices.Max(append([]float64{0}, s.Expected...)) }

// Ratio is the slowest shard against the mean: 1 is a perfect balance.
func (s Split) Ratio() float64 {
	if m := s.Mean(); m > 0 {
		return s.Slowest() / m
	}
	return 1
}
