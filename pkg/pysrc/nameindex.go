package pysrc

import (
	"sort"
	"sync"
)

// nameIndex locates every name of a module once, so that asking where one
// name occurs costs a lookup and a binary search per span instead of a pass
// over the module's tokens: the selector asks for hundreds of names of a
// 5,000-line module (more-itertools' more.py) in one selection.
type nameIndex struct {
	once sync.Once
	// refs: the NAME tokens of each spelling that are no attribute (no dot
	// before them); embeddedRefs: the String tokens holding it as a plain
	// name in an f-string field. What References counts.
	refs, embeddedRefs map[string][]int32
	// occurs: the NAME tokens of each spelling (attributes too) and the
	// plain string literals of that value; embedded: the entries of
	// Module.embedded holding it, of any kind. What Occurrences counts.
	occurs, embedded map[string][]int32
	// regions: where References looks, by token order: each unit's
	// decorators and signature, each function's body, each statement of
	// the module or a class body. overlap: two of them overlap, so
	// References must ask each in turn.
	regions []refRegion
	overlap bool
}

// refRegion is a span References looks in: unit is the unit it belongs
// to (the class, for a class body's statement; -1 for the module's), stmt
// marks a statement of a scope, skip is the def or class name token of a
// signature (no reference to itself).
type refRegion struct {
	lo, hi, unit, skip int
	stmt               bool
}

// index returns the module's name index, built on first use. A Module built
// by hand rather than by Parse gets one afresh on each call.
func (m *Module) index() *nameIndex {
	x := &nameIndex{}
	if m.lazy != nil {
		x = &m.lazy.nameIdx
	}
	x.once.Do(func() { x.build(m) })
	return x
}

func (x *nameIndex) build(m *Module) {
	x.refs, x.occurs = map[string][]int32{}, map[string][]int32{}
	x.embeddedRefs, x.embedded = map[string][]int32{}, map[string][]int32{}
	for i := range m.toks.list {
		switch m.toks.typ(i) {
		case Name:
			t := m.toks.text(i)
			x.occurs[t] = append(x.occurs[t], int32(i))
			if i == 0 || !m.toks.is(i-1, Op, ".") {
				x.refs[t] = append(x.refs[t], int32(i))
			}
		case String:
			if v, ok := unquote(m.toks.text(i)); ok {
				x.occurs[v] = append(x.occurs[v], int32(i))
			}
		}
	}
	x.buildRegions(m)
	for k, e := range m.embedded {
		x.embedded[e.name] = append(x.embedded[e.name], int32(k))
		if e.kind == embedName {
			x.embeddedRefs[e.name] = append(x.embeddedRefs[e.name], int32(e.tok))
		}
	}
}

func (x *nameIndex) buildRegions(m *Module) {
	for u, sp := range m.spans {
		for _, h := range sp.header {
			x.regions = append(x.regions, refRegion{lo: h.lo, hi: h.hi, unit: u, skip: sp.name})
		}
		if m.Units[u].Kind == KindFunc {
			x.regions = append(x.regions, refRegion{lo: sp.body.lo, hi: sp.body.hi, unit: u, skip: -1})
		}
	}
	for _, sc := range m.scopes {
		for _, st := range sc.stmts {
			if !st.marker {
				x.regions = append(x.regions, refRegion{lo: st.lo, hi: st.hi, unit: sc.unit, skip: -1, stmt: true})
			}
		}
	}
	sort.SliceStable(x.regions, func(i, j int) bool { return x.regions[i].lo < x.regions[j].lo })
	for i := 1; i < len(x.regions); i++ {
		x.overlap = x.overlap || x.regions[i].lo < x.regions[i-1].hi
	}
}

// region returns the region holding token pos.
func (x *nameIndex) region(pos int) (refRegion, bool) {
	k := sort.Search(len(x.regions), func(k int) bool { return x.regions[k].hi > pos })
	if k < len(x.regions) && x.regions[k].lo <= pos {
		return x.regions[k], true
	}
	return refRegion{}, false
}

// within reports whether a sorted list of token indexes holds one in
// [lo, hi) other than skip.
func within(pos []int32, lo, hi, skip int) bool {
	k := sort.Search(len(pos), func(k int) bool { return int(pos[k]) >= lo })
	for ; k < len(pos) && int(pos[k]) < hi; k++ {
		if int(pos[k]) != skip {
			return true
		}
	}
	return false
}
