package covmap

import (
	"slices"
	"sort"
)

// File is the coverage of one measured file.
type File struct {
	path string
	d    fileData
}

// Path returns the file's path exactly as the map recorded it.
func (f *File) Path() string { return f.path }

// Lines returns the executed lines, ascending.
func (f *File) Lines() []int {
	out := make([]int, len(f.d.lines))
	for i, l := range f.d.lines {
		out[i] = int(l)
	}
	return out
}

// Range returns the union of the tests that executed any line in [lo, hi],
// sorted, and the union of the phases seen there.
func (f *File) Range(lo, hi int) ([]TestID, Phase) {
	if hi < lo || hi < 0 || len(f.d.lines) == 0 {
		return nil, 0
	}
	lo = max(lo, 0)
	i := sort.Search(len(f.d.lines), func(i int) bool { return int(f.d.lines[i]) >= lo })
	var sets []uint32
	for ; i < len(f.d.lines) && int(f.d.lines[i]) <= hi; i++ {
		sets = append(sets, f.d.lset[i])
	}
	return f.union(sets)
}

// All returns the tests that executed any line of the file, and the phases.
func (f *File) All() ([]TestID, Phase) {
	sets := make([]uint32, len(f.d.setOff)-1)
	for i := range sets {
		sets[i] = uint32(i)
	}
	return f.union(sets)
}

// union merges the given sets (repeats allowed) into sorted test ids.
func (f *File) union(sets []uint32) ([]TestID, Phase) {
	if len(sets) == 0 {
		return nil, 0
	}
	slices.Sort(sets)
	sets = slices.Compact(sets)
	var phase Phase
	var ids []TestID
	for _, s := range sets {
		for _, k := range f.d.set(s) {
			phase |= Phase(k & phaseMask)
			if t := k >> phaseBits; t != importTest {
				ids = append(ids, TestID(t))
			}
		}
	}
	if len(sets) > 1 {
		slices.Sort(ids)
		ids = slices.Compact(ids)
	}
	return ids, phase
}

// contexts calls fn for every line with its contexts, phase suffixes
// restored and the import-time context first; it is how WriteJSON
// reproduces a coverage.py report.
func (f *File) contexts(tests []string, fn func(line int, ctxs []string) error) error {
	var ctxs []string
	for i, l := range f.d.lines {
		ctxs = ctxs[:0]
		set := f.d.set(f.d.lset[i])
		if n := len(set); n > 0 && set[n-1] == importKey {
			ctxs, set = append(ctxs, ""), set[:n-1]
		}
		for _, k := range set {
			for p := PhaseSetup; p <= PhaseTeardown; p <<= 1 {
				if Phase(k)&p != 0 {
					ctxs = append(ctxs, joinContext(tests[k>>phaseBits], p))
				}
			}
		}
		if err := fn(int(l), ctxs); err != nil {
			return err
		}
	}
	return nil
}
