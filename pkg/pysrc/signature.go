package pysrc

// CleanSignature reports whether running unit u's def or class line can
// run no code of its own: its defaults (and its annotations, unless lazy
// says the module compiles them to strings) or its bases hold no call, as
// clean decides for statements. Python evaluates them when the def or
// class statement runs, so for a definition at module or class level, at
// import. The parameter list's or base list's own `(` is no call.
func (m *Module) CleanSignature(u int, lazy bool) bool {
	if u < 0 || u >= len(m.spans) || len(m.spans[u].header) == 0 {
		return false
	}
	def := m.spans[u].header[len(m.spans[u].header)-1]
	skip := map[int]bool{}
	if lazy && m.Units[u].Kind == KindFunc {
		skip = m.annotations(def, true)
	}
	a := &stmtScan{m: m}
	open := -1
	for i := def.lo; i < def.hi; i++ {
		if skip[i] {
			continue
		}
		if open < 0 && m.toks.is(i, Op, "(") {
			open = len(a.v)
		}
		a.v = append(a.v, i)
	}
	if open < 0 {
		return true // `class C:`
	}
	return a.clean(open+1, len(a.v))
}
