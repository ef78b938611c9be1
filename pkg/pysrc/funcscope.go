package pysrc

import (
	"slices"
	"sort"
)

// FunctionScope returns the names function unit i binds in its own scope
// (assignment, for, with, except and match targets, imports, del, walrus,
// nested def and class names), each `global x` and `nonlocal x` also as
// "global:x" and "nonlocal:x", and whether the function is plain: neither
// async nor holding a `yield` or `await` of its own. Which names a
// function binds decides, for its whole body, which names are local: a
// changed set changes what every line reads, run or not. A generator or a
// coroutine runs its body lazily, interleaved with whatever iterates it.
func (m *Module) FunctionScope(i int) (binds []string, plain bool) {
	u := m.Units[i]
	if u.Kind != KindFunc {
		return nil, false
	}
	body := m.spans[i].body
	own := &stmtScan{m: m}
	headers := &stmtScan{m: m} // nested headers: a default's walrus binds here
	plain = !u.Async
	for k := body.lo; k < body.hi; k++ {
		switch {
		case m.toks.is(k, Name, "async") && m.toks.is(k+1, Name, "def"):
			continue
		case m.toks.is(k, Name, "def") || m.toks.is(k, Name, "class"):
			own.v = append(own.v, k, k+1)
			end := skipBlock(m.toks, k, body.hi)
			for h := k + 2; h < end && m.toks.typ(h) != Newline; h++ {
				headers.v = append(headers.v, h)
			}
			k = end
			continue
		case m.toks.is(k, Name, "yield") || m.toks.is(k, Name, "await"):
			plain = false
		}
		own.v = append(own.v, k)
	}
	own.compound()
	own.walrus()
	headers.walrus()
	binds = append(own.binds, headers.binds...)
	for k := 0; k < len(own.v); k++ {
		if kw := own.text(k); own.typ(k) == Name && (kw == "global" || kw == "nonlocal") {
			for k++; k < len(own.v) && own.typ(k) != Newline && !own.is(k, Op, ";"); k++ {
				if own.name(k) {
					binds = append(binds, kw+":"+own.text(k))
				}
			}
		}
	}
	sort.Strings(binds)
	return slices.Compact(binds), plain
}

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

// NameLines returns the lines of function unit i's body where name is
// read or bound as a variable: a name token not after a dot (a keyword
// argument's name counts too, which only widens).
func (m *Module) NameLines(i int, name string) []int {
	body := m.spans[i].body
	var out []int
	for k := body.lo; k < body.hi; k++ {
		if m.toks.is(k, Name, name) && !(k > 0 && m.toks.is(k-1, Op, ".")) {
			out = append(out, m.toks.line(k))
		}
	}
	for _, e := range m.embedded {
		if e.name == name && e.tok >= body.lo && e.tok < body.hi {
			out = append(out, int(e.line))
		}
	}
	return out
}

// freshMakers build a new container from their arguments.
var freshMakers = map[string]bool{
	"list": true, "dict": true, "set": true, "frozenset": true, "tuple": true, "bytearray": true,
	"defaultdict": true, "OrderedDict": true, "deque": true, "Counter": true,
}

// FreshLocals returns the names function unit i binds only to an object
// it makes itself: `out = []`, `seen = set()`, `d = dict(base)`, a
// literal. What the function stores into one of those is gone with the
// call (unless it hands the object on, which code reading it then names);
// a local bound any other way may alias an object that outlives the call
// (`cache = self._cache`, a loop's item).
func (m *Module) FreshLocals(i int) map[string]bool {
	body := m.spans[i].body
	var own []int
	for k := body.lo; k < body.hi; k++ {
		if m.toks.is(k, Name, "async") && m.toks.is(k+1, Name, "def") {
			continue
		}
		if m.toks.is(k, Name, "def") || m.toks.is(k, Name, "class") {
			own = append(own, k, k+1)
			k = skipBlock(m.toks, k, body.hi)
			continue
		}
		own = append(own, k)
	}
	fresh := map[string]bool{}
	rest := &stmtScan{m: m}
	for lo := 0; lo < len(own); {
		hi := lo
		switch m.toks.typ(own[lo]) {
		case Indent, Dedent, Newline:
			hi = lo + 1
		default:
			depth := 0
			for hi < len(own) {
				t := own[hi]
				hi++
				if m.toks.typ(t) == Op {
					depth += bracketDelta(m.toks.text(t))
				}
				if m.toks.typ(t) == Newline || depth == 0 && m.toks.is(t, Op, ";") {
					break
				}
			}
		}
		if name, ok := m.freshAssign(own[lo:hi]); ok {
			fresh[name] = true
		} else {
			rest.v = append(rest.v, own[lo:hi]...)
		}
		lo = hi
	}
	rest.compound()
	rest.walrus()
	for _, b := range rest.binds {
		delete(fresh, b)
	}
	return fresh
}

// freshAssign reads `NAME = <a literal, a display, or a freshMakers call>`
// ending the statement v.
func (m *Module) freshAssign(v []int) (string, bool) {
	if len(v) < 4 || m.toks.typ(v[0]) != Name || isKeyword(m.toks.text(v[0])) {
		return "", false
	}
	eq := 1
	if m.toks.is(v[1], Op, ":") { // `lines: list[str] = []`
		for depth := 0; eq < len(v) && !(depth == 0 && m.toks.is(v[eq], Op, "=")); eq++ {
			if m.toks.typ(v[eq]) == Op {
				depth += bracketDelta(m.toks.text(v[eq]))
			}
		}
	}
	if eq >= len(v) || !m.toks.is(v[eq], Op, "=") {
		return "", false
	}
	end := len(v)
	if t := v[end-1]; m.toks.typ(t) == Newline || m.toks.is(t, Op, ";") {
		end--
	}
	rhs := v[eq+1 : end]
	if len(rhs) == 0 {
		return "", false
	}
	first := rhs[0]
	switch {
	case len(rhs) == 1:
		t := m.toks.typ(first)
		return m.toks.text(v[0]), t == Number || t == String && !formatted(m.toks.text(first)) ||
			t == Name && (m.toks.text(first) == "None" || m.toks.text(first) == "True" || m.toks.text(first) == "False")
	case m.toks.is(first, Op, "[") || m.toks.is(first, Op, "{"):
		return m.toks.text(v[0]), m.closes(rhs, 0)
	case m.toks.typ(first) == Name && freshMakers[m.toks.text(first)] && m.toks.is(rhs[1], Op, "("):
		return m.toks.text(v[0]), m.closes(rhs, 1)
	}
	return "", false
}

// closes reports whether the bracket at v[k] closes at v's last token.
func (m *Module) closes(v []int, k int) bool {
	depth := 0
	for j := k; j < len(v); j++ {
		if m.toks.typ(v[j]) == Op {
			depth += bracketDelta(m.toks.text(v[j]))
		}
		if depth == 0 {
			return j == len(v)-1
		}
	}
	return false
}
