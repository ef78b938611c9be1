package pysrc

import (
	"fmt"
	"slices"
)

// Diff says which parts of a module differ between two versions. Units are
// matched by qualified name; lists follow the order of the new version
// (Removed: of the old one) and are nil when empty.
type Diff struct {
	// Equal: the token streams are equal ignoring comments, NL, blank lines
	// and whitespace within lines; the INDENT/DEDENT structure counts.
	Equal bool
	// ChangedBodies: functions in both versions whose bodies differ (their
	// docstrings and nested defs included). A class's own statements are its
	// scope: see ChangedScopes.
	ChangedBodies []string
	// Docstrings: functions in both versions whose bodies differ only in
	// their docstring (not listed in ChangedBodies): only __doc__ changed.
	Docstrings []string
	// ChangedHeaders: units in both versions whose decorators or def/class
	// line (parameters, defaults, annotations, bases) differ.
	ChangedHeaders []string
	// AnnotationsOnly: the ChangedHeaders of functions whose headers
	// differ only in parameter and return annotations.
	AnnotationsOnly []string
	// TypingOnly: the ChangedBodies whose bodies differ only in local
	// variable annotations and typing casts (see typingStripped); Casts
	// are the spellings of cast their comparison stripped, for the caller
	// to check that each is typing.cast.
	TypingOnly []string
	Casts      []string
	// CastReads: names the new version's cast types read that the old
	// one's did not; the caller checks they are bound at run time.
	CastReads []string
	Added     []string // qualified names only in the new version
	Removed   []string // qualified names only in the old version
	// ChangedScopes: "" for the module, else a class's qualified name, when
	// the scope's own statements (those in no unit) differ, order included.
	// Where a unit sits among them does not count, except inside a compound
	// statement (`if TYPE_CHECKING:`), where defining it is conditional.
	ChangedScopes []string
	// Statements: for each of ChangedScopes, in that order, the statements
	// that differ (see StmtChange); an edited statement is one change with
	// both sides. It can be empty when only the layout between statements
	// changed (`a = 1; b = 2` split over two lines, a one-line class body
	// moved to its own line), which changes no statement.
	Statements []StmtChange
}

// Compare parses both versions and reports how they differ. An error means
// a version cannot be parsed and the whole module must count as changed.
func Compare(old, new []byte) (*Diff, error) {
	a, err := Parse(old)
	if err != nil {
		return nil, fmt.Errorf("parse old version: %w", err)
	}
	b, err := Parse(new)
	if err != nil {
		return nil, fmt.Errorf("parse new version: %w", err)
	}
	d := &Diff{Equal: equalStreams(a, []span{{hi: a.toks.len()}}, b, []span{{hi: b.toks.len()}})}
	if d.Equal {
		return d, nil
	}
	d.compareUnits(a, b)
	d.compareScopes(a, b)
	slices.Sort(d.Casts)
	d.Casts = slices.Compact(d.Casts)
	slices.Sort(d.CastReads)
	d.CastReads = slices.Compact(d.CastReads)
	return d, nil
}

func qualIndex(m *Module) map[string]int {
	idx := make(map[string]int, len(m.Units))
	for i, u := range m.Units {
		idx[u.QualName] = i
	}
	return idx
}

func (d *Diff) compareUnits(a, b *Module) {
	inOld, inNew := qualIndex(a), qualIndex(b)
	for j, u := range b.Units {
		i, ok := inOld[u.QualName]
		if !ok {
			d.Added = append(d.Added, u.QualName)
			continue
		}
		sa, sb := a.spans[i], b.spans[j]
		if a.Units[i].Kind != u.Kind || !equalStreams(a, sa.header, b, sb.header) {
			d.ChangedHeaders = append(d.ChangedHeaders, u.QualName)
			if u.Kind == KindFunc && a.Units[i].Kind == KindFunc && slices.Equal(a.unannotated(sa.header), b.unannotated(sb.header)) {
				d.AnnotationsOnly = append(d.AnnotationsOnly, u.QualName)
			}
		}
		if u.Kind == KindFunc && a.Units[i].Kind == KindFunc && !equalStreams(a, []span{sa.body}, b, []span{sb.body}) {
			if equalStreams(a, []span{a.withoutDocstring(sa.body)}, b, []span{b.withoutDocstring(sb.body)}) {
				d.Docstrings = append(d.Docstrings, u.QualName)
			} else {
				d.ChangedBodies = append(d.ChangedBodies, u.QualName)
				if casts, reads, ok := typingOnly(a, sa.body, b, sb.body); ok {
					d.TypingOnly = append(d.TypingOnly, u.QualName)
					d.Casts, d.CastReads = append(d.Casts, casts...), append(d.CastReads, reads...)
				}
			}
		}
	}
	for _, u := range a.Units {
		if _, ok := inNew[u.QualName]; !ok {
			d.Removed = append(d.Removed, u.QualName)
		}
	}
}

func (d *Diff) compareScopes(a, b *Module) {
	old := map[string]scope{}
	for _, sc := range a.scopes {
		old[scopeName(a, sc)] = sc
	}
	for _, sc := range b.scopes {
		name := scopeName(b, sc)
		prev, ok := old[name]
		if !ok {
			continue // a class only in the new version is Added
		}
		kindsMatch := sc.unit < 0 || a.Units[prev.unit].Kind == b.Units[sc.unit].Kind
		if kindsMatch && !equalStreams(a, prev.stmts, b, sc.stmts) {
			d.ChangedScopes = append(d.ChangedScopes, name)
			d.Statements = append(d.Statements, alignScope(sideOf(a, name), sideOf(b, name))...)
		}
	}
}

func scopeName(m *Module, sc scope) string {
	if sc.unit < 0 {
		return ""
	}
	return m.Units[sc.unit].QualName
}

// cursor walks the tokens of a list of spans as one stream.
type cursor struct {
	toks  tokens
	spans []span
	s, i  int
}

func (c *cursor) next() (Token, bool) {
	for c.s < len(c.spans) {
		sp := c.spans[c.s]
		if c.i < sp.lo {
			c.i = sp.lo
		}
		if c.i < sp.hi {
			c.i++
			return c.toks.token(c.i - 1), true
		}
		c.s++
		c.i = 0
	}
	return Token{}, false
}

// equalStreams compares two token streams ignoring layout whitespace.
func equalStreams(a *Module, as []span, b *Module, bs []span) bool {
	ca, cb := cursor{toks: a.toks, spans: as}, cursor{toks: b.toks, spans: bs}
	for {
		ta, oka := ca.next()
		tb, okb := cb.next()
		if oka != okb || oka && !same(ta, tb) {
			return false
		}
		if !oka {
			return true
		}
	}
}

// withoutDocstring returns a function body span without its leading
// docstring statement (string literals followed by the end of the logical
// line), or the span unchanged when the body has none.
func (m *Module) withoutDocstring(sp span) span {
	i := sp.lo
	for i < sp.hi && (m.toks.typ(i) == Newline || m.toks.typ(i) == Indent || m.toks.typ(i) == NL || m.toks.typ(i) == Comment) {
		i++
	}
	j := i
	for j < sp.hi && m.toks.typ(j) == String && !formatted(m.toks.text(j)) {
		j++
	}
	if j == i || j >= sp.hi || m.toks.typ(j) != Newline {
		return sp
	}
	return span{lo: j + 1, hi: sp.hi, marker: sp.marker}
}

// unannotated is the text of a function's header tokens (decorators, then
// the def) without its annotations.
func (m *Module) unannotated(header []span) []string {
	var out []string
	for k, sp := range header {
		ann := m.annotations(sp, k == len(header)-1)
		for i := sp.lo; i < sp.hi; i++ {
			if !ann[i] {
				out = append(out, m.toks.text(i))
			}
		}
	}
	return out
}

// annotations marks the tokens of a def line's span that are annotations:
// what follows a parameter's `:` up to its `=`, `,` or `)`, and what
// follows `->` up to the final `:`. A decorator's span (def false) has none.
func (m *Module) annotations(sp span, def bool) map[int]bool {
	out := map[int]bool{}
	if !def {
		return out
	}
	depth, param, ret := 0, false, false
	for i := sp.lo; i < sp.hi; i++ {
		t, op := m.toks.text(i), m.toks.typ(i) == Op
		open, closing := op && (t == "(" || t == "[" || t == "{"), op && (t == ")" || t == "]" || t == "}")
		switch {
		case ret && depth == 0 && op && t == ":":
			ret = false
		case ret:
			depth += b2i(open) - b2i(closing)
			out[i] = true
			continue
		case op && t == "->":
			ret = true
			out[i] = true
			continue
		case param && depth == 1 && (closing || op && (t == "=" || t == ",")):
			param = false
		case param:
			depth += b2i(open) - b2i(closing)
			out[i] = true
			continue
		case depth == 1 && op && t == ":":
			param = true
			out[i] = true
			continue
		}
		depth += b2i(open) - b2i(closing)
	}
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
