package pysrc

import (
	"slices"
	"sort"
)

// stmtScan reads one statement's tokens as a flat list (v holds indexes
// into Module.toks) to find the names it binds and whether it is pure.
type stmtScan struct {
	m     *Module
	v     []int
	binds []string
}

func (a *stmtScan) typ(k int) TokenType {
	if k < 0 || k >= len(a.v) {
		return EndMarker
	}
	return a.m.toks.typ(a.v[k])
}

func (a *stmtScan) text(k int) string {
	if k < 0 || k >= len(a.v) {
		return ""
	}
	return a.m.toks.text(a.v[k])
}

func (a *stmtScan) is(k int, typ TokenType, text string) bool {
	return k >= 0 && k < len(a.v) && a.m.toks.is(a.v[k], typ, text)
}

// name reports whether the token at k is a name that is no keyword.
func (a *stmtScan) name(k int) bool { return a.typ(k) == Name && !isKeyword(a.text(k)) }

func (a *stmtScan) bind(n string) { a.binds = append(a.binds, n) }

// analyze describes the statement r.
func (m *Module) analyze(r rawStmt) Stmt {
	a := &stmtScan{m: m}
	for _, p := range r.parts {
		for i := p.lo; i < p.hi; i++ {
			a.v = append(a.v, i)
		}
	}
	st := Stmt{Scope: scopeName(m, m.scopes[r.scope]), Kind: StmtOther}
	st.Start, st.End = m.stmtLines(r)
	if r.compound {
		a.compound()
		st.Guard = m.guard(a.v)
	} else {
		st.Kind, st.Pure = a.simple(0, len(a.v))
		if st.Kind == kindLiteral {
			st.Kind = StmtOther
			if r.first && a.docstring() {
				st.Kind = StmtDocstring
				a.bind("__doc__")
			}
		}
	}
	a.walrus()
	sort.Strings(a.binds)
	st.Binds = slices.Compact(a.binds)
	return st
}

// stmtLines returns the first and last line holding a token of r; a unit
// defined in it counts up to its end.
func (m *Module) stmtLines(r rawStmt) (start, end int) {
	start = -1
	for _, p := range r.parts {
		for i := p.lo; i < p.hi; i++ {
			if t := m.toks.typ(i); t == Newline || t == Indent || t == Dedent {
				continue
			}
			if start < 0 {
				start = m.toks.line(i)
			}
			end = max(end, m.toks.token(i).EndLine())
		}
		if p.marker {
			if u := m.unitNamed(p.lo + 1); u >= 0 {
				end = max(end, m.Units[u].End)
			}
		}
	}
	if start < 0 { // no tokens: cannot happen for a statement
		start = end
	}
	return start, end
}

// unitNamed returns the unit whose name token is at i, or -1.
func (m *Module) unitNamed(i int) int {
	u := sort.Search(len(m.spans), func(k int) bool { return m.spans[k].name >= i })
	if u < len(m.spans) && m.spans[u].name == i {
		return u
	}
	return -1
}

// docstring reports whether the statement is string literals only, none
// of them bytes or f-strings: what Python stores as __doc__.
func (a *stmtScan) docstring() bool {
	for k := range a.v {
		if a.typ(k) != String || !plainText(a.text(k)) {
			return false
		}
	}
	return true
}

// plainText reports whether a string literal is a text one, no bytes and no
// f- or t-string.
func plainText(lit string) bool {
	for i := 0; i < len(lit) && lit[i] != '"' && lit[i] != '\''; i++ {
		switch lit[i] | 0x20 {
		case 'b', 'f', 't':
			return false
		}
	}
	return true
}

// walrus binds the target of every `:=`, f-string fields included.
func (a *stmtScan) walrus() {
	for k := range a.v {
		switch {
		case a.is(k, Op, ":=") && a.name(k-1):
			a.bind(a.text(k - 1))
		case a.typ(k) == String && formatted(a.text(k)):
			a.binds = append(a.binds, fieldWalrus(a.text(k))...)
		}
	}
}

// fieldWalrus returns the names before every `:=` of an f-string: more than
// its fields bind when a nested string holds ":=", never fewer.
func fieldWalrus(lit string) []string {
	var out []string
	for i := 0; i+1 < len(lit); i++ {
		if lit[i] != ':' || lit[i+1] != '=' {
			continue
		}
		end := i
		for end > 0 && (lit[end-1] == ' ' || lit[end-1] == '\t') {
			end--
		}
		start := end
		for start > 0 && isNameChar(lit[start-1]) {
			start--
		}
		if start < end && !isDigit(lit[start]) && !isKeyword(lit[start:end]) {
			out = append(out, lit[start:end])
		}
	}
	return out
}

// isKeyword reports Python's hard keywords: never a bound name, and never
// called.
func isKeyword(s string) bool {
	switch s {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break",
		"class", "continue", "def", "del", "elif", "else", "except", "finally", "for",
		"from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
		"pass", "raise", "return", "try", "while", "with", "yield":
		return true
	}
	return false
}

// guard returns the dotted condition of an if statement made of tokens v
// that has no elif or else clause, or "".
func (m *Module) guard(v []int) string {
	if len(v) < 3 || !m.toks.is(v[0], Name, "if") {
		return ""
	}
	cond, i := "", 1
	for ; i < len(v) && !m.toks.is(v[i], Op, ":"); i++ {
		if t := m.toks.typ(v[i]); t != Name && !m.toks.is(v[i], Op, ".") {
			return ""
		}
		cond += m.toks.text(v[i])
	}
	depth := 0
	for ; i < len(v); i++ {
		switch t := m.toks.typ(v[i]); {
		case t == Indent:
			depth++
		case t == Dedent:
			depth--
		case depth == 0 && (m.toks.is(v[i], Name, "elif") || m.toks.is(v[i], Name, "else")):
			return ""
		}
	}
	return cond
}
