package pysrc

// checkBlocks enforces the block structure everywhere, function bodies
// included, which the parser does not walk into: an indented block follows
// exactly the logical lines that end with a colon. A block header missing
// its colon is the most common way an edit stops a module from compiling,
// and a module that does not compile breaks every importer: it must not
// pass for a body-only change.
func checkBlocks(ts tokens) error {
	for i := 0; i < ts.len(); i++ {
		if ts.typ(i) != Newline {
			continue
		}
		prev := i - 1
		for prev >= 0 && (ts.typ(prev) == Comment || ts.typ(prev) == NL) {
			prev--
		}
		next := i + 1
		for next < ts.len() && (ts.typ(next) == Comment || ts.typ(next) == NL) {
			next++
		}
		if next >= ts.len() {
			return nil
		}
		colon := prev >= 0 && ts.is(prev, Op, ":")
		indent := ts.typ(next) == Indent
		switch {
		case colon && !indent:
			return errAt(ts.line(next), "expected an indented block")
		case !colon && indent:
			return errAt(ts.line(next), "unexpected indent")
		}
	}
	return nil
}

// checkGlobals rejects what CPython's compiler rejects after parsing: a
// `global` declaration of a name the function already used
// ("name 'x' is used prior to global declaration"). An edit that moves a
// statement above its declaration stops the module from compiling. Uses in
// nested functions count too, which can only make a valid module look
// broken, and a broken-looking module is treated as changed everywhere.
// (`nonlocal` is left out: closures routinely use a name in the outer
// function before an inner one declares it.)
func (m *Module) checkGlobals() error {
	for i, u := range m.Units {
		if u.Kind != KindFunc {
			continue
		}
		body := m.spans[i].body
		seen := map[string]bool{}
		for k := body.lo; k < body.hi; k++ {
			if m.toks.is(k, Op, ".") {
				k++ // an attribute name is no use of a variable
				continue
			}
			if m.toks.typ(k) != Name {
				continue
			}
			t := m.toks.text(k)
			if (t == "def" || t == "class") && k > body.lo && statementStart(m.toks, k-1) {
				k = skipBlock(m.toks, k, body.hi) // a nested scope has names of its own
				continue
			}
			if t == "global" && k > body.lo && statementStart(m.toks, k-1) {
				for k++; k < body.hi && m.toks.typ(k) != Newline && !m.toks.is(k, Op, ";"); k++ {
					if m.toks.typ(k) == Name && seen[m.toks.text(k)] {
						return errAt(m.toks.line(k), "name %q is used prior to %s declaration", m.toks.text(k), t)
					}
				}
				continue
			}
			seen[t] = true
		}
	}
	return nil
}

// statementStart reports whether the token after prev starts a statement.
func statementStart(ts tokens, prev int) bool {
	switch ts.typ(prev) {
	case Newline, Indent, Dedent:
		return true
	}
	return ts.is(prev, Op, ";") || ts.is(prev, Op, ":")
}

// skipBlock returns the index of the last token of the compound statement
// whose header starts at k: the DEDENT closing its block, or the NEWLINE of
// a one-line body.
func skipBlock(ts tokens, k, hi int) int {
	for k < hi && ts.typ(k) != Newline {
		k++
	}
	if k+1 >= hi || ts.typ(k+1) != Indent {
		return k
	}
	depth := 0
	for k++; k < hi; k++ {
		switch ts.typ(k) {
		case Indent:
			depth++
		case Dedent:
			if depth--; depth == 0 {
				return k
			}
		}
	}
	return k
}
