package covmap

import (
	"hash/crc32"
	"sort"
)

// cacheView is a validated cache file kept in memory for lazy decoding.
type cacheView struct {
	b      []byte
	dir    int // offset of the file directory
	nTests uint32
}

// decodeCache checks the header, the length and the checksum of b against
// the map described by k, then decodes the strings and directory only.
func decodeCache(b []byte, k *cacheKey) (*Map, error) {
	if len(b) < headerLen || string(b[:8]) != cacheMagic || le.Uint32(b[8:]) != cacheVersion {
		return nil, errBadCache
	}
	if le.Uint64(b[16:]) != uint64(k.size) || le.Uint64(b[24:]) != uint64(k.mtime) ||
		le.Uint64(b[32:]) != k.fingerprint || le.Uint64(b[40:]) != uint64(len(b)) {
		return nil, errBadCache
	}
	if crc32.Checksum(b[headerLen:], crc32.MakeTable(crc32.Castagnoli)) != le.Uint32(b[48:]) {
		return nil, errBadCache
	}
	r := cacheReader{b: b, off: headerLen}
	nTests, nFiles := int(le.Uint32(b[52:])), int(le.Uint32(b[56:]))
	abs, prov, imps := r.str(), r.str(), r.str()
	tests, paths := r.strs(nTests), r.strs(nFiles)
	dir := r.off
	r.skip(dirEntryLen * nFiles)
	if r.bad || abs != k.abs || !sort.StringsAreSorted(paths) {
		return nil, errBadCache
	}
	v := &cacheView{b: b, dir: dir, nTests: uint32(nTests)}
	for i := range nFiles {
		if _, ok := v.entry(i); !ok {
			return nil, errBadCache
		}
	}
	m := &Map{tests: tests, paths: paths, source: "cache", files: make([]*File, nFiles), lazy: v}
	m.prov.raw = []byte(prov)
	if imps != "" {
		m.imports.raw = []byte(imps)
	}
	if le.Uint32(b[12:])&flagSQLite != 0 {
		m.prov.sidecar = SidecarPath(k.abs)
	}
	return m, nil
}

// dirEntry locates one file's section.
type dirEntry struct{ off, nLines, nSets, nData int }

// entry reads and bounds-checks the i-th directory entry.
func (v *cacheView) entry(i int) (dirEntry, bool) {
	e := v.b[v.dir+dirEntryLen*i:]
	d := dirEntry{int(le.Uint32(e)), int(le.Uint32(e[4:])), int(le.Uint32(e[8:])), int(le.Uint32(e[12:]))}
	size := 4 * (2*d.nLines + d.nSets + 1 + d.nData)
	return d, d.off%4 == 0 && d.off >= v.dir && size >= 0 && d.off+size <= len(v.b)
}

// file decodes the i-th file. The checksum already vouched for the bytes, so
// a section that does not hold together is a bug in the writer; it decodes
// as a file without lines rather than crashing the caller.
func (v *cacheView) file(i int, path string) *File {
	e, _ := v.entry(i)
	r := cacheReader{b: v.b, off: e.off}
	d := fileData{lines: r.u32s(e.nLines), lset: r.u32s(e.nLines), setOff: r.u32s(e.nSets + 1), data: r.u32s(e.nData)}
	if r.bad || !v.valid(&d) {
		return &File{path: path, d: fileData{setOff: []uint32{0}}}
	}
	return &File{path: path, d: d}
}

// valid checks that every index in d points inside d.
func (v *cacheView) valid(d *fileData) bool {
	nSets := uint32(len(d.setOff) - 1)
	for i, s := range d.lset {
		if s >= nSets || i > 0 && d.lines[i] <= d.lines[i-1] {
			return false
		}
	}
	for s := range nSets {
		if d.setOff[s] > d.setOff[s+1] {
			return false
		}
	}
	if d.setOff[0] != 0 || d.setOff[nSets] != uint32(len(d.data)) {
		return false
	}
	for _, k := range d.data {
		if t := k >> phaseBits; t != importTest && t >= v.nTests {
			return false
		}
	}
	return true
}

// cacheReader reads sections, remembering any overrun instead of panicking.
type cacheReader struct {
	b   []byte
	off int
	bad bool
}

func (r *cacheReader) skip(n int) (start int) {
	start = r.off
	if n < 0 || r.off+n > len(r.b) {
		r.bad, r.off = true, len(r.b)
		return start
	}
	r.off += n
	return start
}

func (r *cacheReader) u32() int {
	s := r.skip(4)
	if r.bad {
		return 0
	}
	return int(le.Uint32(r.b[s:]))
}

func (r *cacheReader) u32s(n int) []uint32 {
	s := r.skip(4 * n)
	if r.bad {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = le.Uint32(r.b[s+4*i:])
	}
	return out
}

func (r *cacheReader) str() string {
	n := r.u32()
	s := r.skip(n)
	r.skip((4 - n%4) % 4)
	if r.bad {
		return ""
	}
	return string(r.b[s : s+n])
}

// strs reads n strings as slices of one string.
func (r *cacheReader) strs(n int) []string {
	lens := r.u32s(n)
	blob := r.str()
	if r.bad {
		return nil
	}
	out := make([]string, n)
	at := 0
	for i, l := range lens {
		if at+int(l) > len(blob) {
			r.bad = true
			return nil
		}
		out[i] = blob[at : at+int(l)]
		at += int(l)
	}
	return out
}
