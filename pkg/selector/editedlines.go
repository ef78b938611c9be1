package selector

import (
	"bytes"
	"slices"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pysrc"
)

// bodyEdit is the edited function's module on both sides, for bodyRule to
// read which of its lines changed.
type bodyEdit struct {
	old, cur       *pysrc.Module
	oldSrc, curSrc []byte
}

// sides is one module's text, its lines and their logical starts.
type sides struct {
	m       *pysrc.Module
	lines   [][]byte
	logical []int
}

func newSides(m *pysrc.Module, src []byte) sides {
	return sides{m: m, lines: bytes.Split(src, []byte("\n")), logical: m.Logical()}
}

// start is the logical start of line k, 0 for none (blank, comment, beyond).
func (x sides) start(k int) int {
	if k < 1 || k >= len(x.logical) {
		return 0
	}
	return x.logical[k]
}

// end is the last line of the logical line starting at k.
func (x sides) end(k int) int {
	e := k
	for x.start(e+1) == k && k != 0 {
		e++
	}
	return e
}

// word is the first word of line k: a keyword, "@", or "" for other code.
func (x sides) word(k int) string {
	t := bytes.TrimSpace(x.lines[k-1])
	if bytes.HasPrefix(t, []byte("@")) {
		return "@"
	}
	n := 0
	for n < len(t) && (t[n] == '_' || t[n] >= 'a' && t[n] <= 'z' || t[n] >= 'A' && t[n] <= 'Z' || t[n] >= '0' && t[n] <= '9') {
		n++
	}
	return string(t[:n])
}

// editedLines narrows the tests of function u (old numbering), edited in
// its body only, to those that can reach an edit: the tests that ran an
// edited old line, or the line every path to the edit passes (a statement
// before it in the same block, or the header of the block holding it),
// plus the tests that ran code of u that may run in another test (a
// closure, a lambda, a generator expression). A test that ran neither
// executed u exactly as before: every line up to where its path leaves
// the edit's block is unchanged, and the names u binds (which decide what
// every line reads) are the same. It reports false, for the whole
// function, when it cannot place an edit that way.
func (s *state) editedLines(p string, u pysrc.Unit, e *bodyEdit, files []*covmap.File) ([]covmap.TestID, covmap.Phase, bool) {
	oi, ni := unitIndex(e.old, u.QualName), unitIndex(e.cur, u.QualName)
	hunks, ok := s.hunks(p)
	if !ok || oi < 0 || ni < 0 || u.BodyStart == u.DefLine {
		return nil, 0, false
	}
	nu := e.cur.Units[ni]
	ob, oplain := e.old.FunctionScope(oi)
	nb, nplain := e.cur.FunctionScope(ni)
	deferred, dok := e.old.Deferred(oi)
	if !oplain || !nplain || !dok || !slices.Equal(ob, nb) || nu.BodyStart == nu.DefLine {
		return nil, 0, false
	}
	o, n := newSides(e.old, e.oldSrc), newSides(e.cur, e.curSrc)
	var ranges []lineRange
	for _, h := range hunks {
		r, ok := placeHunk(o, n, u, nu, h, files)
		if !ok {
			return nil, 0, false
		}
		ranges = append(ranges, r...)
	}
	if len(ranges) == 0 {
		return nil, 0, false
	}
	for _, d := range deferred {
		ranges = append(ranges, lineRange{lo: d[0], hi: d[1]})
	}
	var tests []covmap.TestID
	var ph covmap.Phase
	for _, r := range ranges {
		n := len(tests)
		for _, f := range files {
			t, h := f.Range(r.lo, r.hi)
			tests, ph = append(tests, t...), ph|h
		}
		if r.guard && len(tests) == n {
			return nil, 0, false // a line no test ran, or one that reports no run (`else:`)
		}
	}
	return tests, ph, true
}

// lineRange is a span of old lines whose tests see an edit; guard marks
// the line every path to the edit passes, which must have run.
type lineRange struct {
	lo, hi int
	guard  bool
}

// placeHunk returns the old lines of hunk h that reach its edit of u (nu
// on the new side). In place, where the edit starts at a statement of the
// old version, at its indentation, and the new code starts there too, a
// test reaches the new code exactly when it reached that statement (old)
// or the one the new code goes before (an insertion); so their tests. Else
// the edited statements as they were, and the guard every path to them
// passes. A hunk outside u returns nothing; one it cannot place, false.
func placeHunk(o, n sides, u, nu pysrc.Unit, h gitdiff.Hunk, files []*covmap.File) ([]lineRange, bool) {
	oLo, oHi := h.OldStart, h.OldStart+h.OldCount-1
	nLo, nHi := h.NewStart, h.NewStart+h.NewCount-1
	inOld := h.OldCount > 0 && oLo <= u.End && oHi >= u.Start
	inNew := h.NewCount > 0 && nLo <= nu.End && nHi >= nu.Start
	if !inOld && !inNew {
		return nil, true
	}
	if h.OldCount > 0 && (oLo < u.BodyStart || oHi > u.End) ||
		h.NewCount > 0 && (nLo < nu.BodyStart || nHi > nu.End) ||
		h.OldCount == 0 && (h.OldStart < u.BodyStart || h.OldStart > u.End) {
		return nil, false // the header, or beyond the function
	}
	ind := 1 << 30
	var starts []int // old lines starting the statements the hunk edits
	for k := oLo; k <= oHi; k++ {
		if st := o.start(k); st != 0 {
			starts, ind = append(starts, st), min(ind, indentOf(o.lines, st))
		}
	}
	first := 0 // the new code's first line, new numbering
	for k := nLo; k <= nHi; k++ {
		st := n.start(k)
		if st == 0 {
			continue
		}
		if first == 0 {
			first = st
		}
		ind = min(ind, indentOf(n.lines, st))
		if st < nLo { // inside a statement that starts above the hunk
			starts = append(starts, oldLine(h, st))
		}
	}
	if len(starts) == 0 && first == 0 {
		return nil, true // blank lines and comments
	}
	if ind <= indentOf(o.lines, u.DefLine) || slices.ContainsFunc(starts, func(st int) bool { return st < u.BodyStart }) {
		return nil, false
	}
	newAt := first == 0 || indentOf(n.lines, first) == ind && plainWord(n.word(first))
	var out []lineRange
	g := oLo - 1
	if h.OldCount == 0 {
		g = h.OldStart
	}
	if len(starts) > 0 {
		a, b := slices.Min(starts), oHi
		for _, st := range starts {
			b = max(b, o.end(st))
		}
		edited := lineRange{lo: a, hi: b}
		if newAt && indentOf(o.lines, a) == ind && plainWord(o.word(a)) && ranAny(files, a, o.end(a)) {
			return []lineRange{edited}, true
		}
		out, g = append(out, edited), a-1
	} else if q := nextStatement(o, u, max(oHi, h.OldStart)); newAt && q > 0 && indentOf(o.lines, q) == ind && plainWord(o.word(q)) && ranAny(files, q, o.end(q)) {
		return []lineRange{{lo: q, hi: o.end(q)}}, true // new code before q
	}
	k, ok := guardLine(o, u, g, ind)
	if !ok {
		return nil, false
	}
	return append(out, lineRange{lo: k, hi: o.end(k), guard: true}), true
}

// plainWord: a statement that starts where it stands and reports its run:
// no clause of a compound above it, no definition, no `global`.
func plainWord(w string) bool {
	switch w {
	case "elif", "else", "except", "finally", "case", "match", "def", "class", "async", "@", "global", "nonlocal", "lambda":
		return false
	}
	return true
}

// nextStatement is the first statement of u after line k, 0 for none.
func nextStatement(o sides, u pysrc.Unit, k int) int {
	for j := k + 1; j <= u.End; j++ {
		if o.start(j) == j {
			return j
		}
	}
	return 0
}

// oldLine maps new line k, above hunk h, to its old number.
func oldLine(h gitdiff.Hunk, k int) int {
	if h.OldCount == 0 {
		return k - (h.NewStart - 1 - h.OldStart)
	}
	return k - (h.NewStart - h.OldStart)
}

// guardLine finds, from line g of u upwards, the line every path to an
// edit at indentation ind passes: the statement before it in its block,
// or the header of the block holding it. A clause (`else:`, `finally:`, a
// bare `except:`, which report no run; an `elif` or `except E:` before
// the edit's own statement, which a path may skip) stands for its compound
// statement's first line. A decorator, a nested def or class, a `case`
// stops the reading.
func guardLine(o sides, u pysrc.Unit, g, ind int) (int, bool) {
	k := g
	for k >= u.BodyStart && (o.start(k) != k || indentOf(o.lines, k) > ind) {
		k--
	}
	if k < u.BodyStart {
		return 0, false
	}
	enclosing := indentOf(o.lines, k) < ind
	if enclosing && !endsWithColon(o.lines[o.end(k)-1]) {
		return 0, false
	}
	switch w := o.word(k); w {
	case "if", "for", "while", "try", "with":
		return k, true
	case "elif", "except":
		if enclosing && (w == "elif" || !bareExcept(o.lines[k-1])) {
			return k, true
		}
		return compoundStart(o, u, k)
	case "else", "finally":
		return compoundStart(o, u, k)
	case "def", "class", "async", "@", "case", "match", "lambda":
		return 0, false
	default: // a simple statement: return, x = ..., print(...)
		return k, !enclosing
	}
}

// compoundStart walks from clause line k up to the first line of its
// compound statement.
func compoundStart(o sides, u pysrc.Unit, k int) (int, bool) {
	ind := indentOf(o.lines, k)
	for j := k - 1; j >= u.BodyStart; j-- {
		if o.start(j) != j || indentOf(o.lines, j) > ind {
			continue
		}
		if indentOf(o.lines, j) < ind {
			return 0, false
		}
		switch o.word(j) {
		case "elif", "else", "except", "finally":
		case "if", "for", "while", "try":
			return j, true
		default:
			return 0, false
		}
	}
	return 0, false
}

func endsWithColon(line []byte) bool {
	if i := bytes.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	return bytes.HasSuffix(bytes.TrimSpace(line), []byte(":"))
}

func bareExcept(line []byte) bool {
	t := bytes.TrimSpace(line)
	return bytes.HasPrefix(bytes.TrimSpace(t[len("except"):]), []byte(":"))
}

func unitIndex(m *pysrc.Module, qual string) int {
	for i, v := range m.Units {
		if v.QualName == qual {
			return i
		}
	}
	return -1
}

// narrowEdit selects, for function u edited in its body, the tests that
// can reach its edited lines (editedLines), of all tests that ran it. A
// narrowed decision is no decision for the whole function: a name that
// reaches u later (a changed callee) still selects every test that ran it.
func (s *state) narrowEdit(p string, u pysrc.Unit, e *bodyEdit, files []*covmap.File, all int, off bool) bool {
	tests, ph, ok := s.editedLines(p, u, e, files)
	if !ok {
		return false
	}
	key := p + "\x00" + u.QualName
	if off {
		delete(s.bodyDone, key+"\x00off")
	} else {
		delete(s.bodyDone, key)
	}
	ids := map[covmap.TestID]bool{}
	for _, t := range tests {
		ids[t] = true
	}
	s.note("%s: body of %s: %d of the %d tests that ran it ran the edited lines or the line before them", p, u.QualName, len(ids), all)
	s.addIDs(tests)
	if ph&(covmap.PhaseSetup|covmap.PhaseTeardown) != 0 {
		s.widenFixtures(p, u, tests, true)
	}
	return true
}
