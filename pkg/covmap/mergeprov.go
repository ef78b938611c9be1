package covmap

import (
	"fmt"
	"maps"
	"slices"
)

// MergeError is why parts cannot make one map: the cause and the fix.
type MergeError struct{ Cause, Fix string }

func (e *MergeError) Error() string { return e.Cause + ": " + e.Fix }

// MergeProvenance is the record of the map that Merge makes from parts with
// these records: one commit, one Python, one uv.lock, and, for the shards
// of a split build, every shard of one split exactly once. Anything else is
// refused, because the merged map would describe no single tree, or would
// silently lack a shard's tests.
func MergeProvenance(parts []*Provenance) (*Provenance, error) {
	if len(parts) == 0 {
		return nil, &MergeError{"no maps to merge", "name the maps of every shard"}
	}
	for i, p := range parts {
		if p == nil {
			return nil, &MergeError{fmt.Sprintf("map %d has no build record", i+1), "merge maps written by `impacted map build`"}
		}
	}
	first := parts[0]
	out := *first
	out.Shard, out.Tests = nil, map[string]TestRecord{}
	for i, p := range parts {
		if err := agree(first, p, i+1); err != nil {
			return nil, err
		}
		out.Dirty = out.Dirty || p.Dirty
		out.FixturesRecorded = out.FixturesRecorded && p.FixturesRecorded
		out.Preloaded = UnionPaths(out.Preloaded, p.Preloaded)
		if !maps.Equal(out.Dists, p.Dists) {
			out.Dists = nil // no one environment: selections treat pins as they do without a record
		}
		if p.BuiltAt.After(out.BuiltAt) {
			out.BuiltAt = p.BuiltAt
		}
		for id, r := range p.Tests {
			if prev, ok := out.Tests[id]; !ok || worse(r.Outcome, prev.Outcome) {
				out.Tests[id] = r
			}
		}
	}
	if err := wholeSplit(parts); err != nil {
		return nil, err
	}
	return &out, nil
}

func agree(a, b *Provenance, i int) error {
	const rebuild = "rebuild every shard on the same commit and environment, then merge again"
	switch {
	case a.Commit != b.Commit:
		return &MergeError{fmt.Sprintf("map 1 was built on commit %s and map %d on %s", shortSHA(a.Commit), i, shortSHA(b.Commit)), rebuild}
	case a.Python != b.Python:
		return &MergeError{fmt.Sprintf("map 1 was built with Python %s and map %d with %s", a.Python, i, b.Python), rebuild}
	case a.UVLockSHA256 != b.UVLockSHA256:
		return &MergeError{fmt.Sprintf("map 1 and map %d were built with different uv.lock files", i), rebuild}
	case (a.Shard == nil) != (b.Shard == nil):
		return &MergeError{fmt.Sprintf("map 1 and map %d are not both shards of a split build", i), "merge the maps of `impacted map build --shard K/N`, one per shard"}
	}
	return nil
}

// wholeSplit checks that shard parts are the shards 1..N of one split.
func wholeSplit(parts []*Provenance) error {
	s := parts[0].Shard
	if s == nil {
		return nil
	}
	seen := map[int]bool{}
	for _, p := range parts {
		switch {
		case p.Shard.N != s.N || p.Shard.Split != s.Split:
			return &MergeError{fmt.Sprintf("the maps come from different splits (shard %d/%d of %s, shard %d/%d of %s)", s.K, s.N, s.Split, p.Shard.K, p.Shard.N, p.Shard.Split),
				"build every shard from the same earlier map (or none), then merge again"}
		case seen[p.Shard.K]:
			return &MergeError{fmt.Sprintf("shard %d/%d is given twice", p.Shard.K, s.N), "name each shard's map once"}
		}
		seen[p.Shard.K] = true
	}
	var missing []int
	for k := 1; k <= s.N; k++ {
		if !seen[k] {
			missing = append(missing, k)
		}
	}
	if len(missing) > 0 {
		return &MergeError{fmt.Sprintf("shards %v of %d are missing, so their tests would be missing from the map", missing, s.N), "merge the maps of all the shards"}
	}
	return nil
}

// worse orders outcomes so that a merged record keeps a failure.
func worse(a, b string) bool {
	rank := map[string]int{"error": 3, "failed": 2, "passed": 1, "skipped": 0}
	return rank[a] > rank[b]
}

func shortSHA(s string) string {
	if s == "" {
		return "(none)"
	}
	return s[:min(len(s), 12)]
}

// UnionPaths is the sorted union of two path lists.
func UnionPaths(a, b []string) []string {
	out := slices.Concat(a, b)
	slices.Sort(out)
	return slices.Compact(out)
}
