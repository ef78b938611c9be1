package pysrc

// fstring scans the body of an f-string (or t-string) from offset i with
// Python 3.12 (PEP 701) rules: a replacement field may hold any expression,
// including strings reusing the enclosing quote, newlines and comments.
func (t *tokenizer) fstring(i int, s strLit) (int, error) {
	if t.fdepth >= maxFString {
		return 0, errAt(s.line, "too many nested f-strings")
	}
	t.fdepth++
	defer func() { t.fdepth-- }()
	for i < len(t.src) {
		switch c := t.src[i]; c {
		case '\\':
			i = t.fescape(i, s)
		case '{':
			if i+1 < len(t.src) && t.src[i+1] == '{' {
				i += 2
				continue
			}
			end, err := t.field(i+1, s)
			if err != nil {
				return 0, err
			}
			i = end
		case '\n':
			if !s.triple {
				return 0, t.unterminated(s)
			}
			t.newline(i)
			i++
		case s.quote:
			end, ok := t.closes(i, s)
			if ok {
				return end, nil
			}
			i = end
		default:
			i++
		}
	}
	return 0, t.unterminated(s)
}

// fescape skips the escape sequence at i. A backslash before a brace does
// not escape it, and \N{...} in a non-raw f-string is a character name, not
// a replacement field.
func (t *tokenizer) fescape(i int, s strLit) int {
	if i+1 >= len(t.src) {
		return i + 1
	}
	switch n := t.src[i+1]; {
	case n == '{' || n == '}':
		return i + 1
	case n == '\n':
		t.newline(i + 1)
	case !s.raw && n == 'N' && i+2 < len(t.src) && t.src[i+2] == '{':
		j := i + 3
		for j < len(t.src) && t.src[j] != '}' && t.src[j] != s.quote && t.src[j] != '\n' {
			j++
		}
		if j < len(t.src) && t.src[j] == '}' {
			return j + 1
		}
		return j
	}
	return i + 2
}

// field scans a replacement field's expression from offset i (after its
// '{') and returns the offset after its closing '}'. Names used in the
// expression are recorded so that references inside f-strings are found.
func (t *tokenizer) field(i int, s strLit) (int, error) {
	if t.fdepth >= maxFString {
		return 0, errAt(s.line, "too many nested f-strings")
	}
	t.fdepth++
	defer func() { t.fdepth-- }()
	depth, afterDot := 0, false
	for i < len(t.src) {
		c := t.src[i]
		next, err := t.fieldStep(i, c, &depth, afterDot)
		switch {
		case err != nil:
			return 0, err
		case next < 0: // '}' closing the field
			return i + 1, nil
		case c == ':' && depth == 0:
			return t.spec(i+1, s)
		}
		if c != ' ' && c != '\t' && c != '\f' {
			afterDot = c == '.'
		}
		i = next
	}
	return 0, errAt(s.line, "f-string: expecting '}'")
}

// fieldStep advances over one element of a replacement field's expression
// and returns the next offset, or -1 at the field's closing brace.
func (t *tokenizer) fieldStep(i int, c byte, depth *int, afterDot bool) (int, error) {
	switch {
	case c == '\n':
		t.newline(i)
	case c == '#':
		for i < len(t.src) && t.src[i] != '\n' {
			i++
		}
		return i, nil
	case c == '(' || c == '[' || c == '{':
		*depth++
	case c == ')' || c == ']':
		*depth--
	case c == '}':
		if *depth == 0 {
			return -1, nil
		}
		*depth--
	case c == '"' || c == '\'':
		return t.nested(i)
	case isNameStart(c):
		return t.fieldName(i, afterDot)
	case isDigit(c):
		return numberEnd(t.src, i), nil
	case c == '\\' && i+1 < len(t.src) && t.src[i+1] == '\n':
		t.newline(i + 1)
		return i + 2, nil
	}
	return i + 1, nil
}

// fieldName scans a name (or a prefixed nested string) inside a field.
func (t *tokenizer) fieldName(i int, afterDot bool) (int, error) {
	end := nameEnd(t.src, i)
	if end < len(t.src) && (t.src[end] == '"' || t.src[end] == '\'') && isStringPrefix(t.src[i:end]) {
		return t.nested(i)
	}
	kind := embedName
	if afterDot {
		kind = embedAttr
	}
	t.embed(t.src[i:end], kind)
	return end, nil
}

func (t *tokenizer) embed(name string, kind embedKind) {
	t.embedded = append(t.embedded, embeddedName{tok: len(t.toks), name: name, line: int32(t.line), kind: kind})
}

// nested scans a string literal inside a replacement field and records its
// value when it is a plain one: getattr(x, "name") names an attribute.
func (t *tokenizer) nested(i int) (int, error) {
	end, err := t.literal(i)
	if err != nil {
		return 0, err
	}
	if v, ok := unquote(t.src[i:end]); ok {
		t.embed(v, embedString)
	}
	return end, nil
}

// spec scans a format spec from offset i (after the ':') up to and past the
// '}' closing the field; it may hold nested replacement fields.
func (t *tokenizer) spec(i int, s strLit) (int, error) {
	for i < len(t.src) {
		switch c := t.src[i]; c {
		case '{':
			end, err := t.field(i+1, s)
			if err != nil {
				return 0, err
			}
			i = end
		case '}':
			return i + 1, nil
		case '\\':
			i = t.fescape(i, s)
		case '\n':
			if !s.triple {
				return 0, t.unterminated(s)
			}
			t.newline(i)
			i++
		case s.quote:
			if _, ok := t.closes(i, s); ok {
				return 0, errAt(s.line, "f-string: expecting '}'")
			}
			i++
		default:
			i++
		}
	}
	return 0, errAt(s.line, "f-string: expecting '}'")
}
