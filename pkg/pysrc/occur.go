package pysrc

import "sort"

// Where says in which part of a module a name occurs.
type Where uint8

// The places a name can occur.
const (
	InBody      Where = iota // a function's body (nested defs, lambdas included)
	InSignature              // def parameters, defaults, annotations, return annotation; class bases, keywords, metaclass
	InDecorator              // a decorator expression of the unit
	InStatement              // a statement of a scope: see Module.Stmts
)

func (w Where) String() string {
	switch w {
	case InBody:
		return "body"
	case InSignature:
		return "signature"
	case InDecorator:
		return "decorator"
	case InStatement:
		return "statement"
	}
	return "Where(?)"
}

// Occurrence is one use of a name.
type Occurrence struct {
	Unit  int   // the unit (index in Module.Units) whose body, signature or decorator holds it; -1 InStatement
	Where Where // see the constants
	Stmt  int   // index into Module.Stmts() when Where is InStatement, else -1
	Line  int
	// Bare: a plain NAME token, not an attribute (after a dot), a string's
	// value or an f-string field. A bare name refers to its module's own
	// binding (or a builtin), never to another module's unless imported.
	Bare bool
	// Annotation: in a parameter or return annotation (Where InSignature),
	// which `from __future__ import annotations` keeps a string.
	Annotation bool
	// VarAnnotation: in the annotation of a module- or class-level
	// annotated assignment to a name (`X: T = v`), which `from __future__
	// import annotations` keeps a string.
	VarAnnotation bool
	// LocalAnnotation: in the annotation of an annotated assignment to a
	// name in a function body, which Python never evaluates.
	LocalAnnotation bool
	// CastType: in the first argument of a call of `cast` or `typing.cast`
	// (`cast(type[Context], dict)`), a type whose value the call drops.
	CastType bool
	// Of is the plain name an attribute occurrence is read from (`f` in
	// `f.__doc__`); "" for anything else (a chain, a call, a bare name).
	Of string
	// ModulePath: part of the module path of a from-import (`io` in `from
	// io import StringIO`, `b` in `from .a.b import c`), which names a
	// module to import and reads no binding of the name.
	ModulePath bool
	// Store: an attribute a plain `=` assigns (`method.__doc__ = text`),
	// which reads nothing of what it replaces.
	Store bool
	// Attr: a NAME token after a dot (`x.name`, `f().name`), not a string.
	Attr bool
	// String: a string literal whose value is the name (not a name inside
	// an f-string field, which is code).
	String bool
	// Key: a string followed by a colon, as a dict display's key
	// (`{"strawberry": "\U0001f353"}`): data, never code.
	Key bool
	// TypeArg: a string that is an argument of a typing subscript, a
	// forward reference (`Union[str, "Text"]`, `Callable[["Text"], None]`):
	// a name resolved in its own module's namespace, and only by what
	// evaluates annotations.
	TypeArg bool
}

// region is a range of tokens that is wholly one place: a unit's decorator,
// its signature, a function's body, or one statement's span.
type region struct {
	span
	unit, stmt int
	where      Where
}

// regions lists the module's places, in token order; they do not overlap.
func (m *Module) regions(raw []rawStmt) []region {
	var out []region
	for u, sp := range m.spans {
		for k, h := range sp.header {
			w := InDecorator
			if k == len(sp.header)-1 {
				w = InSignature
			}
			out = append(out, region{span: h, unit: u, stmt: -1, where: w})
		}
		if m.Units[u].Kind == KindFunc {
			out = append(out, region{span: sp.body, unit: u, stmt: -1, where: InBody})
		}
	}
	for s, r := range raw {
		for _, p := range r.parts {
			if !p.marker { // a marker is a unit's def keyword and name
				out = append(out, region{span: p, unit: -1, stmt: s, where: InStatement})
			}
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].lo < out[j].lo })
	return out
}

// place returns the region holding token i.
func (d *derived) place(i, line int) Occurrence {
	k := sort.Search(len(d.regions), func(k int) bool { return d.regions[k].hi > i })
	if k < len(d.regions) && d.regions[k].lo <= i {
		r := d.regions[k]
		return Occurrence{Unit: r.unit, Where: r.where, Stmt: r.stmt, Line: line}
	}
	return Occurrence{Unit: -1, Where: InStatement, Stmt: -1, Line: line} // cannot happen for a parsed module
}

// Occurrences lists, in source order, every use of name: NAME tokens equal
// to it (attribute names after a dot and keyword-argument names included),
// string literals whose value is exactly name (getattr(x, "name"), __all__,
// string annotations), and names, attribute names and plain string literals
// inside f-string fields. A def or class naming itself is no use of its
// name; a recursive call is.
func (m *Module) Occurrences(name string) []Occurrence {
	x := m.index()
	toks, embs := x.occurs[name], x.embedded[name]
	if len(toks) == 0 && len(embs) == 0 {
		return nil
	}
	d := m.derive()
	d.regionsOnce.Do(func() { d.regions = m.regions(d.raw) })
	var out []Occurrence
	for len(toks) > 0 || len(embs) > 0 {
		// an f-string's fields come before the f-string token itself
		if len(embs) > 0 && (len(toks) == 0 || m.embedded[embs[0]].tok <= int(toks[0])) {
			if em := m.embedded[embs[0]]; em.tok < m.toks.len() {
				out = append(out, d.place(em.tok, int(em.line)))
			}
			embs = embs[1:]
			continue
		}
		if i := int(toks[0]); m.unitNamed(i) < 0 {
			out = append(out, d.tokenOccurrence(m, i))
		}
		toks = toks[1:]
	}
	return out
}

// tokenOccurrence describes the occurrence that token i (a NAME or a plain
// string) is.
func (d *derived) tokenOccurrence(m *Module, i int) Occurrence {
	oc := d.place(i, m.toks.line(i))
	oc.Bare = m.toks.typ(i) == Name && (i == 0 || !m.toks.is(i-1, Op, "."))
	oc.Attr = m.toks.typ(i) == Name && i > 0 && m.toks.is(i-1, Op, ".")
	oc.String = m.toks.typ(i) == String
	oc.Key = oc.String && i+1 < m.toks.len() && m.toks.is(i+1, Op, ":")
	oc.TypeArg = oc.String && m.typeArgString(i)
	oc.Annotation = oc.Where == InSignature && d.annotationTokens(m)[i]
	oc.CastType = d.castTypes(m)[i]
	switch d.varAnnotations(m)[i] {
	case 'f':
		oc.LocalAnnotation = true
	case 'm', 'c':
		oc.VarAnnotation = true
	}
	if i >= 2 && m.toks.is(i-1, Op, ".") && m.toks.typ(i-2) == Name && (i == 2 || !m.toks.is(i-3, Op, ".")) {
		oc.Of = m.toks.text(i - 2)
	}
	oc.ModulePath = m.fromPath(i)
	oc.Store = i >= 1 && m.toks.is(i-1, Op, ".") && m.toks.is(i+1, Op, "=")
	return oc
}

// Names returns every name the module holds: NAME tokens, the values of
// plain string literals, and what f-string fields hold. It is a cheap
// pre-filter for Occurrences across many files. The map is the module's
// own: callers must not modify it.
func (m *Module) Names() map[string]bool {
	d := m.derive()
	d.namesOnce.Do(func() { d.names = m.names() })
	return d.names
}

func (m *Module) names() map[string]bool {
	out := map[string]bool{}
	for i := range m.toks.list {
		switch m.toks.typ(i) {
		case Name:
			out[m.toks.text(i)] = true
		case String:
			if v, ok := unquote(m.toks.text(i)); ok {
				out[v] = true
			}
		}
	}
	for _, e := range m.embedded {
		out[e.name] = true
	}
	return out
}

// annotationTokens marks every token that is part of an annotation in a
// def line, computed once.
func (d *derived) annotationTokens(m *Module) map[int]bool {
	d.annOnce.Do(func() {
		d.ann = map[int]bool{}
		for u, sp := range m.spans {
			if m.Units[u].Kind == KindFunc && len(sp.header) > 0 {
				for i := range m.annotations(sp.header[len(sp.header)-1], true) {
					d.ann[i] = true
				}
			}
		}
	})
	return d.ann
}

// castTypes marks the tokens of the first argument of every call of a bare
// `cast` or of `typing.cast`, computed once.
func (d *derived) castTypes(m *Module) map[int]bool {
	d.castOnce.Do(func() {
		d.cast = map[int]bool{}
		for i := 0; i+1 < m.toks.len(); i++ {
			if !m.toks.is(i, Name, "cast") || !m.toks.is(i+1, Op, "(") {
				continue
			}
			if i > 0 && m.toks.is(i-1, Op, ".") && (i < 2 || !m.toks.is(i-2, Name, "typing") || i > 2 && m.toks.is(i-3, Op, ".")) {
				continue // another object's cast
			}
			for k := i + 2; k < m.topLevelEnd(i+2, ","); k++ {
				d.cast[k] = true
			}
		}
	})
	return d.cast
}

// topLevelEnd returns the index of the first token from i on that ends an
// expression there: the operator stop outside any bracket opened after i,
// a bracket closing one opened before i, or the end of the logical line.
func (m *Module) topLevelEnd(i int, stop string) int {
	depth := 0
	for ; i < m.toks.len() && m.toks.typ(i) != Newline; i++ {
		if m.toks.typ(i) != Op {
			continue
		}
		switch t := m.toks.text(i); t {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			if depth--; depth < 0 {
				return i
			}
		default:
			if t == stop && depth == 0 {
				return i
			}
		}
	}
	return i
}

// varAnnotations marks the annotation tokens of annotated assignments to
// a plain name (`X: T = v`, `X: T`), from after the colon to the `=` or
// the end of the statement at bracket depth zero, with the kind of the
// innermost def or class around the statement: 'm' for none, 'c' for a
// class body, 'f' for a function body (nested compound statements
// included). Computed once.
func (d *derived) varAnnotations(m *Module) map[int]byte {
	d.varAnnOnce.Do(func() {
		d.varAnn = map[int]byte{}
		var blocks []byte // per open indented block: 'c', 'f' or 0
		last := byte(0)   // the kind of block the latest statement opens
		start := true
		scope := func() byte {
			for i := len(blocks) - 1; i >= 0; i-- {
				if blocks[i] != 0 {
					return blocks[i]
				}
			}
			return 'm'
		}
		for i := 0; i < m.toks.len(); i++ {
			switch m.toks.typ(i) {
			case Indent:
				blocks = append(blocks, last)
				continue
			case Dedent:
				if len(blocks) > 0 {
					blocks = blocks[:len(blocks)-1]
				}
				continue
			case Newline:
				start = true
				continue
			}
			if !start {
				continue
			}
			start = false
			switch t := m.toks.text(i); {
			case m.toks.typ(i) == Name && t == "class":
				last = 'c'
			case m.toks.typ(i) == Name && (t == "def" || t == "async" && m.toks.is(i+1, Name, "def")):
				last = 'f'
			case m.toks.is(i, Op, "@"):
				// a decorator: the def or class below opens the block
			default:
				last = 0
			}
			if m.toks.typ(i) != Name || isKeyword(m.toks.text(i)) || !m.toks.is(i+1, Op, ":") {
				continue
			}
			kind := scope()
			for k := i + 2; k < m.topLevelEnd(i+2, "="); k++ {
				d.varAnn[k] = kind
			}
		}
	})
	return d.varAnn
}

// fromPath reports whether NAME token i is part of a from-import's module
// path: before it, only names and dots back to a `from` keyword that
// starts a statement, after it only names and dots up to `import` (not
// `yield from x` or `raise E from x`, even across lines in brackets).
func (m *Module) fromPath(i int) bool {
	for k := i + 1; !m.toks.is(k, Name, "import"); k++ {
		if k >= m.toks.len() || !m.toks.is(k, Op, ".") && (m.toks.typ(k) != Name || isKeyword(m.toks.text(k))) {
			return false
		}
	}
	for k := i - 1; k >= 0; k-- {
		switch {
		case m.toks.is(k, Name, "from"):
			return k == 0 || m.statementStart(k-1)
		case m.toks.is(k, Op, ".") || m.toks.is(k, Op, "...") || m.toks.typ(k) == Name && !isKeyword(m.toks.text(k)):
		default:
			return false
		}
	}
	return false
}

// statementStart reports whether a statement starts after token k: the end
// of a line, an indentation change, a comment line or a `;`.
func (m *Module) statementStart(k int) bool {
	switch m.toks.typ(k) {
	case Newline, NL, Indent, Dedent, Comment:
		return true
	}
	return m.toks.is(k, Op, ";")
}

// typingGenerics are the subscripted names whose string arguments are
// forward references: those whose arguments annotonly.go counts, and
// more (Literal's and Annotated's are values, not listed).
var typingGenerics = func() map[string]bool {
	out := map[string]bool{}
	for n := range annArity {
		out[n] = true
	}
	for _, n := range []string{"Generator", "AsyncGenerator", "Coroutine", "Counter", "ChainMap",
		"ContextManager", "AsyncContextManager", "TypeGuard", "TypeIs", "Required", "NotRequired", "ReadOnly"} {
		out[n] = true
	}
	return out
}()

// typeArgString reports whether string token i sits in the subscript of
// one of typingGenerics, directly or in a list display inside one
// (Callable's parameters).
func (m *Module) typeArgString(i int) bool {
	depth := 0
	for j := i - 1; j >= 0 && j > i-400; j-- {
		if m.toks.typ(j) != Op {
			continue
		}
		switch m.toks.text(j) {
		case ")", "]", "}":
			depth++
		case "(", "{":
			if depth == 0 {
				return false
			}
			depth--
		case "[":
			if depth > 0 {
				depth--
				continue
			}
			if j > 0 && m.toks.typ(j-1) == Name {
				return typingGenerics[m.toks.text(j-1)]
			}
			if j == 0 || !m.toks.is(j-1, Op, "[") && !m.toks.is(j-1, Op, ",") {
				return false // a list display, or a subscript of a call's value
			}
			// a list display inside a subscript: look further out
		}
	}
	return false
}
