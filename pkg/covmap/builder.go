package covmap

import (
	"fmt"
	"slices"
)

// A set entry packs a test and the phases it ran a line in: test<<phaseBits |
// phase mask. The import context has no test; it uses the largest test
// number so it sorts last and never collides with a real test.
const (
	phaseBits  = 4
	phaseMask  = 1<<phaseBits - 1
	importTest = 1<<(32-phaseBits) - 1
	importKey  = importTest<<phaseBits | uint32(PhaseImport)
)

// builder turns a stream of (file, line, contexts) into the index. Test ids
// are handed out in order of first sight while loading and renumbered to
// sorted order once in finish, so loaders never need a second pass.
type builder struct {
	ctx     map[string]uint32 // context -> entry with a provisional test id
	testIdx map[string]uint32 // node id -> provisional test id
	tests   []string

	arena fileData // all files, back to back
	recs  []fileRec

	cur    fileData          // the file being built; offsets are local to it
	path   string            // its path
	dedupe map[uint64]uint32 // hash of a set -> its local index
}

// fileData is the index of one file (or the arena of all): lines ascending,
// lset[i] is the set of lines[i], set s is data[setOff[s]:setOff[s+1]].
type fileData struct {
	lines, lset, setOff, data []uint32
}

// fileRec locates one finished file in the arena.
type fileRec struct {
	path                 string
	lines, setOff, data  int // offsets into the arena
	nLines, nSets, nData int
}

func newBuilder() *builder {
	return &builder{
		ctx:     make(map[string]uint32, 1<<12),
		testIdx: make(map[string]uint32, 1<<12),
		dedupe:  make(map[uint64]uint32, 256),
	}
}

// contextKey interns a context string; looking up a byte slice converted in
// the index expression does not allocate, so only new contexts cost a copy.
func (b *builder) contextKey(ctx []byte) (uint32, error) {
	if k, ok := b.ctx[string(ctx)]; ok {
		return k, nil
	}
	s := string(ctx)
	node, phase := SplitContext(s)
	if phase == PhaseImport {
		b.ctx[s] = importKey
		return importKey, nil
	}
	id, err := b.testID(node)
	if err != nil {
		return 0, err
	}
	k := id<<phaseBits | uint32(phase)
	b.ctx[s] = k
	return k, nil
}

// testID interns a node id and returns its provisional test id.
func (b *builder) testID(node string) (uint32, error) {
	id, ok := b.testIdx[node]
	if !ok {
		if len(b.tests) >= importTest {
			return 0, fmt.Errorf("more than %d tests", importTest-1)
		}
		id = uint32(len(b.tests))
		b.tests = append(b.tests, node)
		b.testIdx[node] = id
	}
	return id, nil
}

// beginFile starts collecting the lines of one measured file.
func (b *builder) beginFile(path string) {
	b.path = path
	b.cur.lines, b.cur.lset = b.cur.lines[:0], b.cur.lset[:0]
	b.cur.setOff, b.cur.data = append(b.cur.setOff[:0], 0), b.cur.data[:0]
	clear(b.dedupe)
}

// addSet stores the set of entries in keys (any order, repeats allowed; keys
// is reordered in place) once per file and returns its local index.
func (b *builder) addSet(keys []uint32) uint32 {
	keys = normalizeSet(keys)
	h := hashSet(keys)
	if id, ok := b.dedupe[h]; ok && slices.Equal(b.cur.set(id), keys) {
		return id
	}
	id := uint32(len(b.cur.setOff) - 1)
	b.cur.data = append(b.cur.data, keys...)
	b.cur.setOff = append(b.cur.setOff, uint32(len(b.cur.data)))
	if _, taken := b.dedupe[h]; !taken {
		b.dedupe[h] = id
	}
	return id
}

// addLine records that line ran in the contexts of set (from addSet).
func (b *builder) addLine(line, set uint32) {
	b.cur.lines = append(b.cur.lines, line)
	b.cur.lset = append(b.cur.lset, set)
}

func (d *fileData) set(i uint32) []uint32 { return d.data[d.setOff[i]:d.setOff[i+1]] }

// normalizeSet sorts entries and merges the phases of one test into one entry.
func normalizeSet(keys []uint32) []uint32 {
	slices.Sort(keys)
	out := keys[:0]
	for _, k := range keys {
		if n := len(out); n > 0 && out[n-1]>>phaseBits == k>>phaseBits {
			out[n-1] |= k
			continue
		}
		out = append(out, k)
	}
	return out
}

// hashSet is FNV-1a over the entries; a collision only costs a duplicate set.
func hashSet(keys []uint32) uint64 {
	h := uint64(14695981039346656037)
	for _, k := range keys {
		h = (h ^ uint64(k)) * 1099511628211
	}
	return h
}
