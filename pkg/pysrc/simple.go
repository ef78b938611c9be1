package pysrc

// kindLiteral marks, inside the package, an expression statement made of
// literals only: a docstring when it comes first, else a no-op.
const kindLiteral = "literal"

// simple binds the names of the simple statement in [lo, hi) and returns
// its kind and whether it is pure.
func (a *stmtScan) simple(lo, hi int) (kind string, pure bool) {
	if a.typ(lo) == Name {
		switch a.text(lo) {
		case "import":
			a.importNames(lo+1, hi)
			return StmtImport, true
		case "from":
			return StmtImport, a.fromImport(lo, hi)
		case "global", "nonlocal":
			for k := lo + 1; k < hi; k++ {
				if a.name(k) {
					a.bind(a.text(k))
				}
			}
			return StmtOther, false
		case "del":
			a.targets(lo+1, hi)
			return StmtOther, false
		case "pass":
			return StmtOther, hi == lo+1
		case "type": // a soft keyword: `type X = ...`, `type X[T] = ...`
			if a.name(lo+1) && (a.is(lo+2, Op, "=") || a.is(lo+2, Op, "[")) {
				a.bind(a.text(lo + 1))
				return StmtAssign, a.clean(lo, hi)
			}
		}
	}
	return a.assignment(lo, hi)
}

// assignment handles what is left: assignments of every form, and
// expression statements.
func (a *stmtScan) assignment(lo, hi int) (string, bool) {
	eqs, aug, ann := a.operators(lo, hi)
	switch {
	case ann >= 0:
		plain := a.targets(lo, ann)
		if plain {
			a.bind("__annotations__")
		}
		return StmtAssign, plain && a.clean(lo, hi)
	case aug >= 0:
		a.targets(lo, aug)
		return StmtAssign, false
	case len(eqs) > 0:
		plain, from := true, lo
		for _, e := range eqs {
			plain = a.targets(from, e) && plain
			from = e + 1
		}
		return StmtAssign, plain && a.clean(lo, hi)
	case a.literals(lo, hi):
		return kindLiteral, true
	}
	return StmtOther, false
}

// operators finds the top-level `=` signs, augmented assignment operator
// and annotation colon of a simple statement; all come before any lambda,
// whose defaults and colon are no assignment.
func (a *stmtScan) operators(lo, hi int) (eqs []int, aug, ann int) {
	aug, ann = -1, -1
	depth := 0
	for k := lo; k < hi; k++ {
		if a.typ(k) == Name && a.text(k) == "lambda" && depth == 0 {
			break
		}
		if a.typ(k) != Op {
			continue
		}
		t := a.text(k)
		depth += bracketDelta(t)
		switch {
		case depth != 0:
		case t == "=":
			eqs = append(eqs, k)
		case t == ":" && ann < 0 && len(eqs) == 0:
			ann = k
		case augmented(t) && aug < 0 && len(eqs) == 0:
			aug = k
		}
	}
	return eqs, aug, ann
}

func augmented(op string) bool {
	switch op {
	case "+=", "-=", "*=", "/=", "//=", "%=", "@=", "&=", "|=", "^=", ">>=", "<<=", "**=":
		return true
	}
	return false
}

// literals reports whether [lo, hi) is an expression of literals only
// (strings other than f-strings, numbers, `...`), which evaluates to nothing.
func (a *stmtScan) literals(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		switch {
		case a.typ(k) == String && !formatted(a.text(k)):
		case a.typ(k) == Number, a.is(k, Op, "..."):
		default:
			return false
		}
	}
	return hi > lo
}

// importNames binds the names of `import a.b.c as d, e` from lo (after
// the keyword).
func (a *stmtScan) importNames(lo, hi int) {
	for k := lo; k < hi && a.typ(k) == Name; k++ {
		n := a.text(k)
		for k++; a.is(k, Op, ".") && a.typ(k+1) == Name; k += 2 {
		}
		if a.is(k, Name, "as") && a.typ(k+1) == Name {
			n = a.text(k + 1)
			k += 2
		}
		a.bind(n)
		if !a.is(k, Op, ",") {
			return
		}
	}
}

// fromImport binds the names of `from m import (a as b, c)` and reports
// whether it is pure: a __future__ import changes how the whole module is
// compiled.
func (a *stmtScan) fromImport(lo, hi int) bool {
	k := lo + 1
	for k < hi && !a.is(k, Name, "import") {
		k++
	}
	future := k == lo+2 && a.is(lo+1, Name, "__future__")
	k++
	if a.is(k, Op, "(") {
		k++
	}
	for k < hi {
		n := a.text(k)
		switch {
		case a.is(k, Op, "*"):
		case a.typ(k) != Name:
			return !future
		case a.is(k+1, Name, "as") && a.typ(k+2) == Name:
			n = a.text(k + 2)
			k += 2
		}
		a.bind(n)
		if !a.is(k+1, Op, ",") {
			break
		}
		k += 2
	}
	return !future
}
