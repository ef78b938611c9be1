package pysrc

// targets binds the plain names of the target list [lo, hi) and reports
// whether it holds nothing else: no attribute, subscript or other target.
func (a *stmtScan) targets(lo, hi int) bool {
	plain := true
	for lo < hi {
		end := a.itemEnd(lo, hi)
		plain = a.target(lo, end) && plain
		lo = end + 1
	}
	return plain
}

func (a *stmtScan) target(lo, hi int) bool {
	if lo < hi && a.is(lo, Op, "*") {
		lo++
	}
	switch {
	case lo >= hi:
		return true
	case hi-lo == 1 && a.name(lo):
		a.bind(a.text(lo))
		return true
	case (a.is(lo, Op, "(") || a.is(lo, Op, "[")) && a.closing(lo) == hi-1:
		return a.targets(lo+1, hi-1)
	}
	return false
}

// itemEnd returns the index of the first top-level comma in [lo, hi), or hi.
func (a *stmtScan) itemEnd(lo, hi int) int {
	depth := 0
	for k := lo; k < hi; k++ {
		if a.typ(k) != Op {
			continue
		}
		depth += bracketDelta(a.text(k))
		if depth == 0 && a.text(k) == "," {
			return k
		}
	}
	return hi
}

// closing returns the index of the bracket closing the one at k, or -1.
func (a *stmtScan) closing(k int) int {
	depth := 0
	for ; k < len(a.v); k++ {
		if a.typ(k) == Op {
			depth += bracketDelta(a.text(k))
			if depth == 0 {
				return k
			}
		}
	}
	return -1
}
