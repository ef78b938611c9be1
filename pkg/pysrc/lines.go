package pysrc

// This file holds the line structure: indentation, line breaks, joined
// lines and the end of the file.

// indentation measures the leading whitespace of a line and emits INDENT or
// DEDENT tokens. Blank and comment-only lines do not count, as in CPython.
func (t *tokenizer) indentation() error {
	col, alt, i := measureIndent(t.src, t.pos)
	if i >= len(t.src) || t.src[i] == '#' || t.src[i] == '\n' {
		return nil // blank line: atBOL stays set until its line break
	}
	t.atBOL = false
	top := len(t.indents) - 1
	switch {
	case col == t.indents[top]:
		if alt != t.altIndents[top] {
			return errAt(t.line, "inconsistent use of tabs and spaces in indentation")
		}
	case col > t.indents[top]:
		return t.indent(col, alt, i)
	default:
		return t.dedent(col, alt, i)
	}
	return nil
}

func (t *tokenizer) indent(col, alt, end int) error {
	if len(t.indents) >= maxIndent {
		return errAt(t.line, "too many levels of indentation")
	}
	if alt <= t.altIndents[len(t.altIndents)-1] {
		return errAt(t.line, "inconsistent use of tabs and spaces in indentation")
	}
	t.indents = append(t.indents, col)
	t.altIndents = append(t.altIndents, alt)
	t.emit(Indent, t.pos, end)
	return nil
}

func (t *tokenizer) dedent(col, alt, end int) error {
	for len(t.indents) > 1 && col < t.indents[len(t.indents)-1] {
		t.indents = t.indents[:len(t.indents)-1]
		t.altIndents = t.altIndents[:len(t.altIndents)-1]
		t.toks = append(t.toks, tok{typ: Dedent, line: int32(t.line), col: int32(end - t.lineStart), off: int32(end), end: int32(end)})
	}
	top := len(t.indents) - 1
	if col != t.indents[top] {
		return errAt(t.line, "unindent does not match any outer indentation level")
	}
	if alt != t.altIndents[top] {
		return errAt(t.line, "inconsistent use of tabs and spaces in indentation")
	}
	return nil
}

// measureIndent returns the indentation column of the line starting at i
// (tabs to the next multiple of 8, a form feed resetting it), the column with
// tabs counting 1, and the offset of the first other byte.
func measureIndent(src string, i int) (col, alt, end int) {
	for ; i < len(src); i++ {
		switch src[i] {
		case ' ':
			col++
			alt++
		case '\t':
			col = (col/8 + 1) * 8
			alt++
		case '\f':
			col, alt = 0, 0
		default:
			return col, alt, i
		}
	}
	return col, alt, i
}

// lineBreak emits NEWLINE at the end of a logical line, NL otherwise.
func (t *tokenizer) lineBreak() {
	switch {
	case len(t.brackets) > 0:
		t.trivia(NL, t.pos, t.pos+1)
	case t.content:
		t.emit(Newline, t.pos, t.pos+1)
		t.content = false
		t.atBOL = true
	default:
		t.trivia(NL, t.pos, t.pos+1)
		t.atBOL = true
	}
	t.newline(t.pos)
	t.pos++
}

func (t *tokenizer) trivia(typ TokenType, start, end int) {
	if t.keepTrivia {
		t.emit(typ, start, end)
	}
}

func (t *tokenizer) comment() {
	end := t.pos
	for end < len(t.src) && t.src[end] != '\n' {
		end++
	}
	text := end
	for text > t.pos && t.src[text-1] == '\r' {
		text--
	}
	t.trivia(Comment, t.pos, text)
	t.pos = end
}

// continuation joins the next line to this logical line.
func (t *tokenizer) continuation() error {
	i := t.pos + 1
	if i >= len(t.src) {
		return errAt(t.line, "unexpected EOF while parsing")
	}
	if t.src[i] != '\n' {
		return errAt(t.line, "unexpected character after line continuation character")
	}
	t.newline(i)
	t.pos = i + 1
	return nil
}

// finish closes the file the way CPython does: a NEWLINE for an unterminated
// last line, a DEDENT per open block, then ENDMARKER.
func (t *tokenizer) finish() error {
	if n := len(t.brackets); n > 0 {
		b := t.brackets[n-1]
		return errAt(b.line, "'%c' was never closed", b.char)
	}
	if t.content {
		t.emit(Newline, t.pos, t.pos)
	} else if t.pos > t.lineStart {
		t.trivia(NL, t.pos, t.pos)
	}
	if t.pos > t.lineStart {
		t.newline(t.pos)
	}
	for len(t.indents) > 1 {
		t.indents = t.indents[:len(t.indents)-1]
		t.toks = append(t.toks, tok{typ: Dedent, line: int32(t.line), off: int32(t.pos), end: int32(t.pos)})
	}
	t.toks = append(t.toks, tok{typ: EndMarker, line: int32(t.line), off: int32(t.pos), end: int32(t.pos)})
	return nil
}
