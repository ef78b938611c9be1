package selector

import (
	"bytes"
	"sort"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pysrc"
)

// editedOffImport reports whether an edit of function u's body touched
// only code inside a block that never ran at import or collection time,
// though other lines of u did (a PEP 562 module __getattr__ answering a
// probe for one name, a helper whose first branch runs while a module
// loads). Then the import-time behaviour is the same as before, and the
// edit is an ordinary body change: the tests that ran u.
//
// Each hunk's old and new lines must sit deeper than a block header
// (a line ending in ':') inside u's body whose body's first recorded
// line never ran at import: a block is entered at its first statement,
// and code indented under it runs only when it is.
func (s *state) editedOffImport(p string, u pysrc.Unit, oldSrc []byte) bool {
	hunks, ok := s.hunks(p)
	files := s.mapFiles(p)
	if !ok || len(files) == 0 {
		return false
	}
	newSrc, err := s.in.Source.New(p)
	if err != nil {
		return false
	}
	oldLines, newLines := bytes.Split(oldSrc, []byte("\n")), bytes.Split(newSrc, []byte("\n"))
	inside := false
	for _, h := range hunks {
		lo, hi := h.OldStart, h.OldStart+h.OldCount-1
		if h.OldCount == 0 {
			lo, hi = h.OldStart+1, h.OldStart // an insertion after OldStart
		}
		if hi < u.BodyStart-1 || lo > u.End {
			continue
		}
		inside = true
		ind := min(minIndent(oldLines, lo, hi), minIndent(newLines, h.NewStart, h.NewStart+h.NewCount-1))
		b := blockHeader(oldLines, lo-1, u.BodyStart, ind)
		if b < 0 {
			return false // the function's own body: it ran at import
		}
		for _, f := range files {
			if entryAtImport(f, b, u.End) {
				return false
			}
		}
	}
	return inside
}

// minIndent is the smallest indentation of the non-blank lines lo..hi
// (1-based), or a large number when there are none.
func minIndent(lines [][]byte, lo, hi int) int {
	out := 1 << 30
	for l := max(lo, 1); l <= hi && l <= len(lines); l++ {
		t := bytes.TrimLeft(lines[l-1], " \t")
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		out = min(out, len(lines[l-1])-len(t))
	}
	return out
}

// blockHeader finds, going up from line from to floor, the first code
// line indented less than ind, and returns it if it opens a block.
func blockHeader(lines [][]byte, from, floor, ind int) int {
	for l := from; l >= floor && l >= 1 && l <= len(lines); l-- {
		t := bytes.TrimLeft(lines[l-1], " \t")
		if len(t) == 0 || t[0] == '#' {
			continue
		}
		if len(lines[l-1])-len(t) >= ind {
			continue
		}
		if code := bytes.TrimSpace(bytes.SplitN(t, []byte("#"), 2)[0]); bytes.HasSuffix(code, []byte(":")) {
			return l
		}
		return -1
	}
	return -1
}

// entryAtImport reports whether the first recorded line after the block
// header b (up to end) ran at import time; a block with no recorded line
// never ran.
func entryAtImport(f *covmap.File, b, end int) bool {
	lines := f.Lines()
	i := sort.SearchInts(lines, b+1)
	if i >= len(lines) || lines[i] > end {
		return false
	}
	_, ph := f.Range(lines[i], lines[i])
	return ph&covmap.PhaseImport != 0
}

// hunks returns the changed ranges of a modified file p.
func (s *state) hunks(p string) ([]gitdiff.Hunk, bool) {
	for _, ch := range s.in.Changes {
		if ch.NewPath == p && ch.OldPath == p && ch.Hunks != nil {
			return ch.Hunks, true
		}
	}
	return nil, false
}

// onlyRefusedAtImport reports whether u is a module's PEP 562 __getattr__
// that, at import and collection (pytest probes module attributes), ran
// only its name tests and `raise AttributeError`: what a module without
// it does. Then only the tests that ran it can see a change to it.
func (s *state) onlyRefusedAtImport(p string, u pysrc.Unit, src []byte, files []*covmap.File) bool {
	if u.Name != "__getattr__" || u.Parent >= 0 {
		return false
	}
	lines := bytes.Split(src, []byte("\n"))
	for _, f := range files {
		for _, l := range f.Lines() {
			if l < u.BodyStart || l > u.End || l > len(lines) {
				continue
			}
			if _, ph := f.Range(l, l); ph&covmap.PhaseImport == 0 {
				continue
			}
			t := bytes.TrimSpace(lines[l-1])
			if !bytes.HasPrefix(t, []byte("if ")) && !bytes.HasPrefix(t, []byte("elif ")) && !bytes.HasPrefix(t, []byte("raise AttributeError(")) {
				return false
			}
		}
	}
	return true
}
