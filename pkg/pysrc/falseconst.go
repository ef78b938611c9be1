package pysrc

import "slices"

// FalseConstant returns the line of the one module-level binding of name
// when it is `name = False` (prettytable's `TYPE_CHECKING = False`, which
// spares importing typing), and 0 when the module binds name any other
// way too (another assignment, an import, a `global name` anywhere) or not
// at all. A block guarded by such a name never runs.
func (m *Module) FalseConstant(name string) int {
	for k := 0; k < m.toks.len(); k++ {
		if m.toks.is(k, Name, "global") {
			for h := k + 1; h < m.toks.len() && m.toks.typ(h) != Newline && !m.toks.is(h, Op, ";"); h++ {
				if m.toks.is(h, Name, name) {
					return 0
				}
			}
		}
	}
	line := 0
	for _, st := range m.Stmts() {
		if st.Scope != "" || !slices.Contains(st.Binds, name) {
			continue
		}
		if line != 0 {
			return 0
		}
		r := m.rawOf(&st)
		if r == nil || len(r.parts) != 1 {
			return 0
		}
		var v []int
		for k := r.parts[0].lo; k < r.parts[0].hi; k++ {
			if !m.toks.layout(k) {
				v = append(v, k)
			}
		}
		if len(v) != 3 || !m.toks.is(v[0], Name, name) || !m.toks.is(v[1], Op, "=") || !m.toks.is(v[2], Name, "False") {
			return 0
		}
		line = st.Start
	}
	return line
}
