package selector

import (
	"bytes"
	"slices"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pysrc"
)

// unrunBlock reports whether every edit of module p inside the module- or
// class-level compound statement o (old numbering; n in the new version)
// lies in one of its indented blocks of which no line ran while the map was
// built: a branch the map's environment never took (structlog's `elif
// better_exceptions is not None:` where rich is installed, an `except
// ImportError:` whose import succeeded). The headers stay as they were and
// every new line stays indented inside the block, so the edit runs only if
// the branch is taken, which in the same environment (envDrift compares
// it) it is not, at import or in any test.
func (s *state) unrunBlock(p string, old, cur *pysrc.Module, o, n *pysrc.Stmt, oldSrc, curSrc []byte) bool {
	hunks, ok := s.hunks(p)
	files := s.mapFiles(p)
	if !ok || len(files) == 0 || o == nil || n == nil {
		return false
	}
	ol, nl := bytes.Split(oldSrc, []byte("\n")), bytes.Split(curSrc, []byte("\n"))
	edited := false
	for _, h := range hunks {
		lo, hi := h.OldStart, h.OldStart+h.OldCount-1
		if h.OldCount == 0 {
			hi = lo // inserted after line lo
		}
		if hi < o.Start || lo > o.End {
			continue
		}
		edited = true
		if lo <= o.Start || hi > o.End || h.NewStart <= n.Start || h.NewStart+h.NewCount-1 > n.End {
			return false // the statement's first line, or beyond it
		}
		ind, ok := newIndent(cur, nl, h)
		if !ok {
			return false
		}
		at := lo
		if h.OldCount == 0 && indentOf(ol, at) < ind {
			at = lo + 1 // inserted at the start of a block: the line below opens it
		}
		blo, bhi, ok := blockAround(old, ol, at, ind, o.Start)
		if !ok || ranAny(files, blo, bhi) {
			return false
		}
	}
	return edited
}

// newIndent is the smallest indentation of the hunk's new lines that start
// a logical line; an empty replacement keeps no line and needs none.
func newIndent(m *pysrc.Module, lines [][]byte, h gitdiff.Hunk) (int, bool) {
	ind := -1
	for k := h.NewStart; k < h.NewStart+h.NewCount && k <= len(lines); k++ {
		if !codeLine(m, lines, k) {
			continue
		}
		if i := indentOf(lines, k); ind < 0 || i < ind {
			ind = i
		}
	}
	if ind < 0 {
		return 1 << 30, h.NewCount == 0 // a deletion: any block holding the old lines
	}
	return ind, ind > 0
}

// blockAround finds the indented block holding line at: the lines below a
// header (a line ending in a colon, after stmt's first line) that start a
// logical line at indentation ind or deeper; ind is lowered to the block's
// own when the edit sits deeper. It returns the block's first and last line.
func blockAround(m *pysrc.Module, lines [][]byte, at, ind, stmt int) (int, int, bool) {
	if at < 1 || at > len(lines) || !codeLine(m, lines, at) {
		return 0, 0, false
	}
	ind = min(ind, indentOf(lines, at))
	lo := at
	for lo > stmt && (!codeLine(m, lines, lo-1) || indentOf(lines, lo-1) >= ind) {
		lo--
	}
	if lo <= stmt && indentOf(lines, stmt) >= ind {
		return 0, 0, false
	}
	header := bytes.TrimSpace(lines[lo-2])
	if i := bytes.IndexByte(header, '#'); i >= 0 {
		header = bytes.TrimSpace(header[:i])
	}
	if !bytes.HasSuffix(header, []byte(":")) {
		return 0, 0, false
	}
	hi := at
	for hi < len(lines) && (!codeLine(m, lines, hi+1) || indentOf(lines, hi+1) >= ind) {
		hi++
	}
	return lo, hi, true
}

// codeLine reports whether line k starts a logical line with code on it:
// not blank, not a comment, not inside a string or brackets.
func codeLine(m *pysrc.Module, lines [][]byte, k int) bool {
	if k < 1 || k > len(lines) {
		return false
	}
	t := bytes.TrimSpace(lines[k-1])
	return len(t) > 0 && t[0] != '#' && m.LogicalStart(k) == k
}

func indentOf(lines [][]byte, k int) int {
	if k < 1 || k > len(lines) {
		return 0
	}
	l := lines[k-1]
	return len(l) - len(bytes.TrimLeft(l, " \t"))
}

func ranAny(files []*covmap.File, lo, hi int) bool {
	for _, f := range files {
		if slices.ContainsFunc(f.Lines(), func(l int) bool { return l >= lo && l <= hi }) {
			return true
		}
	}
	return false
}
