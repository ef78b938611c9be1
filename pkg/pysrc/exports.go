package pysrc

import "slices"

// ExportList returns the entries of the module's `__all__`, which decide
// what `from m import *` binds, when exactly one module-level statement
// binds it and that statement is `__all__ = [...]` or `(...)` of plain
// string literals. ok is false otherwise: no `__all__`, several bindings,
// an annotation, or a value that is computed (`*_LAZY`, `other.__all__ +
// [...]`, a comprehension), which only running the module can tell.
func (m *Module) ExportList() (names []string, ok bool) {
	d := m.derive()
	at := -1
	for i, st := range d.stmts {
		if st.Scope == "" && slices.Contains(st.Binds, "__all__") {
			if at >= 0 {
				return nil, false
			}
			at = i
		}
	}
	if at < 0 || d.raw[at].compound {
		return nil, false
	}
	var v []int
	for _, p := range d.raw[at].parts {
		for i := p.lo; i < p.hi; i++ {
			v = append(v, i)
		}
	}
	return m.literalList(v)
}

// literalList reads tokens v as `__all__ = [s, ...]` or `(s, ...)`.
func (m *Module) literalList(v []int) ([]string, bool) {
	if len(v) < 4 || !m.toks.is(v[0], Name, "__all__") || !m.toks.is(v[1], Op, "=") {
		return nil, false
	}
	open, end := v[2], v[len(v)-1]
	tuple := m.toks.is(open, Op, "(") && m.toks.is(end, Op, ")")
	if !tuple && !(m.toks.is(open, Op, "[") && m.toks.is(end, Op, "]")) {
		return nil, false
	}
	names := []string{}
	comma := true // an entry may follow
	for _, i := range v[3 : len(v)-1] {
		switch {
		case comma && m.toks.typ(i) == String && plainText(m.toks.text(i)):
			s, ok := unquote(m.toks.text(i))
			if !ok {
				return nil, false
			}
			names, comma = append(names, s), false
		case !comma && m.toks.is(i, Op, ","):
			comma = true
		default:
			return nil, false // implicit concatenation, a name, a call, a starred entry
		}
	}
	if tuple && len(names) == 1 && !comma {
		return nil, false // ("a") is a string, not a tuple
	}
	return names, true
}
