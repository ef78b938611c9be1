package pysrc

import "strings"

// scanFacts finds imports, pytest_plugins, `global` statements and dynamic
// module loading in one pass over the tokens.
func (m *Module) scanFacts() {
	depth, atStart := 0, true
	for i := range m.toks.list {
		start := atStart
		atStart = false
		switch m.toks.typ(i) {
		case Newline, Indent, Dedent:
			atStart = true
		case Op:
			text := m.toks.text(i)
			depth += bracketDelta(text)
			// after `;` or a one-line compound's colon a statement starts
			atStart = depth == 0 && (text == ";" || text == ":")
		case Name:
			m.nameFact(i, start)
		}
	}
	for _, e := range m.embedded {
		m.DynamicImport = m.DynamicImport || e.kind == embedName && dynamicName(e.name)
	}
}

func bracketDelta(op string) int {
	switch op {
	case "(", "[", "{":
		return 1
	case ")", "]", "}":
		return -1
	}
	return 0
}

// nameFact records what the name at i says about the module.
func (m *Module) nameFact(i int, start bool) {
	switch t := m.toks.token(i); {
	case t.Text == "global":
		m.Stateful = true
	case start && t.Text == "import":
		m.importStmt(i)
	case start && t.Text == "from":
		m.fromStmt(i)
	case start && t.Text == "pytest_plugins" && m.UnitAt(t.Line) < 0:
		m.plugins(i)
	case dynamicName(t.Text):
		m.DynamicImport = true
	case t.Text == "exec" && m.toks.is(i+1, Op, "(") && (i == 0 || !m.toks.is(i-1, Op, ".")):
		m.DynamicImport = true
	}
}

// dynamicName lists the APIs that load modules by a name computed at run
// time, which no import graph can follow.
func dynamicName(s string) bool {
	switch s {
	case "import_module", "__import__", "iter_modules", "walk_packages",
		"spec_from_file_location", "load_module", "entry_points", "runpy":
		return true
	}
	return false
}

// inFunction reports whether line lies in a function body.
func (m *Module) inFunction(line int) bool {
	u := m.UnitAt(line)
	return u >= 0 && m.Units[u].Kind == KindFunc && line >= m.Units[u].BodyStart
}

// dotted reads a dotted name at i and returns it and the index after it.
func (m *Module) dotted(i int) (string, int) {
	if m.toks.typ(i) != Name {
		return "", i
	}
	var b strings.Builder
	b.WriteString(m.toks.text(i))
	i++
	for m.toks.is(i, Op, ".") && m.toks.typ(i+1) == Name {
		b.WriteByte('.')
		b.WriteString(m.toks.text(i + 1))
		i += 2
	}
	return b.String(), i
}

// importStmt records `import a.b [as c], d`.
func (m *Module) importStmt(i int) {
	line := m.toks.line(i)
	for j := i + 1; ; j++ {
		name, next := m.dotted(j)
		if name == "" {
			return
		}
		m.Imports = append(m.Imports, Import{Module: name, Line: line, InFunction: m.inFunction(line)})
		j = next
		if m.toks.is(j, Name, "as") {
			j += 2
		}
		if !m.toks.is(j, Op, ",") {
			return
		}
	}
}

// fromStmt records `from ..a import (b as c, d)`.
func (m *Module) fromStmt(i int) {
	imp := Import{Line: m.toks.line(i), InFunction: m.inFunction(m.toks.line(i))}
	j := i + 1
	for m.toks.is(j, Op, ".") || m.toks.is(j, Op, "...") {
		imp.Level += len(m.toks.text(j))
		j++
	}
	if !m.toks.is(j, Name, "import") {
		imp.Module, j = m.dotted(j)
	}
	if !m.toks.is(j, Name, "import") {
		return
	}
	j++
	if m.toks.is(j, Op, "(") {
		j++
	}
	for m.toks.typ(j) == Name || m.toks.is(j, Op, "*") {
		imp.Names = append(imp.Names, m.toks.text(j))
		j++
		if m.toks.is(j, Name, "as") {
			j += 2
		}
		if !m.toks.is(j, Op, ",") {
			break
		}
		j++
	}
	m.Imports = append(m.Imports, imp)
}

// plugins records the string literals assigned to pytest_plugins.
func (m *Module) plugins(i int) {
	j, depth, assigned := i+1, 0, false
	for ; m.toks.typ(j) != Newline; j++ {
		t := m.toks.token(j)
		depth += bracketDelta(t.Text)
		switch {
		case t.Type == Op && depth == 0 && t.Text == ";":
			return
		case t.Type == Op && (t.Text == "=" || t.Text == "+="):
			assigned = true
		case assigned && t.Type == String:
			if s, ok := unquote(t.Text); ok {
				m.PytestPlugins = append(m.PytestPlugins, s)
			}
		}
	}
}

// unquote returns the value of a plain string literal without escapes; an
// f-string or one with escapes is no literal we can read.
func unquote(lit string) (string, bool) {
	i := strings.IndexAny(lit, `"'`)
	if i < 0 || strings.ContainsAny(lit[:i], "fFtT") {
		return "", false
	}
	q := lit[i:]
	n := 1
	if len(q) >= 6 && (strings.HasPrefix(q, `"""`) || strings.HasPrefix(q, `'''`)) {
		n = 3
	}
	if len(q) < 2*n {
		return "", false
	}
	body := q[n : len(q)-n]
	if strings.ContainsRune(body, '\\') {
		return "", false
	}
	return body, true
}
