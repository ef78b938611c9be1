package pysrc

// compound binds the names of a compound statement: those of its headers
// (for targets, with/except `as` names, match captures), of the simple
// statements in its blocks, and of the units defined in it.
func (a *stmtScan) compound() {
	var blocks []string // the keyword of each open block's header
	opened := ""        // a header just ended with its colon and a NEWLINE
	for k := 0; k < len(a.v); {
		switch a.typ(k) {
		case Newline:
			k++
			continue
		case Indent:
			blocks = append(blocks, opened)
			k++
			continue
		case Dedent:
			if len(blocks) > 0 {
				blocks = blocks[:len(blocks)-1]
			}
			k++
			continue
		}
		opened = ""
		if a.is(k, Name, "def") || a.is(k, Name, "class") { // a unit's marker
			if a.typ(k+1) == Name {
				a.bind(a.text(k + 1))
			}
			k += 2
			continue
		}
		inMatch := len(blocks) > 0 && blocks[len(blocks)-1] == "match"
		if kw, lo := a.header(k, inMatch); kw != "" {
			c := a.headerColon(lo)
			a.headerBinds(kw, lo, c)
			k = c + 1
			if a.typ(k) == Newline {
				opened = kw
			}
			continue
		}
		e := a.simpleEnd(k)
		a.simple(k, e)
		k = e + 1
	}
}

// header reports the keyword of the clause header starting at k, if it is
// one, and the index after the keyword.
func (a *stmtScan) header(k int, inMatch bool) (string, int) {
	if a.typ(k) != Name {
		return "", 0
	}
	switch t := a.text(k); t {
	case "if", "elif", "else", "while", "for", "try", "except", "finally", "with":
		return t, k + 1
	case "async":
		if a.is(k+1, Name, "for") || a.is(k+1, Name, "with") {
			return a.text(k + 1), k + 2
		}
	case "match": // soft keywords: `match = 1` is an assignment
		if a.endsWithColon(k) {
			return t, k + 1
		}
	case "case":
		if inMatch || a.endsWithColon(k) {
			return t, k + 1
		}
	}
	return "", 0
}

// endsWithColon reports whether the logical line holding k ends with ':'.
func (a *stmtScan) endsWithColon(k int) bool {
	for ; k < len(a.v); k++ {
		if a.typ(k) == Newline {
			return a.is(k-1, Op, ":")
		}
	}
	return false
}

// headerColon returns the index of the colon ending the header whose
// expression starts at k; a lambda's colon is skipped.
func (a *stmtScan) headerColon(k int) int {
	depth, lambdas := 0, 0
	for ; k < len(a.v); k++ {
		switch {
		case a.typ(k) == Newline:
			return k - 1
		case a.is(k, Name, "lambda") && depth == 0:
			lambdas++
		case a.typ(k) != Op:
		case a.text(k) == ":" && depth == 0 && lambdas > 0:
			lambdas--
		case a.text(k) == ":" && depth == 0:
			return k
		default:
			depth += bracketDelta(a.text(k))
		}
	}
	return k
}

// headerBinds binds the names a clause header binds; its expression is
// [lo, c).
func (a *stmtScan) headerBinds(kw string, lo, c int) {
	switch kw {
	case "for":
		a.targets(lo, a.topLevel(lo, c, "in"))
	case "with", "except":
		for k := lo; k < c; k++ {
			if !a.is(k, Name, "as") {
				continue
			}
			if a.is(k+1, Op, "(") || a.is(k+1, Op, "[") {
				a.target(k+1, a.closing(k+1)+1)
			} else if a.name(k+1) && !a.is(k+2, Op, ".") && !a.is(k+2, Op, "[") {
				a.bind(a.text(k + 1))
			}
		}
	case "case":
		a.captures(lo, a.topLevel(lo, c, "if"))
	}
}

// topLevel returns the index of the keyword kw outside brackets in
// [lo, hi), or hi.
func (a *stmtScan) topLevel(lo, hi int, kw string) int {
	depth := 0
	for k := lo; k < hi; k++ {
		if a.typ(k) == Op {
			depth += bracketDelta(a.text(k))
		}
		if depth == 0 && a.is(k, Name, kw) {
			return k
		}
	}
	return hi
}

// captures binds the capture names of a match pattern: every name that is
// no wildcard, value (dotted) pattern, class name or keyword of a class
// pattern.
func (a *stmtScan) captures(lo, hi int) {
	for k := lo; k < hi; k++ {
		switch {
		case !a.name(k), a.text(k) == "_", a.is(k-1, Op, "."):
		case a.is(k+1, Op, "."), a.is(k+1, Op, "("), a.is(k+1, Op, "="):
		default:
			a.bind(a.text(k))
		}
	}
}

// simpleEnd returns the index of the `;` or NEWLINE ending the simple
// statement at k.
func (a *stmtScan) simpleEnd(k int) int {
	depth := 0
	for ; k < len(a.v); k++ {
		switch {
		case a.typ(k) == Newline:
			return k
		case a.typ(k) != Op:
		case depth == 0 && a.text(k) == ";":
			return k
		default:
			depth += bracketDelta(a.text(k))
		}
	}
	return k
}
