package covmap

import (
	"cmp"
	"fmt"
	"slices"
)

// endFile moves the current file into the arena, sorting its lines first if
// the input listed them out of order (coverage's JSON keys are unordered).
func (b *builder) endFile() error {
	if !slices.IsSorted(b.cur.lines) {
		sortLines(&b.cur)
	}
	for i := 1; i < len(b.cur.lines); i++ {
		if b.cur.lines[i] == b.cur.lines[i-1] {
			return fmt.Errorf("file %q lists line %d twice", b.path, b.cur.lines[i])
		}
	}
	a := &b.arena
	b.recs = append(b.recs, fileRec{
		path: b.path, lines: len(a.lines), setOff: len(a.setOff), data: len(a.data),
		nLines: len(b.cur.lines), nSets: len(b.cur.setOff) - 1, nData: len(b.cur.data),
	})
	a.lines = append(a.lines, b.cur.lines...)
	a.lset = append(a.lset, b.cur.lset...)
	a.setOff = append(a.setOff, b.cur.setOff...)
	a.data = append(a.data, b.cur.data...)
	return nil
}

// sortLines orders lines ascending, keeping each line's set with it.
func sortLines(d *fileData) {
	pairs := make([]uint64, len(d.lines))
	for i, l := range d.lines {
		pairs[i] = uint64(l)<<32 | uint64(d.lset[i])
	}
	slices.Sort(pairs)
	for i, p := range pairs {
		d.lines[i], d.lset[i] = uint32(p>>32), uint32(p)
	}
}

// finish renumbers tests in sorted order and returns the finished map, or
// ErrNoContexts when no context named a test.
func (b *builder) finish(source string) (*Map, error) {
	if len(b.tests) == 0 {
		return nil, ErrNoContexts
	}
	newID, sorted := sortTests(b.tests)
	a := &b.arena
	for _, r := range b.recs {
		data := a.data[r.data : r.data+r.nData]
		off := a.setOff[r.setOff : r.setOff+r.nSets+1]
		for s := 0; s < r.nSets; s++ {
			renumberSet(data[off[s]:off[s+1]], newID)
		}
	}
	slices.SortFunc(b.recs, func(x, y fileRec) int { return cmp.Compare(x.path, y.path) })
	m := &Map{tests: sorted, source: source}
	m.paths = make([]string, len(b.recs))
	m.files = make([]*File, len(b.recs))
	for i, r := range b.recs {
		m.paths[i] = r.path
		m.files[i] = &File{path: r.path, d: fileData{
			lines:  a.lines[r.lines : r.lines+r.nLines : r.lines+r.nLines],
			lset:   a.lset[r.lines : r.lines+r.nLines : r.lines+r.nLines],
			setOff: a.setOff[r.setOff : r.setOff+r.nSets+1 : r.setOff+r.nSets+1],
			data:   a.data[r.data : r.data+r.nData : r.data+r.nData],
		}}
	}
	return m, nil
}

// sortTests returns the sorted node ids and, per provisional id, its final id.
func sortTests(tests []string) (newID []uint32, sorted []string) {
	order := make([]uint32, len(tests))
	for i := range order {
		order[i] = uint32(i)
	}
	slices.SortFunc(order, func(x, y uint32) int { return cmp.Compare(tests[x], tests[y]) })
	newID = make([]uint32, len(tests))
	sorted = make([]string, len(tests))
	for rank, old := range order {
		newID[old] = uint32(rank)
		sorted[rank] = tests[old]
	}
	return newID, sorted
}

// renumberSet rewrites provisional test ids in one set and re-sorts it.
func renumberSet(set []uint32, newID []uint32) {
	for i, k := range set {
		if t := k >> phaseBits; t != importTest {
			set[i] = newID[t]<<phaseBits | k&phaseMask
		}
	}
	if len(set) > 1 {
		slices.Sort(set)
	}
}
