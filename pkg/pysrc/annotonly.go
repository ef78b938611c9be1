package pysrc

import (
	"slices"
	"strings"
)

// A class body's annotated assignment (`highlights: ClassVar[Sequence[str]]
// = [...]`) binds its target to the value and records the annotation in
// __annotations__. When two versions differ only in the annotation (added,
// removed or rewritten; rich typed its highlighters' attributes so), the
// value is the same expression as before: only __annotations__ changed,
// and, where annotations are evaluated, whether evaluating the new one can
// fail. AnnotationOnly finds such pairs and reads the new annotation in a
// grammar whose evaluation can only fail by a name being unbound or not
// what typing expects: dotted names, strings, None and `...`, and
// subscripts of typing's generics with as many arguments as they take.

// AnnType is a dotted name an annotation evaluates, and whether it is
// subscripted.
type AnnType struct {
	Name        string
	Subscripted bool
}

// AnnotationOnly reports whether statements a of m and b of n differ only
// in the annotation of an annotated assignment with a value. It returns the
// names b's annotation evaluates (none when b has none), and ok false when
// that annotation is outside the grammar above.
func AnnotationOnly(m *Module, a *Stmt, n *Module, b *Stmt) ([]AnnType, bool) {
	ra, rb := m.rawOf(a), n.rawOf(b)
	if ra == nil || rb == nil || len(ra.parts) != 1 || len(rb.parts) != 1 || ra.compound || rb.compound {
		return nil, false
	}
	xa, _, ok := m.withoutAnnotation(ra.parts[0])
	if !ok {
		return nil, false
	}
	xb, ann, ok := n.withoutAnnotation(rb.parts[0])
	if !ok || !slices.Equal(xa, xb) {
		return nil, false
	}
	if ann.hi <= ann.lo {
		return nil, true
	}
	return n.annTypes(ann)
}

// annTypes reads the annotation in ann, wholly, in the grammar above.
func (m *Module) annTypes(ann span) ([]AnnType, bool) {
	var out []AnnType
	if end, ok := m.annType(ann.lo, ann.hi, &out); !ok || m.skipTail(end, ann.hi) != ann.hi {
		return nil, false
	}
	return out, true
}

// AnnotationTypes reads the annotation of annotated assignment st (with
// a value or bare) as AnnotationOnly does; ok is false outside its
// grammar, or with none.
func (m *Module) AnnotationTypes(st *Stmt) ([]AnnType, bool) {
	ann, ok := m.annSpan(st)
	if !ok {
		return nil, false
	}
	return m.annTypes(ann)
}

// Annotation returns the significant tokens of annotated assignment st's
// annotation, and whether it has one.
func (m *Module) Annotation(st *Stmt) ([]string, bool) {
	ann, ok := m.annSpan(st)
	if !ok {
		return nil, false
	}
	var out []string
	for i := ann.lo; i < ann.hi; i++ {
		if !m.toks.layout(i) {
			out = append(out, key(m.toks.typ(i), m.toks.text(i)))
		}
	}
	return out, true
}

// annSpan is the span of st's annotation: `x: T = v` or a bare `x: T`.
func (m *Module) annSpan(st *Stmt) (span, bool) {
	r := m.rawOf(st)
	if r == nil || len(r.parts) != 1 || st.Kind != StmtAssign {
		return span{}, false
	}
	_, ann, ok := m.withoutAnnotation(r.parts[0])
	if !ok { // a bare annotation: up to the statement's end
		lo, hi := r.parts[0].lo, r.parts[0].hi
		lo = m.skipTail(lo, hi)
		if lo+2 >= hi || m.toks.typ(lo) != Name || !m.toks.is(lo+1, Op, ":") {
			return span{}, false
		}
		ann = span{lo: lo + 2, hi: hi}
	}
	return ann, ann.hi > ann.lo
}

// skipTail skips the layout tokens from i to hi (skipLayout, within an
// expression, meets only comments and NL).
func (m *Module) skipTail(i, hi int) int {
	for i < hi {
		if !m.toks.layout(i) {
			return i
		}
		i++
	}
	return i
}

// rawOf is the raw statement of m that st is (a Diff may hold another
// parse's statements of the same source: matched by place).
func (m *Module) rawOf(st *Stmt) *rawStmt {
	d := m.derive()
	for i := range d.stmts {
		if o := &d.stmts[i]; o == st || o.Scope == st.Scope && o.Start == st.Start && o.End == st.End && o.Kind == st.Kind {
			return &d.raw[i]
		}
	}
	return nil
}

// withoutAnnotation is the statement's significant tokens with the
// annotation of `NAME: T = v` removed (`NAME = v`), and the span of T.
func (m *Module) withoutAnnotation(sp span) ([]string, span, bool) {
	var toks []int
	for i := sp.lo; i < sp.hi; i++ {
		if !m.toks.layout(i) {
			toks = append(toks, i)
		}
	}
	var ann span
	skipFrom, skipTo := -1, -1
	if len(toks) > 2 && m.toks.typ(toks[0]) == Name && !isKeyword(m.toks.text(toks[0])) && m.toks.is(toks[1], Op, ":") {
		eq, ok := m.annotationEnd(toks[1], sp.hi)
		if !ok {
			return nil, ann, false // a bare annotation, or one a compiler acts on
		}
		skipFrom, skipTo = toks[1], eq
		ann = span{lo: toks[1] + 1, hi: eq}
	}
	var out []string
	for _, i := range toks {
		if i >= skipFrom && i < skipTo {
			continue
		}
		out = append(out, key(m.toks.typ(i), m.toks.text(i)))
	}
	return out, ann, true
}

// annArity is how many arguments typing's generics take (-1: one or more).
var annArity = map[string]int{"ClassVar": 1, "Final": 1, "Optional": 1, "Type": 1, "List": 1,
	"Set": 1, "FrozenSet": 1, "Sequence": 1, "MutableSequence": 1, "Iterable": 1, "Iterator": 1,
	"Collection": 1, "AbstractSet": 1, "MutableSet": 1, "Deque": 1, "Awaitable": 1,
	"AsyncIterable": 1, "AsyncIterator": 1, "Reversible": 1, "Container": 1, "Dict": 2,
	"Mapping": 2, "MutableMapping": 2, "DefaultDict": 2, "OrderedDict": 2, "Tuple": -1,
	"Union": -1, "Callable": 2, "list": -1, "dict": -1, "set": -1, "frozenset": -1,
	"tuple": -1, "type": -1}

// annType reads one type from token i (below hi, skipping layout) into
// out, and returns the index after it.
func (m *Module) annType(i, hi int, out *[]AnnType) (int, bool) {
	i = m.skipLayout(i, hi)
	if i >= hi {
		return i, false
	}
	switch typ, text := m.toks.typ(i), m.toks.text(i); {
	case typ == String:
		return i + 1, true // a forward reference: never evaluated here
	case typ == Op && text == "...":
		return i + 1, true
	case typ != Name || isKeyword(text) && text != "None":
		return i, false
	}
	name, j := m.dotted(i)
	t := AnnType{Name: name}
	if j = m.skipLayout(j, hi); j < hi && m.toks.is(j, Op, "[") {
		last := name[strings.LastIndexByte(name, '.')+1:]
		arity, known := annArity[last]
		if !known {
			return j, false
		}
		t.Subscripted = true
		n, k, ok := m.annArgs(j+1, hi, out, last == "Callable")
		if !ok || arity > 0 && n != arity || n == 0 {
			return k, false
		}
		j = k
	}
	*out = append(*out, t)
	if j = m.skipLayout(j, hi); j < hi && m.toks.is(j, Op, "|") {
		// `int | None`: type.__or__, which a string operand fails
		if k := m.skipLayout(j+1, hi); k < hi && m.toks.typ(k) == String {
			return k, false
		}
		return m.annType(j+1, hi, out)
	}
	return j, true
}

// annArgs reads a subscript's arguments up to its `]`; Callable's first
// may be a list of types.
func (m *Module) annArgs(i, hi int, out *[]AnnType, callable bool) (int, int, bool) {
	n := 0
	for {
		i = m.skipLayout(i, hi)
		var ok bool
		if callable && n == 0 && i < hi && m.toks.is(i, Op, "[") {
			i, ok = m.annList(i+1, hi, out)
		} else {
			i, ok = m.annType(i, hi, out)
		}
		if !ok {
			return n, i, false
		}
		n++
		i = m.skipLayout(i, hi)
		switch {
		case i < hi && m.toks.is(i, Op, "]"):
			return n, i + 1, true
		case i < hi && m.toks.is(i, Op, ","):
			i++
		default:
			return n, i, false
		}
	}
}

// annList reads `T, U]` (Callable's parameters), or an empty `]`.
func (m *Module) annList(i, hi int, out *[]AnnType) (int, bool) {
	for {
		i = m.skipLayout(i, hi)
		if i < hi && m.toks.is(i, Op, "]") {
			return i + 1, true
		}
		var ok bool
		if i, ok = m.annType(i, hi, out); !ok {
			return i, false
		}
		if i = m.skipLayout(i, hi); i < hi && m.toks.is(i, Op, ",") {
			i++
		}
	}
}

func (m *Module) skipLayout(i, hi int) int {
	for i < hi && (m.toks.typ(i) == Comment || m.toks.typ(i) == NL) {
		i++
	}
	return i
}
