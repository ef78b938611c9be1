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
	ownV, headerV := m.ownTokens(i)
	own := &stmtScan{m: m, v: ownV}
	headers := &stmtScan{m: m, v: headerV} // nested headers: a default's walrus binds here
	plain = !u.Async
	for _, k := range ownV {
		if m.toks.is(k, Name, "yield") || m.toks.is(k, Name, "await") {
			plain = false
		}
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

// ownTokens returns the tokens of function unit i's body in its own
// scope (a nested def or class stands as its keyword and name, which it
// binds here), and the tokens of the nested headers up to their colon's
// line end (their defaults run in this scope).
func (m *Module) ownTokens(i int) (own, headers []int) {
	body := m.spans[i].body
	for k := body.lo; k < body.hi; k++ {
		switch {
		case m.toks.is(k, Name, "async") && m.toks.is(k+1, Name, "def"):
		case m.toks.is(k, Name, "def") || m.toks.is(k, Name, "class"):
			own = append(own, k, k+1)
			end := skipBlock(m.toks, k, body.hi)
			for h := k + 2; h < end && m.toks.typ(h) != Newline; h++ {
				headers = append(headers, h)
			}
			k = end
		default:
			own = append(own, k)
		}
	}
	return own, headers
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
	own, _ := m.ownTokens(i)
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

// LocalName reports whether name, read bare anywhere in function unit i's
// body, is a local of the function (or of a function nested in it) and
// never its module's global: the function binds it in its own scope
// (`from typing import TypedDict` in a PEP 562 `__getattr__`), which makes
// it local on every line, and no `global name` or `nonlocal name` appears
// anywhere in the body, nested scopes included (a nested `global` reads
// the module's). Parameters do not count: false only widens.
func (m *Module) LocalName(i int, name string) bool {
	binds, _ := m.FunctionScope(i)
	if _, ok := slices.BinarySearch(binds, name); !ok {
		return false
	}
	body := m.spans[i].body
	for k := body.lo; k < body.hi; k++ {
		if m.toks.is(k, Name, "global") || m.toks.is(k, Name, "nonlocal") {
			for h := k + 1; h < body.hi && m.toks.typ(h) != Newline && !m.toks.is(h, Op, ";"); h++ {
				if m.toks.is(h, Name, name) {
					return false
				}
			}
		}
	}
	return true
}
