package pysrc

// Deferred returns the lines of function unit i's body whose code may run
// after the call that made it returns, or in a call of its own: nested def
// and class statements with their bodies, and logical lines holding a
// lambda or a `for` inside brackets (a generator expression, or a
// comprehension, which looks alike). It reports false when a lambda holds
// a walrus, whose scope a line-level reading would not follow.
func (m *Module) Deferred(i int) (lines [][2]int, ok bool) {
	body := m.spans[i].body
	depth, lineLo, lambda, deferred := 0, 0, false, false
	for k := body.lo; k < body.hi; k++ {
		if lineLo == 0 {
			lineLo = m.toks.line(k)
		}
		switch t := m.toks.text(k); {
		case m.toks.is(k, Name, "def") || m.toks.is(k, Name, "class"):
			end := skipBlock(m.toks, k, body.hi)
			lines = append(lines, [2]int{m.toks.line(k), m.tokenEnd(m.lastCode(end))})
			k, lineLo, lambda, deferred = end, 0, false, false
			continue
		case m.toks.typ(k) == Newline || m.toks.typ(k) == Indent || m.toks.typ(k) == Dedent:
			if deferred {
				lines = append(lines, [2]int{lineLo, m.tokenEnd(m.lastCode(k))})
			}
			lineLo, lambda, deferred = 0, false, false
			continue
		case m.toks.typ(k) == Op:
			depth += bracketDelta(t)
			if t == ":=" && lambda {
				return nil, false
			}
		case m.toks.is(k, Name, "lambda"):
			lambda, deferred = true, true
		case m.toks.is(k, Name, "for") && depth > 0:
			deferred = true
		}
	}
	if deferred {
		lines = append(lines, [2]int{lineLo, m.tokenEnd(m.lastCode(body.hi))})
	}
	return lines, true
}

// lastCode is the last token before k that is no Newline, Indent or Dedent.
func (m *Module) lastCode(k int) int {
	for k--; k > 0 && (m.toks.typ(k) == Newline || m.toks.typ(k) == Indent || m.toks.typ(k) == Dedent); k-- {
	}
	return k
}

// tokenEnd is the last line token k spans (a multi-line string's).
func (m *Module) tokenEnd(k int) int {
	if k < 0 {
		return 0
	}
	l := m.toks.line(k)
	for _, c := range m.toks.text(k) {
		if c == '\n' {
			l++
		}
	}
	return l
}

// Logical maps each line (from 1) to the first line of the logical line
// holding it: a statement with its bracketed, backslashed and string
// continuation lines. A line without a token (blank, a comment) maps to 0.
// One pass over the tokens, where LogicalStart is one per call.
func (m *Module) Logical() []int {
	var out []int
	set := func(l, start int) {
		for len(out) <= l {
			out = append(out, 0)
		}
		out[l] = start
	}
	start := 0
	for i := 0; i < m.toks.len(); i++ {
		switch m.toks.typ(i) {
		case Newline, Indent, Dedent, EndMarker:
			start = 0
			continue
		}
		l := m.toks.line(i)
		if start == 0 {
			start = l
		}
		for e := m.tokenEnd(i); l <= e; l++ {
			set(l, start)
		}
	}
	return out
}
