package pysrc

import "sort"

// groupStmts splits every scope's token spans into statements.
func (m *Module) groupStmts() []rawStmt {
	var out []rawStmt
	for si, sc := range m.scopes {
		g := grouper{m: m, scope: si, body: m.bodyStart(sc)}
		for k, s := range sc.stmts {
			if k == 0 && sc.unit >= 0 && m.toks.typ(s.lo) == Newline {
				continue // the NEWLINE and INDENT opening a class body
			}
			g.add(s)
		}
		g.flush()
		out = append(out, g.out...)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].parts[0].lo < out[j].parts[0].lo })
	return out
}

// bodyStart is the index of the first token of a scope's body.
func (m *Module) bodyStart(sc scope) int {
	if sc.unit < 0 || len(sc.stmts) == 0 {
		return 0
	}
	if lo := sc.stmts[0].lo; m.toks.typ(lo) == Newline {
		return lo + 2
	}
	return sc.stmts[0].lo
}

// grouper collects one scope's spans into statements: a compound statement
// runs from its first line through its blocks and clauses.
type grouper struct {
	m     *Module
	scope int
	body  int
	out   []rawStmt
	cur   *rawStmt // the compound statement being collected
	depth int      // INDENT depth inside it
}

func (g *grouper) add(s span) {
	ts := g.m.toks
	switch {
	case s.marker:
		g.extend(s)
	case ts.typ(s.lo) == Indent:
		g.depth++
		g.extend(s)
	case ts.typ(s.lo) == Dedent && g.depth == 0:
		g.flush() // the DEDENT closing a class body
	case ts.typ(s.lo) == Dedent:
		g.depth--
		g.extend(s)
	case g.depth > 0, g.cur != nil && isClause(ts, s.lo):
		g.extend(s)
	case g.m.compoundLine(s):
		g.flush()
		g.cur = &rawStmt{scope: g.scope, parts: []span{s}, compound: true, first: s.lo == g.body}
	default:
		g.flush()
		g.simple(s)
	}
}

func (g *grouper) extend(s span) {
	if g.cur == nil { // cannot happen for code Parse accepts; keep it anyway
		g.cur = &rawStmt{scope: g.scope, compound: true}
	}
	g.cur.parts = append(g.cur.parts, s)
}

func (g *grouper) flush() {
	if g.cur != nil {
		g.out = append(g.out, *g.cur)
		g.cur = nil
	}
	g.depth = 0
}

// simple splits a logical line at its top-level semicolons.
func (g *grouper) simple(s span) {
	ts := g.m.toks
	depth, lo := 0, s.lo
	for i := s.lo; i < s.hi; i++ {
		if ts.typ(i) == Op {
			depth += bracketDelta(ts.text(i))
		}
		if ts.typ(i) == Newline || depth == 0 && ts.is(i, Op, ";") {
			if i > lo {
				g.out = append(g.out, rawStmt{scope: g.scope, parts: []span{{lo: lo, hi: i}}, first: lo == g.body})
			}
			lo = i + 1
		}
	}
}

// compoundLine reports whether the logical line s opens a compound
// statement: it starts with a compound keyword, or it ends with a colon (as
// `match x:` does; no simple statement can).
func (m *Module) compoundLine(s span) bool {
	if s.hi-s.lo >= 2 && m.toks.is(s.hi-2, Op, ":") {
		return true
	}
	if m.toks.typ(s.lo) != Name {
		return false
	}
	switch m.toks.text(s.lo) {
	case "if", "while", "for", "try", "with", "elif", "else", "except", "finally":
		return true
	case "async":
		return m.toks.is(s.lo+1, Name, "for") || m.toks.is(s.lo+1, Name, "with")
	}
	return false
}

// isClause reports whether the line at i continues a compound statement.
func isClause(ts tokens, i int) bool {
	if ts.typ(i) != Name {
		return false
	}
	switch ts.text(i) {
	case "elif", "else", "except", "finally":
		return true
	}
	return false
}
