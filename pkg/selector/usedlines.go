package selector

import (
	"bytes"
	"slices"
	"strconv"
	"strings"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// narrowUse selects, for function u (the map's version mod, its source
// src) that uses a changed name on line `line` of its body, the tests that
// ran that statement: the name is looked up only when it runs, in a closure, a
// lambda or a generator too, and u's own code is as it was. A statement
// that stores state outside the call (a memo on a shared object), or a
// function with global or nonlocal names, keeps every test that ran u.
func (s *state) narrowUse(p string, mod *pysrc.Module, src []byte, u pysrc.Unit, line int, files []*covmap.File, all int, off bool) bool {
	i := unitIndex(mod, u.QualName)
	if i < 0 || line < u.BodyStart || line > u.End || u.BodyStart == u.DefLine {
		return false
	}
	binds, _ := mod.FunctionScope(i)
	if slices.ContainsFunc(binds, func(b string) bool { return strings.Contains(b, ":") }) {
		return false // global or nonlocal names
	}
	locals := mod.FreshLocals(i)
	if s.selfLocal(p, mod, src, u, files) {
		locals["self"] = true
	}
	x := sides{m: mod, logical: s.logical(mod)}
	lo := x.start(line)
	if lo == 0 {
		return false
	}
	hi := x.end(lo)
	if mod.StoresOutside(lo, hi, locals) {
		return false
	}
	key := s.narrowed(p, u, off)
	if s.bodyDone[key+"\x00use\x00"+strconv.Itoa(lo)] {
		return true
	}
	s.bodyDone[key+"\x00use\x00"+strconv.Itoa(lo)] = true
	var tests []covmap.TestID
	var ph covmap.Phase
	for _, f := range files {
		t, h := f.Range(lo, hi)
		tests, ph = append(tests, t...), ph|h
	}
	s.note("%s: %s uses it on line %d: %d of the %d tests that ran it ran that line", p, u.QualName, lo, len(tests), all)
	s.ranIn(p, u, tests, ph)
	return true
}

// oldLineOf maps line l of module p's working-tree version (src) to the
// map's: 0 when p changed without known hunks, editedLine when the change
// edited the line.
func (s *state) oldLineOf(p string, l int, src []byte) int {
	if !s.changed[p] {
		return l
	}
	o := s.mappedLine(p, l)
	if o == editedLine {
		return o
	}
	if _, old := s.oldModule(p); o == 0 || !bytes.Equal(nthLine(old, o), nthLine(src, l)) {
		return 0
	}
	return o
}

// editedLine marks a use on a line the change edited.
const editedLine = -1

// nthLine is line l of src (from 1), nil beyond it.
func nthLine(src []byte, l int) []byte {
	for ; l > 1; l-- {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return nil
		}
		src = src[i+1:]
	}
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		return src[:i]
	}
	return src
}

// mappedLine maps line l of changed module p through its hunks.
func (s *state) mappedLine(p string, l int) int {
	hunks, ok := s.hunks(p)
	if !ok {
		return 0
	}
	shift := 0
	for _, h := range hunks {
		newEnd := h.NewStart + h.NewCount - 1
		if h.NewCount == 0 {
			newEnd = h.NewStart // deleted after new line NewStart
		}
		switch {
		case l > newEnd:
			shift += h.NewCount - h.OldCount
		case h.NewCount > 0 && l >= h.NewStart:
			return editedLine
		default:
			return l - shift
		}
	}
	return l - shift
}

// pendingUse is a use of a changed name on a line the change edited in
// function u (the map's version) of module p: the tests that reach the
// edit see it, when the edit rule narrows u; else every test that ran u.
type pendingUse struct {
	p   string
	u   pysrc.Unit
	off bool
}

// settleUses decides the uses on edited lines whose function the edit
// rule did not narrow (or never judged): the whole function.
func (s *state) settleUses() {
	for _, pu := range s.pending {
		if s.bodyDone[pu.p+"\x00"+pu.u.QualName+"\x00edit"] {
			continue
		}
		mod, src := s.oldModule(pu.p)
		if mod == nil {
			s.structural(pu.p)
			continue
		}
		s.usingOnly = true
		s.bodyRule(pu.p, mod, src, pu.u, pu.off)
	}
	s.pending = nil
}
