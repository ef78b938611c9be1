package pysrc

import "sort"

// mutators are the methods that change a container in place.
var mutators = map[string]bool{
	"append": true, "extend": true, "insert": true, "update": true, "setdefault": true,
	"add": true, "pop": true, "popitem": true, "clear": true, "remove": true, "discard": true,
	"sort": true, "reverse": true, "appendleft": true, "extendleft": true, "__setitem__": true,
	"__delitem__": true, "__setattr__": true, "intersection_update": true, "difference_update": true,
	"symmetric_difference_update": true,
}

// StoresOutside reports whether the statements on lines [lo, hi] (lo the
// first line of one) may write state that outlives the call: an attribute
// or subscript stored or deleted (`self.x = ...`, `obj[k] += 1`) or a
// container mutated in place (`seen.add(k)`), on anything but a name the
// function binds (locals), or setattr. A later test may read such state
// without running these lines (a value memoized on a shared object),
// where it still runs the function.
func (m *Module) StoresOutside(lo, hi int, locals map[string]bool) bool {
	depth, stmt := 0, -1
	// lo starts a logical line: no statement or bracket is open there
	first := sort.Search(m.toks.len(), func(k int) bool { return m.toks.line(k) >= lo })
	for k := first; k < m.toks.len(); k++ {
		l := m.toks.line(k)
		if l > hi {
			break
		}
		typ, t := m.toks.typ(k), m.toks.text(k)
		if typ == Newline || typ == Indent || typ == Dedent || typ == Op && t == ";" && depth == 0 {
			stmt, depth = -1, 0
			continue
		}
		if stmt < 0 {
			stmt = k
		}
		if typ == Op {
			depth += bracketDelta(t)
		}
		if l < lo {
			continue
		}
		switch {
		case typ == Name && (t == "setattr" || t == "delattr") && m.toks.is(k+1, Op, "("):
			return true
		case typ == Name && t == "del" && k == stmt:
			if m.storeTargets(k+1, m.stmtEnd(k), locals) {
				return true
			}
		case typ == Op && depth == 0 && (t == "=" || augmented(t)):
			from := stmt
			for j := k - 1; j > stmt; j-- { // the target after the previous `=`
				if m.toks.is(j, Op, "=") {
					from = j + 1
					break
				}
			}
			if m.storeTargets(from, k, locals) {
				return true
			}
		case typ == Op && t == "." && m.toks.typ(k+1) == Name && mutators[m.toks.text(k+1)] && m.toks.is(k+2, Op, "("):
			if !m.localChain(k-1, locals) {
				return true
			}
		}
	}
	return false
}

// localChain reports whether the receiver ending at token k is a dotted
// chain of names (`seen`, `self._body`) whose first name is local.
func (m *Module) localChain(k int, locals map[string]bool) bool {
	for k >= 2 && m.toks.typ(k) == Name && m.toks.is(k-1, Op, ".") {
		k -= 2
	}
	if m.toks.typ(k) != Name || !locals[m.toks.text(k)] {
		return false
	}
	return k == 0 || !m.toks.is(k-1, Op, ".")
}

// storeTargets reports whether targets [lo, hi) store through an
// attribute or subscript of anything but a local name: each target (split
// at top-level commas) is a plain name, or starts with a local name.
func (m *Module) storeTargets(lo, hi int, locals map[string]bool) bool {
	depth, first := 0, lo
	for k := lo; k <= hi; k++ {
		t := m.toks.text(k)
		if k == hi || depth == 0 && m.toks.is(k, Op, ",") {
			if m.storesThrough(first, k, locals) {
				return true
			}
			first = k + 1
			continue
		}
		if m.toks.typ(k) == Op {
			depth += bracketDelta(t)
		}
	}
	return false
}

// storesThrough: one target [lo, hi) with an attribute or subscript whose
// base is no local name at its start.
func (m *Module) storesThrough(lo, hi int, locals map[string]bool) bool {
	if lo < hi && m.toks.is(lo, Op, "*") {
		lo++
	}
	for k := lo + 1; k < hi; k++ {
		if m.toks.is(k, Op, ".") || m.toks.is(k, Op, "[") {
			return m.toks.typ(lo) != Name || !locals[m.toks.text(lo)]
		}
	}
	return false
}

// stmtEnd is the index of the NEWLINE or `;` ending the statement at k.
func (m *Module) stmtEnd(k int) int {
	depth := 0
	for ; k < m.toks.len(); k++ {
		switch t := m.toks.text(k); {
		case m.toks.typ(k) == Newline:
			return k
		case m.toks.typ(k) != Op:
		case depth == 0 && t == ";":
			return k
		default:
			depth += bracketDelta(t)
		}
	}
	return k
}
