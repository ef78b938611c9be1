package pysrc

import (
	"maps"
	"slices"
)

// A function body can change in what Python never runs. The annotation of
// a local variable (`x: T = v` inside a def) is never evaluated (PEP 526),
// and typing.cast(T, v) returns v: jinja's `update_wrapper(t.cast(F,
// new_func), f)` -> `update_wrapper(new_func, f)` changed nothing a test
// can see, in a decorator every module runs at import.
//
// typingStripped is the text of a body's tokens with both removed: every
// local annotation that has a value (a bare `x: T` makes x local, which
// changes what reading it does), and each cast whose type is a string or
// only names and subscripts (`F`, `t.Callable[..., R]`). Evaluating such
// a type can only raise, where a name is bound for type checkers only: so
// types lists the roots of the names each non-string type reads, and a
// cast the new version adds must read only names the old one's casts
// read, or names the caller finds bound at run time. casts collects the
// spellings stripped ("cast", "t.cast"): the caller checks that each is
// typing's.
func (m *Module) typingStripped(sp span, casts, types map[string]bool) ([]string, bool) {
	var out []string
	var closers []int // the paren depths at which a stripped cast's ")" closes
	depth, start, locals := 0, true, true
	for i := sp.lo; i < sp.hi; i++ {
		typ, text := m.toks.typ(i), m.toks.text(i)
		if typ == Comment || typ == NL {
			continue
		}
		if typ == Name && (text == "class" || text == "global" || text == "nonlocal") {
			// a class body's annotations run; an annotated global is a
			// SyntaxError: from here on, annotations count
			locals = false
		}
		switch {
		case locals && start && typ == Name && !isKeyword(text) && m.next(i, sp.hi, 1) == ":":
			if eq, ok := m.annotationEnd(i+1, sp.hi); ok {
				out = append(out, key(typ, text))
				i = eq - 1 // the `=` is emitted next
				start = false
				continue
			}
		case typ == Name && text == "cast" && m.next(i, sp.hi, 1) == "(":
			if end, ok := m.castType(i+2, sp.hi, types); ok {
				spelling := "cast"
				if n := len(out); n >= 2 && out[n-1] == key(Op, ".") && out[n-2][0] == key(Name, "")[0] {
					spelling = out[n-2][1:] + ".cast"
					out = out[:n-2]
				} else if n >= 1 && out[n-1] == key(Op, ".") {
					return nil, false // a cast of an expression's attribute: not a module's
				}
				casts[spelling] = true
				depth++
				closers = append(closers, depth)
				i = end // the `,` after the type
				start = false
				continue
			}
		}
		switch {
		case typ == Op && (text == "(" || text == "[" || text == "{"):
			depth++
		case typ == Op && (text == ")" || text == "]" || text == "}"):
			if n := len(closers); n > 0 && closers[n-1] == depth && text == ")" {
				closers = closers[:n-1]
				depth--
				if k := len(out); k > 0 && out[k-1] == key(Op, ",") {
					out = out[:k-1] // `cast(T, v,)`
				}
				continue
			}
			depth--
		}
		out = append(out, key(typ, text))
		start = typ == Newline || typ == Indent || typ == Dedent || typ == Op && text == ";"
	}
	return out, len(closers) == 0
}

// key is a token's type and text as one string.
func key(typ TokenType, text string) string {
	if typ < Name || typ > Op {
		text = "" // layout: NEWLINE, INDENT, DEDENT
	}
	return string(rune('A'+int(typ))) + text
}

// typingOnly reports whether two versions of a function body differ only
// in what typingStripped removes, which cast spellings that took, and
// which names the new version's cast types read that the old one's did
// not.
func typingOnly(a *Module, as span, b *Module, bs span) (casts, reads []string, ok bool) {
	spell, oldTypes, newTypes := map[string]bool{}, map[string]bool{}, map[string]bool{}
	x, ok := a.typingStripped(as, spell, oldTypes)
	if !ok {
		return nil, nil, false
	}
	y, ok := b.typingStripped(bs, spell, newTypes)
	if !ok || !slices.Equal(x, y) {
		return nil, nil, false
	}
	for n := range newTypes {
		if !oldTypes[n] {
			reads = append(reads, n)
		}
	}
	return slices.Sorted(maps.Keys(spell)), reads, true
}

// next is the text of the k'th token after i that is no comment or NL.
func (m *Module) next(i, hi, k int) string {
	for j := i + 1; j < hi; j++ {
		if t := m.toks.typ(j); t != Comment && t != NL {
			if k--; k == 0 {
				return m.toks.text(j)
			}
		}
	}
	return ""
}

// annotationEnd finds the `=` of an annotated assignment whose `:` is at
// colon, when the annotation holds nothing a compiler could act on (yield,
// await, a walrus, a lambda).
func (m *Module) annotationEnd(colon, hi int) (int, bool) {
	depth := 0
	for j := colon + 1; j < hi; j++ {
		typ, text := m.toks.typ(j), m.toks.text(j)
		switch {
		case typ == Newline:
			return 0, false // a bare annotation
		case typ == Name && (text == "yield" || text == "await" || text == "lambda"):
			return 0, false
		case typ == Op && text == ":=":
			return 0, false
		case typ == Op && (text == "(" || text == "[" || text == "{"):
			depth++
		case typ == Op && (text == ")" || text == "]" || text == "}"):
			depth--
		case typ == Op && text == "=" && depth == 0:
			return j, true
		}
	}
	return 0, false
}

// castType reads a cast's type argument from lo (after its `(`) to the
// top-level `,`: a string alone, or names, dots, subscripts and strings,
// whose root names it adds to roots. It returns the index of the `,`.
func (m *Module) castType(lo, hi int, roots map[string]bool) (int, bool) {
	depth, n, plain := 0, 0, true
	var names []string
	for j := lo; j < hi; j++ {
		typ, text := m.toks.typ(j), m.toks.text(j)
		if typ == Comment || typ == NL {
			continue
		}
		switch {
		case typ == Op && text == "," && depth == 0:
			if n == 0 || !plain {
				return 0, false
			}
			for _, r := range names {
				roots[r] = true
			}
			return j, true
		case typ == Op && (text == "[" || text == "("):
			plain = plain && text == "["
			depth++
		case typ == Op && (text == "]" || text == ")"):
			if depth--; depth < 0 {
				return 0, false
			}
		case typ == Name && !isKeyword(text):
			if j == lo || m.toks.text(j-1) != "." {
				names = append(names, text)
			}
		case text == "None" || typ == String && !formatted(text):
		case typ == Op && (text == "." || text == "|" || text == "," || text == "..."):
		default:
			plain = false
		}
		n++
	}
	return 0, false
}
