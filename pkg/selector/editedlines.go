package selector

import (
	"bytes"
	"slices"
	"strings"

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
	locals  map[string]bool // the objects the function made itself (FreshLocals), and self where fresh
}

func (s *state) newSides(m *pysrc.Module, src []byte) sides {
	return sides{m: m, lines: bytes.Split(src, []byte("\n")), logical: s.logical(m)}
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
func (s *state) editedLines(p string, u pysrc.Unit, e *bodyEdit, files []*covmap.File) ([]covmap.TestID, covmap.Phase, string) {
	oi, ni := unitIndex(e.old, u.QualName), unitIndex(e.cur, u.QualName)
	hunks, ok := s.hunks(p)
	if !ok || oi < 0 || ni < 0 {
		return nil, 0, "no line-level diff"
	}
	nu := e.cur.Units[ni]
	ob, oplain := e.old.FunctionScope(oi)
	nb, nplain := e.cur.FunctionScope(ni)
	deferred, dok := e.old.Deferred(oi)
	switch {
	case u.BodyStart == u.DefLine || nu.BodyStart == nu.DefLine:
		return nil, 0, "a one-line function"
	case oplain != nplain:
		// a generator's or coroutine's lines are credited to the test that
		// ran them, whichever started it; turning into one changes every call
		return nil, 0, "it turned into a generator or coroutine, or back"
	case !dok:
		return nil, 0, "a walrus in a lambda"
	case !s.sameLocals(e, oi, ni, ob, nb, hunks):
		return nil, 0, "the names it binds changed, and with them what its other lines read"
	case slices.ContainsFunc(ob, func(b string) bool { return strings.Contains(b, ":") }):
		return nil, 0, "global or nonlocal names"
	}
	o, n := s.newSides(e.old, e.oldSrc), s.newSides(e.cur, e.curSrc)
	// what an edited line may store into: objects the call made itself
	o.locals, n.locals = e.old.FreshLocals(oi), e.cur.FreshLocals(ni)
	if s.selfLocal(p, e.old, e.oldSrc, u, files) {
		o.locals["self"], n.locals["self"] = true, true
	}
	var ranges []lineRange
	for _, h := range hunks {
		r, why := placeHunk(o, n, u, nu, h, files)
		if why != "" {
			return nil, 0, why
		}
		ranges = append(ranges, r...)
	}
	if len(ranges) == 0 {
		return nil, 0, "no edited line of code"
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
			return nil, 0, "no test ran the line before the edit" // or one that reports no run (`else:`)
		}
	}
	return tests, ph, ""
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
func placeHunk(o, n sides, u, nu pysrc.Unit, h gitdiff.Hunk, files []*covmap.File) ([]lineRange, string) {
	h, ok := clipTail(h, u, nu)
	if !ok {
		return nil, "an edit across its end"
	}
	oLo, oHi := h.OldStart, h.OldStart+h.OldCount-1
	nLo, nHi := h.NewStart, h.NewStart+h.NewCount-1
	inOld := h.OldCount > 0 && oLo <= u.End && oHi >= u.Start
	inNew := h.NewCount > 0 && nLo <= nu.End && nHi >= nu.Start
	if !inOld && !inNew {
		return nil, ""
	}
	if h.OldCount > 0 && oLo < u.BodyStart || h.NewCount > 0 && nLo < nu.BodyStart || h.OldCount == 0 && h.OldStart < u.BodyStart {
		return nil, "an edit of its header"
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
		return nil, "" // blank lines and comments
	}
	if ind <= indentOf(o.lines, u.DefLine) || slices.ContainsFunc(starts, func(st int) bool { return st < u.BodyStart }) {
		return nil, "an edit at its def's indentation, or inside its header"
	}
	if len(starts) > 0 && o.m.StoresOutside(slices.Min(starts), max(oHi, o.end(slices.Min(starts))), o.locals) || first > 0 && n.m.StoresOutside(first, nHi, n.locals) {
		return nil, "an edited line stores on an object or container that outlives the call"
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
			return []lineRange{edited}, ""
		}
		out, g = append(out, edited), a-1
	} else if q := nextStatement(o, u, max(oHi, h.OldStart)); newAt && q > 0 && indentOf(o.lines, q) == ind && plainWord(o.word(q)) && ranAny(files, q, o.end(q)) {
		return []lineRange{{lo: q, hi: o.end(q)}}, "" // new code before q
	}
	k, ok := guardLine(o, u, g, ind)
	if !ok {
		return nil, "no line every path to the edit passes (a first line, a decorator, a nested def, a case)"
	}
	return append(out, lineRange{lo: k, hi: o.end(k), guard: true}), ""
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

// clipTail cuts hunk h to u's lines (nu's on the new side) where it runs
// on past u's end into what follows (a function added after it, the next
// one edited too): those lines are another unit's, judged by its own rule.
// A hunk starting beyond u's end on one side only, past unchanged lines,
// cannot be cut so (false).
func clipTail(h gitdiff.Hunk, u, nu pysrc.Unit) (gitdiff.Hunk, bool) {
	oEnd, nEnd := h.OldStart+h.OldCount-1, h.NewStart+h.NewCount-1
	oPast, nPast := h.OldCount > 0 && h.OldStart > u.End, h.NewCount > 0 && h.NewStart > nu.End
	switch {
	case oPast && nPast:
		return h, true // wholly after u
	case oPast && h.OldStart > u.End+1, nPast && h.NewStart > nu.End+1:
		return h, false
	}
	if h.OldCount > 0 && oEnd > u.End {
		if oPast {
			h.OldStart, h.OldCount = u.End, 0
		} else {
			h.OldCount = u.End - h.OldStart + 1
		}
	}
	if h.NewCount > 0 && nEnd > nu.End {
		if nPast {
			h.NewStart, h.NewCount = nu.End, 0
		} else {
			h.NewCount = nu.End - h.NewStart + 1
		}
	}
	return h, true
}

// oldLine maps new line k, above hunk h, to its old number.
func oldLine(h gitdiff.Hunk, k int) int {
	if h.OldCount == 0 {
		return k - (h.NewStart - 1 - h.OldStart)
	}
	return k - (h.NewStart - h.OldStart)
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
	tests, ph, why := s.editedLines(p, u, e, files)
	if why != "" {
		s.note("%s: body of %s, line by line: %s, so the whole function", p, u.QualName, why)
		return false
	}
	s.bodyDone[s.narrowed(p, u, off)+"\x00edit"] = true
	ids := map[covmap.TestID]bool{}
	for _, t := range tests {
		ids[t] = true
	}
	s.note("%s: body of %s: %d of the %d tests that ran it reach the edited lines", p, u.QualName, len(ids), all)
	s.ranIn(p, u, tests, ph)
	return true
}

// narrowed undoes bodyRule's mark of u as decided whole (off says which
// mark), for a line-level decision is none for the whole function: u
// reached again another way is judged again. It returns u's memo key.
func (s *state) narrowed(p string, u pysrc.Unit, off bool) string {
	key := p + "\x00" + u.QualName
	if off {
		delete(s.bodyDone, key+"\x00off")
	} else {
		delete(s.bodyDone, key)
	}
	return key
}

// ranIn selects tests, which ran code of u in phases ph, and every test
// sharing a wide fixture whose setup or teardown ran it.
func (s *state) ranIn(p string, u pysrc.Unit, tests []covmap.TestID, ph covmap.Phase) {
	s.addIDs(tests)
	if ph&(covmap.PhaseSetup|covmap.PhaseTeardown) != 0 {
		s.widenFixtures(p, u, tests, true)
	}
}

// sameLocals reports whether the edit leaves every line it did not touch
// reading names as before: a name the function binds on one side only
// (a new local, one no longer bound) appears nowhere in its body but on
// edited lines. Else an untouched line that read a global reads a local
// now (an UnboundLocalError where it runs first), or the other way round.
func (s *state) sameLocals(e *bodyEdit, oi, ni int, ob, nb []string, hunks []gitdiff.Hunk) bool {
	if slices.Equal(ob, nb) {
		return true
	}
	edited := func(l int, old bool) bool {
		for _, h := range hunks {
			lo, n := h.NewStart, h.NewCount
			if old {
				lo, n = h.OldStart, h.OldCount
			}
			if l >= lo && l < lo+n {
				return true
			}
		}
		return false
	}
	for _, name := range symmetricDiff(ob, nb) {
		if strings.Contains(name, ":") {
			return false
		}
		for _, l := range e.old.NameLines(oi, name) {
			if !edited(l, true) {
				return false
			}
		}
		for _, l := range e.cur.NameLines(ni, name) {
			if !edited(l, false) {
				return false
			}
		}
	}
	return true
}

// symmetricDiff lists the sorted strings in exactly one of a and b.
func symmetricDiff(a, b []string) []string {
	var out []string
	for _, x := range a {
		if !slices.Contains(b, x) {
			out = append(out, x)
		}
	}
	for _, x := range b {
		if !slices.Contains(a, x) {
			out = append(out, x)
		}
	}
	return out
}

// logicalStart is mod.LogicalStart(line) through the memoized table: one
// pass over the module's tokens, however many lines are asked.
func (s *state) logicalStart(mod *pysrc.Module, line int) int {
	if l := (sides{logical: s.logical(mod)}).start(line); l != 0 {
		return l
	}
	return mod.LogicalStart(line)
}

// logical is mod.Logical(), once per module.
func (s *state) logical(mod *pysrc.Module) []int {
	if l, ok := s.logicals[mod]; ok {
		return l
	}
	l := mod.Logical()
	s.logicals[mod] = l
	return l
}
