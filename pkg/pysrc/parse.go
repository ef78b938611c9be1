package pysrc

// parser builds a Module's units and scopes from its significant tokens. It
// is no grammar: it only follows logical lines, block structure and the
// def/class statements that make units.
type parser struct {
	toks tokens
	i    int
	m    *Module
	seen []map[string]int // per scope: how often each unit name occurred
}

// Parse tokenizes and structures src. An error is a *SyntaxError: the file
// cannot be analysed and should be treated as changed everywhere.
func Parse(src []byte) (*Module, error) {
	t := newTokenizer(src, false)
	if err := t.run(); err != nil {
		return nil, err
	}
	m := &Module{toks: t.tokens(), embedded: t.embedded, scopes: []scope{{unit: -1}}, lazy: &derived{}}
	p := &parser{toks: m.toks, m: m, seen: []map[string]int{{}}}
	if err := p.block(0, -1, false); err != nil {
		return nil, err
	}
	if err := checkBlocks(m.toks); err != nil {
		return nil, err
	}
	if err := m.checkGlobals(); err != nil {
		return nil, err
	}
	m.indexLines()
	m.scanFacts()
	m.scanDecorators()
	return m, nil
}

// block parses statements into scope sc up to the DEDENT closing the block
// (which it consumes) or the end of the file. parent is the enclosing class
// unit; nested says the block belongs to a compound statement of the scope.
func (p *parser) block(sc, parent int, nested bool) error {
	for {
		tok := p.toks.token(p.i)
		switch {
		case tok.Type == EndMarker:
			return nil
		case tok.Type == Dedent:
			p.add(sc, p.i, p.i+1)
			p.i++
			return nil
		case tok.Type == Indent:
			return errAt(tok.Line, "unexpected indent")
		case p.unitStart(p.i):
			if err := p.unit(sc, parent, nested); err != nil {
				return err
			}
		default:
			if err := p.statement(sc, parent); err != nil {
				return err
			}
		}
	}
}

func (p *parser) add(sc, lo, hi int) {
	p.m.scopes[sc].stmts = append(p.m.scopes[sc].stmts, span{lo: lo, hi: hi})
}

// statement consumes one logical line that is no unit; if it opens a block
// (it ends with a colon) the block's statements stay in the same scope.
func (p *parser) statement(sc, parent int) error {
	start := p.i
	end := p.lineEnd(start)
	p.add(sc, start, end)
	p.i = end
	if !p.toks.is(end-2, Op, ":") {
		return nil
	}
	if p.toks.typ(end) != Indent {
		return errAt(p.toks.line(end-2), "expected an indented block")
	}
	p.add(sc, end, end+1)
	p.i++
	return p.block(sc, parent, true)
}

// lineEnd returns the index after the NEWLINE ending the logical line at i.
func (p *parser) lineEnd(i int) int {
	for p.toks.typ(i) != Newline {
		i++
	}
	return i + 1
}

func (p *parser) unitStart(i int) bool {
	t := p.toks.token(i)
	switch {
	case t.Type == Op:
		return t.Text == "@"
	case t.Type != Name:
		return false
	case t.Text == "def" || t.Text == "class":
		return true
	}
	return t.Text == "async" && p.toks.is(i+1, Name, "def")
}

// headerColon returns the index of the colon ending the def or class header
// starting at i; a lambda's colon in a default or annotation is skipped.
func (p *parser) headerColon(i int) (int, error) {
	depth, lambdas := 0, 0
	for ; ; i++ {
		t := p.toks.token(i)
		if t.Type == Newline || t.Type == EndMarker {
			return 0, errAt(t.Line, "expected ':'")
		}
		if t.Type == Name && t.Text == "lambda" && depth == 0 {
			lambdas++
		}
		if t.Type != Op {
			continue
		}
		switch t.Text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
		case ":":
			if depth > 0 {
				continue
			}
			if lambdas == 0 {
				return i, nil
			}
			lambdas--
		}
	}
}

// skipBlock returns the index after the DEDENT matching the INDENT at i.
func (p *parser) skipBlock(i int) int {
	depth := 0
	for ; p.toks.typ(i) != EndMarker; i++ {
		switch p.toks.typ(i) {
		case Indent:
			depth++
		case Dedent:
			depth--
			if depth == 0 {
				return i + 1
			}
		}
	}
	return i
}
