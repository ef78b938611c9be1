package pysrc

// ReadNames lists the plain names an assignment statement st reads when it
// runs (its value's, its annotation's unless lazy, its targets'
// subscripts'), in order, deduplicated: what must be bound for it not to
// raise NameError. Attributes after a dot, keyword-argument names, the
// targets it binds, and the variables of its comprehensions and lambdas
// are no reads. A `type X = ...` alias reads nothing when it runs.
func (m *Module) ReadNames(st *Stmt, lazy bool) []string {
	r := m.rawOf(st)
	if r == nil || st.Kind != StmtAssign {
		return nil
	}
	var toks []int
	for _, p := range r.parts {
		for i := p.lo; i < p.hi; i++ {
			if !m.toks.layout(i) {
				toks = append(toks, i)
			}
		}
	}
	if len(toks) > 0 && m.toks.is(toks[0], Name, "type") && len(toks) > 1 && m.toks.typ(toks[1]) == Name {
		return nil // PEP 695: evaluated when first read
	}
	// the last `=` at depth 0 ends the targets; `x: T = v` has a
	// annotation between its first `:` and that `=`
	lastEq, firstColon, depth := -1, -1, 0
	for k, i := range toks {
		switch text := m.toks.text(i); {
		case m.toks.typ(i) != Op:
		case text == "(" || text == "[" || text == "{":
			depth++
		case text == ")" || text == "]" || text == "}":
			depth--
		case depth == 0 && text == "=":
			lastEq = k
		case depth == 0 && text == ":" && firstColon < 0 && lastEq < 0:
			firstColon = k
		}
	}
	local := map[string]bool{}
	for k, i := range toks { // comprehension and lambda variables
		switch {
		case m.toks.is(i, Name, "for"):
			for j := k + 1; j < len(toks) && !m.toks.is(toks[j], Name, "in"); j++ {
				if m.toks.typ(toks[j]) == Name {
					local[m.toks.text(toks[j])] = true
				}
			}
		case m.toks.is(i, Name, "lambda"):
			for j := k + 1; j < len(toks) && !m.toks.is(toks[j], Op, ":"); j++ {
				if m.toks.typ(toks[j]) == Name {
					local[m.toks.text(toks[j])] = true
				}
			}
		}
	}
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if !seen[n] && !local[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	depth = 0
	for k, i := range toks {
		typ, text := m.toks.typ(i), m.toks.text(i)
		if typ == Op {
			switch text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
		}
		inAnnotation := firstColon >= 0 && k > firstColon && (lastEq < 0 || k < lastEq)
		if inAnnotation && lazy {
			continue
		}
		if typ == String {
			for _, e := range m.embedded {
				if e.tok == i && e.kind == embedName {
					add(e.name)
				}
			}
			continue
		}
		if typ != Name || isKeyword(text) || k > 0 && m.toks.is(toks[k-1], Op, ".") {
			continue
		}
		next := ""
		if k+1 < len(toks) && m.toks.typ(toks[k+1]) == Op {
			next = m.toks.text(toks[k+1])
		}
		target := !inAnnotation && depth == 0 && (k < lastEq || lastEq < 0 && firstColon >= 0 && k < firstColon)
		switch {
		case next == ":=":
		case next == "=" && depth > 0: // a keyword argument
		case target && (next == "=" || next == "," || next == ":" || next == ")" || next == "]" || next == ""):
		default:
			add(text)
		}
	}
	return out
}
