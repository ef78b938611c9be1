package covmap

import (
	"fmt"
	"maps"
	"slices"
	"sort"
)

// Carry says how an old map's data moves to a later commit, for
// `impacted map update`: the tests the change selected are recorded again,
// every other test's lines follow the diff.
type Carry struct {
	// Move says where an old file is now and where each of its lines
	// went; ok false drops the file (deleted, or not a text change).
	Move func(path string) (newPath string, mapLine func(int) []int, ok bool)
	// Keep says whether an old test's lines are carried forward: false
	// for the tests recorded again and for tests that are gone.
	Keep func(nodeID string) bool
}

// Update carries old forward by c and adds fresh, the tests recorded again
// (nil when none were). The fresh run collected only the selected tests'
// files, so its import-time data covers the modules it imported: an old
// import-time line is replaced only when every module whose top-level code
// ran it (the import contexts) was imported again; a line no module is
// known to have run, or one from a module not imported again, is carried.
func Update(old *Map, c Carry, fresh *Map) (*Map, error) {
	b := newBuilder()
	again := map[string]bool{} // modules whose top-level code the fresh run executed
	var freshImports Imports
	if fresh != nil {
		freshImports = fresh.ImportContexts()
		for _, mods := range freshImports {
			for mod := range mods {
				again[mod] = true
			}
		}
	}
	oldIDs := testIDs(old.tests, c.Keep)
	byPath := map[string][]carried{}
	for i, path := range old.paths {
		newPath, mapLine, ok := c.Move(path)
		if !ok {
			continue
		}
		keep := importKept(old.ImportContexts()[path], again, c.Move)
		byPath[newPath] = append(byPath[newPath], carried{f: old.fileAt(i), tests: old.tests, ids: oldIDs, mapLine: mapLine, keepImport: keep})
	}
	if fresh != nil {
		freshIDs := testIDs(fresh.tests, nil)
		for i, path := range fresh.paths {
			byPath[path] = append(byPath[path], carried{f: fresh.fileAt(i), tests: fresh.tests, ids: freshIDs})
		}
	}
	for _, path := range slices.Sorted(maps.Keys(byPath)) {
		if err := carryFile(b, path, byPath[path]); err != nil {
			return nil, err
		}
	}
	m, err := b.finish("update")
	if err != nil {
		return nil, err
	}
	imports := carryImports(old.ImportContexts(), c.Move, again)
	mergeImports(imports, freshImports)
	return m, m.setImports(imports)
}

// carried is one source of a new file's lines: an old file moved through
// the diff, or a freshly recorded one (mapLine nil: lines stay).
type carried struct {
	f          *File
	tests      []string        // the node ids of f's map
	ids        []int64         // per test of f's map, its id in the builder; -1 drops it
	mapLine    func(int) []int // old line -> new lines
	keepImport func(int) bool  // whether an old import-time line is carried; nil keeps all
}

// Marks in a carried part's ids: a test not (yet) given a builder id.
const (
	dropTest  = -1 // not carried
	laterTest = -2 // carried; interned when a line of it is, so a test with no line left is not in the map
)

// testIDs marks each node id kept or dropped.
func testIDs(tests []string, keep func(string) bool) []int64 {
	ids := make([]int64, len(tests))
	for i, node := range tests {
		ids[i] = dropTest
		if keep == nil || keep(node) {
			ids[i] = laterTest
		}
	}
	return ids
}

// carryFile writes one new file: for each new line, the union of what its
// sources say. Lines mostly share sets, so the union of a line's sources
// is computed once per distinct combination.
func carryFile(b *builder, path string, parts []carried) error {
	sources := map[uint32][]uint32{} // new line -> part<<24 | set<<1 | import kept
	for p, part := range parts {
		d := &part.f.d
		if len(d.setOff) > 1<<23 || p >= 1<<8 {
			return fmt.Errorf("file %q: too many distinct sets of tests to carry forward", path)
		}
		for i, l := range d.lines {
			src := uint32(p)<<24 | d.lset[i]<<1 | 1
			if part.keepImport != nil && !part.keepImport(int(l)) {
				src &^= 1
			}
			if part.mapLine == nil {
				sources[l] = append(sources[l], src)
				continue
			}
			for _, nl := range part.mapLine(int(l)) {
				sources[uint32(nl)] = append(sources[uint32(nl)], src)
			}
		}
	}
	b.beginFile(path)
	memo := map[string]uint32{}
	var keys []uint32
	for _, l := range slices.Sorted(maps.Keys(sources)) {
		srcs := sources[l]
		slices.Sort(srcs)
		srcs = slices.Compact(srcs)
		id := string(uint32Bytes(srcs))
		set, ok := memo[id]
		if !ok {
			keys = keys[:0]
			for _, src := range srcs {
				var err error
				if keys, err = parts[src>>24].appendKeys(b, keys, src>>1&(1<<23-1), src&1 == 1); err != nil {
					return err
				}
			}
			if len(keys) == 0 {
				memo[id] = ^uint32(0)
				continue
			}
			set = b.addSet(keys)
			memo[id] = set
		}
		if set != ^uint32(0) {
			b.addLine(l, set)
		}
	}
	if len(b.cur.lines) == 0 {
		return nil // nothing of the file was carried
	}
	return b.endFile()
}

// appendKeys appends the builder keys of set s of the part: its kept tests'
// entries, and the import-time entry when withImport.
func (c carried) appendKeys(b *builder, keys []uint32, s uint32, withImport bool) ([]uint32, error) {
	for _, k := range c.f.d.set(s) {
		if k == importKey {
			if withImport {
				keys = append(keys, importKey)
			}
			continue
		}
		t := k >> phaseBits
		if c.ids[t] == laterTest {
			id, err := b.testID(c.tests[t])
			if err != nil {
				return nil, err
			}
			c.ids[t] = int64(id)
		}
		if id := c.ids[t]; id >= 0 {
			keys = append(keys, uint32(id)<<phaseBits|k&phaseMask)
		}
	}
	return keys, nil
}

func uint32Bytes(xs []uint32) []byte {
	out := make([]byte, 0, 4*len(xs))
	for _, x := range xs {
		out = append(out, byte(x), byte(x>>8), byte(x>>16), byte(x>>24))
	}
	return out
}

// importKept says, for an old file's lines, whether their import-time
// context is carried: unless every module known to have run the line at
// import (mods, from the old import contexts) was imported again.
func importKept(mods map[string][]int, again map[string]bool, move func(string) (string, func(int) []int, bool)) func(int) bool {
	if len(again) == 0 || len(mods) == 0 {
		return nil
	}
	type modLines struct {
		lines []int
		again bool
	}
	var ms []modLines
	for mod, lines := range mods {
		newMod, _, ok := move(mod)
		ms = append(ms, modLines{lines, ok && again[newMod]})
	}
	return func(l int) bool {
		known := false
		for _, m := range ms {
			if i := sort.SearchInts(m.lines, l); i < len(m.lines) && m.lines[i] == l {
				if !m.again {
					return true
				}
				known = true
			}
		}
		return !known
	}
}

// carryImports moves import contexts (files, modules and lines) through
// move, leaving out the modules imported again (again holds new paths).
func carryImports(old Imports, move func(string) (string, func(int) []int, bool), again map[string]bool) Imports {
	out := Imports{}
	for path, mods := range old {
		newPath, mapLine, ok := move(path)
		if !ok {
			continue
		}
		for mod, ls := range mods {
			newMod, _, ok := move(mod)
			if !ok || again[newMod] {
				continue
			}
			if out[newPath] == nil {
				out[newPath] = map[string][]int{}
			}
			for _, l := range ls {
				out[newPath][newMod] = append(out[newPath][newMod], mapLine(l)...)
			}
		}
	}
	return out
}
