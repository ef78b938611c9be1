package covmap

import (
	"cmp"
	"slices"
)

// hitTable holds every (file, line, context key) the collector's processes
// saw, flat, until the map is built: a million of them on a suite of 2000
// short tests, so they are grouped by counting, not by sorting or by
// growing a slice per file.
type hitTable struct {
	paths   []string
	index   map[string]uint32 // path -> index in paths
	maxLine []uint32          // per file
	files   []uint32          // per hit: its file
	hit     []uint64          // per hit: line<<32 | context key
}

func newHitTable() *hitTable { return &hitTable{index: map[string]uint32{}} }

// file interns path.
func (t *hitTable) file(path string) uint32 {
	f, ok := t.index[path]
	if !ok {
		f = uint32(len(t.paths))
		t.paths, t.maxLine = append(t.paths, path), append(t.maxLine, 0)
		t.index[path] = f
	}
	return f
}

// grow makes room for n more hits at once.
func (t *hitTable) grow(n int) {
	t.files, t.hit = slices.Grow(t.files, n), slices.Grow(t.hit, n)
}

func (t *hitTable) add(file, line, key uint32) {
	t.files = append(t.files, file)
	t.hit = append(t.hit, uint64(line)<<32|uint64(key))
	t.maxLine[file] = max(t.maxLine[file], line)
}

// build feeds the hits through b, file by file in path order, each file's
// grouped by line (a line's keys in any order: addSet sorts them).
func (t *hitTable) build(b *builder, source string) (*Map, error) {
	start := make([]int, len(t.paths)+1)
	for _, f := range t.files {
		start[f+1]++
	}
	for f := range t.paths {
		start[f+1] += start[f]
	}
	byFile, next := make([]uint64, len(t.hit)), slices.Clone(start)
	for i, f := range t.files {
		byFile[next[f]] = t.hit[i]
		next[f]++
	}
	order := make([]uint32, len(t.paths))
	for f := range order {
		order[f] = uint32(f)
	}
	slices.SortFunc(order, func(x, y uint32) int { return cmp.Compare(t.paths[x], t.paths[y]) })
	var g lineGrouper
	for _, f := range order {
		b.beginFile(t.paths[f])
		g.group(byFile[start[f]:start[f+1]], t.maxLine[f], func(line uint32, keys []uint32) {
			b.addLine(line, b.addSet(keys))
		})
		if err := b.endFile(); err != nil {
			return nil, err
		}
	}
	return b.finish(source)
}

// lineGrouper groups one file's hits by line, its buffers reused from file
// to file.
type lineGrouper struct {
	start []int
	keys  []uint32
}

// group calls each once per line that hs holds, in ascending line order,
// with that line's keys. A dense file (lines up to maxLine) is grouped by
// counting; a sparse one (a few hits on huge line numbers) by sorting.
func (g *lineGrouper) group(hs []uint64, maxLine uint32, each func(line uint32, keys []uint32)) {
	if int(maxLine) > 8*len(hs)+4096 {
		g.sorted(hs, each)
		return
	}
	g.start = slices.Grow(g.start[:0], int(maxLine)+2)[:int(maxLine)+2]
	clear(g.start)
	for _, h := range hs {
		g.start[h>>32+1]++
	}
	for l := 0; l <= int(maxLine); l++ {
		g.start[l+1] += g.start[l]
	}
	g.keys = slices.Grow(g.keys[:0], len(hs))[:len(hs)]
	next := g.start[:int(maxLine)+1]
	for _, h := range hs {
		l := h >> 32
		g.keys[next[l]] = uint32(h)
		next[l]++
	}
	// next[l] is now where line l ends, which is where line l+1 begins.
	from := 0
	for l, end := range next {
		if end > from {
			each(uint32(l), g.keys[from:end])
		}
		from = end
	}
}

// sorted is group for sparse files.
func (g *lineGrouper) sorted(hs []uint64, each func(line uint32, keys []uint32)) {
	slices.Sort(hs)
	for i := 0; i < len(hs); {
		line := uint32(hs[i] >> 32)
		g.keys = g.keys[:0]
		for ; i < len(hs) && uint32(hs[i]>>32) == line; i++ {
			g.keys = append(g.keys, uint32(hs[i]))
		}
		each(line, g.keys)
	}
}
