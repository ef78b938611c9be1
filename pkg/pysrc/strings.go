package pysrc

// strLit describes the string literal being scanned.
type strLit struct {
	quote  byte
	triple bool
	raw    bool
	line   int // where it starts, for error messages
}

// str scans a string literal whose prefix starts at start and emits it as
// one String token.
func (t *tokenizer) str(start int) error {
	line, col := t.line, start-t.lineStart
	end, err := t.literal(start)
	if err != nil {
		return err
	}
	t.emitAt(String, line, col, start, end)
	t.content = true
	t.pos = end
	return nil
}

// literal scans the string literal (prefix included) at start and returns
// its end offset. It is also used for strings nested in f-strings.
func (t *tokenizer) literal(start int) (int, error) {
	i := start
	var raw, format bool
	for ; t.src[i] != '"' && t.src[i] != '\''; i++ {
		switch t.src[i] | 0x20 {
		case 'r':
			raw = true
		case 'f', 't':
			format = true
		}
	}
	s := strLit{quote: t.src[i], raw: raw, line: t.line}
	if i+2 < len(t.src) && t.src[i+1] == s.quote && t.src[i+2] == s.quote {
		s.triple = true
		i += 3
	} else {
		i++
	}
	if format {
		return t.fstring(i, s)
	}
	return t.plain(i, s)
}

// closes reports whether the literal s ends at offset i, which holds its
// quote character, and returns the offset after the closing quote(s).
func (t *tokenizer) closes(i int, s strLit) (int, bool) {
	if !s.triple {
		return i + 1, true
	}
	if i+2 < len(t.src) && t.src[i+1] == s.quote && t.src[i+2] == s.quote {
		return i + 3, true
	}
	return i + 1, false
}

func (t *tokenizer) unterminated(s strLit) error {
	if s.triple {
		return errAt(s.line, "unterminated triple-quoted string literal")
	}
	return errAt(s.line, "unterminated string literal")
}

// plain scans the body of a non-f-string from offset i. A backslash always
// skips the next character, in raw strings too: r"\"" is one literal.
func (t *tokenizer) plain(i int, s strLit) (int, error) {
	for i < len(t.src) {
		switch c := t.src[i]; c {
		case '\\':
			if i+1 < len(t.src) && t.src[i+1] == '\n' {
				t.newline(i + 1)
			}
			i += 2
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
