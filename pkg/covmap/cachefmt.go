package covmap

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
)

// The cache file is a 64-byte header followed by little-endian uint32
// sections, so a load reads the header, the strings and a fixed-size file
// directory and leaves every file's lines and sets alone until File asks:
//
//	header   magic, version, flags, source size/mtime/fingerprint, length, crc32c(body), #tests, #files
//	absPath  len, bytes (padded to 4)
//	prov     len, bytes (padded)
//	imports  len, bytes (padded): the raw import contexts
//	tests    len of each, then len, blob (padded)
//	paths    len of each, then len, blob (padded)
//	dir      per file: offset of its section, #lines, #sets, #entries
//	sections per file: lines, lset, setOff (#sets+1), data
const (
	cacheMagic   = "IMPCVMAP"
	cacheVersion = 2
	headerLen    = 64
	flagSQLite   = 1
	dirEntryLen  = 16
)

var errBadCache = errors.New("corrupt cache")

// encodeCache serialises a fully decoded map.
func encodeCache(m *Map, k *cacheKey) ([]byte, error) {
	var w cacheWriter
	w.b = make([]byte, headerLen, headerLen+64*len(m.files))
	w.str(k.abs)
	w.str(string(m.prov.raw))
	w.str(string(m.imports.raw))
	w.strs(m.tests)
	w.strs(m.paths)
	dir := len(w.b)
	w.b = append(w.b, make([]byte, dirEntryLen*len(m.files))...)
	for i := range m.files {
		f := m.fileAt(i)
		e := w.b[dir+dirEntryLen*i:]
		le.PutUint32(e, uint32(len(w.b)))
		le.PutUint32(e[4:], uint32(len(f.d.lines)))
		le.PutUint32(e[8:], uint32(len(f.d.setOff)-1))
		le.PutUint32(e[12:], uint32(len(f.d.data)))
		for _, s := range [][]uint32{f.d.lines, f.d.lset, f.d.setOff, f.d.data} {
			w.u32s(s)
		}
	}
	if len(w.b) > math.MaxUint32 {
		return nil, errors.New("index too large to cache")
	}
	putHeader(w.b, m, k)
	return w.b, nil
}

// putHeader fills the header of the finished cache file b.
func putHeader(b []byte, m *Map, k *cacheKey) {
	h := b[:headerLen]
	copy(h, cacheMagic)
	le.PutUint32(h[8:], cacheVersion)
	if m.prov.sidecar != "" {
		le.PutUint32(h[12:], flagSQLite)
	}
	le.PutUint64(h[16:], uint64(k.size))
	le.PutUint64(h[24:], uint64(k.mtime))
	le.PutUint64(h[32:], k.fingerprint)
	le.PutUint64(h[40:], uint64(len(b)))
	le.PutUint32(h[48:], crc32.Checksum(b[headerLen:], crc32.MakeTable(crc32.Castagnoli)))
	le.PutUint32(h[52:], uint32(len(m.tests)))
	le.PutUint32(h[56:], uint32(len(m.files)))
}

var le = binary.LittleEndian

// cacheWriter appends 4-byte aligned sections.
type cacheWriter struct{ b []byte }

func (w *cacheWriter) u32(v uint32) { w.b = le.AppendUint32(w.b, v) }

func (w *cacheWriter) u32s(vs []uint32) {
	for _, v := range vs {
		w.b = le.AppendUint32(w.b, v)
	}
}

func (w *cacheWriter) str(s string) {
	w.u32(uint32(len(s)))
	w.b = append(w.b, s...)
	w.pad()
}

// strs writes every length first, then one blob, so loading makes one string.
func (w *cacheWriter) strs(ss []string) {
	n := 0
	for _, s := range ss {
		w.u32(uint32(len(s)))
		n += len(s)
	}
	w.u32(uint32(n))
	for _, s := range ss {
		w.b = append(w.b, s...)
	}
	w.pad()
}

func (w *cacheWriter) pad() {
	for len(w.b)%4 != 0 {
		w.b = append(w.b, 0)
	}
}
