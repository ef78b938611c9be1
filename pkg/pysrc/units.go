package pysrc

import (
	"strconv"
	"strings"
)

// unit parses a decorated or plain def/class statement into scope sc.
func (p *parser) unit(sc, parent int, nested bool) error {
	u := Unit{Parent: parent, Start: p.toks.line(p.i)}
	var sp unitSpans
	for p.toks.is(p.i, Op, "@") {
		end := p.lineEnd(p.i)
		sp.header = append(sp.header, span{lo: p.i, hi: end})
		u.Decorators = append(u.Decorators, render(p.toks, p.i+1, end-1))
		p.i = end
	}
	kw := p.i
	u.DefLine = p.toks.line(kw)
	if p.toks.is(p.i, Name, "async") {
		u.Async = true
		p.i++
	}
	if err := p.keyword(&u); err != nil {
		return err
	}
	sp.name = p.i + 1
	u.Name = p.toks.text(sp.name)
	colon, err := p.headerColon(p.i)
	if err != nil {
		return err
	}
	sp.header = append(sp.header, span{lo: kw, hi: colon + 1})
	if nested {
		p.m.scopes[sc].stmts = append(p.m.scopes[sc].stmts, span{lo: p.i, hi: p.i + 2, marker: true})
	}
	u.QualName = p.qualName(sc, parent, u.Name)
	idx := len(p.m.Units)
	p.m.Units = append(p.m.Units, u)
	p.m.spans = append(p.m.spans, sp)
	body, err := p.body(colon+1, idx)
	if err != nil {
		return err
	}
	p.m.spans[idx].body = body
	p.m.Units[idx].BodyStart = p.bodyStart(body)
	p.m.Units[idx].End = p.lastLine(body)
	return nil
}

// keyword checks that the unit's def or class keyword and name are there.
func (p *parser) keyword(u *Unit) error {
	t := p.toks.token(p.i)
	switch {
	case t.is(Name, "def"):
		u.Kind = KindFunc
	case t.is(Name, "class") && !u.Async:
		u.Kind = KindClass
	default:
		return errAt(t.Line, "invalid syntax: expected def or class after decorator")
	}
	if p.toks.typ(p.i+1) != Name {
		return errAt(t.Line, "invalid syntax: %s without a name", t.Text)
	}
	return nil
}

// body consumes the body starting after the header's colon at i. A function
// body is skipped whole; a class body is a scope of its own.
func (p *parser) body(i, idx int) (span, error) {
	if p.toks.typ(i) != Newline {
		p.i = p.lineEnd(i)
		if p.m.Units[idx].Kind == KindClass {
			p.m.scopes = append(p.m.scopes, scope{unit: idx, stmts: []span{{lo: i, hi: p.i}}})
			p.seen = append(p.seen, map[string]int{})
		}
		return span{lo: i, hi: p.i}, nil
	}
	if p.toks.typ(i+1) != Indent {
		return span{}, errAt(p.toks.line(i), "expected an indented block")
	}
	if p.m.Units[idx].Kind == KindFunc {
		p.i = p.skipBlock(i + 1)
		return span{lo: i, hi: p.i}, nil
	}
	sc := len(p.m.scopes)
	p.m.scopes = append(p.m.scopes, scope{unit: idx, stmts: []span{{lo: i, hi: i + 2}}})
	p.seen = append(p.seen, map[string]int{})
	p.i = i + 2
	if err := p.block(sc, idx, false); err != nil {
		return span{}, err
	}
	return span{lo: i, hi: p.i}, nil
}

// qualName names a unit after its class, numbering repeated names.
func (p *parser) qualName(sc, parent int, name string) string {
	n := p.seen[sc][name] + 1
	p.seen[sc][name] = n
	q := name
	if parent >= 0 {
		q = p.m.Units[parent].QualName + "." + name
	}
	if n > 1 {
		q += "#" + strconv.Itoa(n)
	}
	return q
}

func (p *parser) bodyStart(b span) int {
	for i := b.lo; i < b.hi; i++ {
		if t := p.toks.token(i); t.Type != Newline && t.Type != Indent {
			return t.Line
		}
	}
	return p.toks.line(b.lo)
}

// lastLine is the last line holding a token of the span, ignoring the
// line-structure tokens that come after it.
func (p *parser) lastLine(b span) int {
	for i := b.hi - 1; i >= b.lo; i-- {
		if t := p.toks.token(i); t.Type != Newline && t.Type != Indent && t.Type != Dedent {
			return t.EndLine()
		}
	}
	return p.toks.line(b.lo)
}

// render writes a decorator expression with normalised whitespace: none,
// except between words and after a comma, as in `f(a, b=1)`.
func render(ts tokens, lo, hi int) string {
	var b strings.Builder
	for i := lo; i < hi; i++ {
		t := ts.token(i)
		if i > lo {
			prev := ts.token(i - 1)
			closing := t.Type == Op && (t.Text == ")" || t.Text == "]" || t.Text == "}")
			if prev.is(Op, ",") && !closing || isWord(prev) && isWord(t) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(t.Text)
	}
	return b.String()
}

func isWord(t Token) bool { return t.Type == Name || t.Type == Number || t.Type == String }
