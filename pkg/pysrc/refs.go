package pysrc

import (
	"slices"
	"sort"
	"strings"
)

// indexLines records the innermost unit of every line, so that mapping the
// lines of a diff to units costs one lookup each.
func (m *Module) indexLines() {
	last := 0
	if n := m.toks.len(); n > 0 {
		last = m.toks.line(n - 1)
	}
	m.lineUnit = make([]int32, last+2)
	for i := range m.lineUnit {
		m.lineUnit[i] = -1
	}
	for idx, u := range m.Units { // parents come before their members
		for l := u.Start; l <= u.End && l < len(m.lineUnit); l++ {
			m.lineUnit[l] = int32(idx)
		}
	}
}

// UnitAt returns the index of the innermost unit whose [Start, End] contains
// line, or -1.
func (m *Module) UnitAt(line int) int {
	if line < 0 || line >= len(m.lineUnit) {
		return -1
	}
	return int(m.lineUnit[line])
}

// References returns, in order, the units whose header or body uses the
// name `name` (an attribute after a dot does not count, nor a def/class
// naming itself), and whether a statement outside any unit does: a module
// level statement, or one of a class body (whose class is then listed too).
// A method is listed, not the class around it. Names inside f-string fields
// count.
func (m *Module) References(name string) (units []int, toplevel bool) {
	x := m.index()
	if x.overlap {
		return m.referencesBySpan(name)
	}
	visit := func(pos int, nameToken bool) {
		r, ok := x.region(pos)
		if !ok || nameToken && r.skip == pos {
			return
		}
		if r.stmt {
			toplevel = true
		}
		if r.unit >= 0 && !contains(units, r.unit) {
			units = append(units, r.unit) // a class is listed for its body's statements
		}
	}
	for _, pos := range x.refs[name] {
		visit(int(pos), true)
	}
	for _, pos := range x.embeddedRefs[name] {
		visit(int(pos), false)
	}
	sort.Ints(units)
	return units, toplevel
}

// referencesBySpan is References asking each span in turn, for a module
// whose spans overlap (which Parse does not build).
func (m *Module) referencesBySpan(name string) (units []int, toplevel bool) {
	for idx, sp := range m.spans {
		found := false
		for _, h := range sp.header {
			found = found || m.uses(h, name, sp.name)
		}
		if m.Units[idx].Kind == KindFunc {
			found = found || m.uses(sp.body, name, -1)
		}
		if found {
			units = append(units, idx)
		}
	}
	for _, sc := range m.scopes {
		if !m.scopeUses(sc, name) {
			continue
		}
		toplevel = true
		if sc.unit >= 0 && !contains(units, sc.unit) {
			units = append(units, sc.unit)
		}
	}
	sort.Ints(units)
	return units, toplevel
}

func (m *Module) scopeUses(sc scope, name string) bool {
	for _, st := range sc.stmts {
		if !st.marker && m.uses(st, name, -1) {
			return true
		}
	}
	return false
}

// uses reports whether the span holds `name` as a name (not an attribute),
// skipping the token at index skip.
func (m *Module) uses(s span, name string, skip int) bool {
	x := m.index()
	return within(x.refs[name], s.lo, s.hi, skip) || within(x.embeddedRefs[name], s.lo, s.hi, -1)
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}

// LogicalStart is the first line of the logical line (statement) holding
// line: a statement continued over several lines is recorded by line
// events at its start, not at the line that names something.
func (m *Module) LogicalStart(line int) int {
	start := 0
	for i := 0; i < m.toks.len(); i++ {
		l := m.toks.line(i)
		if l > line {
			break
		}
		switch m.toks.typ(i) {
		case Newline, Indent, Dedent:
			if l == line && start != 0 {
				return start
			}
			start = 0
			continue
		}
		if start == 0 {
			start = l
		}
		if l+strings.Count(m.toks.text(i), "\n") >= line {
			return start
		}
	}
	return line
}

// Annotated reports whether the module holds an annotation: a function
// parameter or return annotation, or an annotated assignment. Without
// one, `from __future__ import annotations` changes nothing it compiles
// to. A lambda's colon in a default counts too (the safe side).
func (m *Module) Annotated() bool {
	for _, st := range m.Stmts() {
		if slices.Contains(st.Binds, "__annotations__") {
			return true
		}
	}
	for u, sp := range m.spans {
		if m.Units[u].Kind != KindFunc || len(sp.header) == 0 {
			continue
		}
		sig := sp.header[len(sp.header)-1]
		depth := 0
		for i := sig.lo; i < sig.hi; i++ {
			switch {
			case m.toks.is(i, Op, "(") || m.toks.is(i, Op, "[") || m.toks.is(i, Op, "{"):
				depth++
			case m.toks.is(i, Op, ")") || m.toks.is(i, Op, "]") || m.toks.is(i, Op, "}"):
				depth--
			case m.toks.is(i, Op, "->") || (depth == 1 && m.toks.is(i, Op, ":")):
				return true
			}
		}
	}
	return false
}

// ProseAt reports whether line lies in a statement made of text string
// literals only: a docstring of a module, class or function, or a string
// after an assignment that documents it. Python runs nothing it says; only
// a doctest reads it as code.
func (m *Module) ProseAt(line int) bool {
	start := true // the next token starts a statement
	for i := 0; i < m.toks.len(); i++ {
		switch m.toks.typ(i) {
		case Newline, Indent, Dedent:
			start = true
			continue
		}
		if !start {
			continue
		}
		start = false
		j := i
		for j < m.toks.len() && m.toks.typ(j) == String && plainText(m.toks.text(j)) {
			j++
		}
		if j == i || j >= m.toks.len() || (m.toks.typ(j) != Newline && m.toks.typ(j) != EndMarker) {
			continue
		}
		last := m.toks.line(j-1) + strings.Count(m.toks.text(j-1), "\n")
		if m.toks.line(i) <= line && line <= last {
			return true
		}
	}
	return false
}
