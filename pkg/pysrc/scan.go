package pysrc

import "strings"

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

// isNameStart accepts any non-ASCII byte: CPython validates identifiers
// against Unicode XID tables, which only matters for code that would not
// run anyway.
func isNameStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_' || c >= 0x80
}

func isNameChar(c byte) bool { return isNameStart(c) || isDigit(c) }

func nameEnd(src string, i int) int {
	for i < len(src) && isNameChar(src[i]) {
		i++
	}
	return i
}

// isStringPrefix reports whether p is a legal string prefix: r, u, b, f and
// t (Python 3.14 template strings) alone, or rb/br, rf/fr, rt/tr, any case.
func isStringPrefix(p string) bool {
	switch len(p) {
	case 1:
		switch p[0] | 0x20 {
		case 'r', 'u', 'b', 'f', 't':
			return true
		}
	case 2:
		a, b := p[0]|0x20, p[1]|0x20
		if a == 'r' {
			a, b = b, a
		}
		return b == 'r' && (a == 'b' || a == 'f' || a == 't')
	}
	return false
}

// nameOrString scans an identifier, or a prefixed string literal.
func (t *tokenizer) nameOrString() error {
	end := nameEnd(t.src, t.pos)
	if end < len(t.src) && (t.src[end] == '"' || t.src[end] == '\'') && isStringPrefix(t.src[t.pos:end]) {
		return t.str(t.pos)
	}
	t.emit(Name, t.pos, end)
	t.content = true
	t.pos = end
	return nil
}

// number scans a numeric literal. Like CPython it stops before a letter
// that cannot continue the number, so `1if x else 2` is NUMBER NAME ....
func (t *tokenizer) number() {
	end := numberEnd(t.src, t.pos)
	t.emit(Number, t.pos, end)
	t.content = true
	t.pos = end
}

func numberEnd(s string, i int) int {
	if s[i] == '0' && i+2 < len(s) && strings.IndexByte("xXoObB", s[i+1]) >= 0 &&
		(isHexDigit(s[i+2]) || s[i+2] == '_') {
		i += 2
		for i < len(s) && (isHexDigit(s[i]) || s[i] == '_') {
			i++
		}
		return i
	}
	i = digitsEnd(s, i)
	if i < len(s) && s[i] == '.' {
		i = digitsEnd(s, i+1)
	}
	if i+1 < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if s[j] == '+' || s[j] == '-' {
			j++
		}
		if j < len(s) && isDigit(s[j]) {
			i = digitsEnd(s, j)
		}
	}
	if i < len(s) && (s[i] == 'j' || s[i] == 'J') {
		i++
	}
	return i
}

func digitsEnd(s string, i int) int {
	for i < len(s) && (isDigit(s[i]) || s[i] == '_') {
		i++
	}
	return i
}

func isHexDigit(c byte) bool {
	return isDigit(c) || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// operatorLen returns the length of the longest operator at s[i:], or 0.
func operatorLen(s string, i int) int {
	c := s[i]
	var c1, c2 byte
	if i+1 < len(s) {
		c1 = s[i+1]
	}
	if i+2 < len(s) {
		c2 = s[i+2]
	}
	switch c {
	case '(', ')', '[', ']', '{', '}', ',', ';', '~':
		return 1
	case '.':
		if c1 == '.' && c2 == '.' {
			return 3
		}
		return 1
	case '*', '/', '<', '>':
		if c1 == c { // ** // << >>
			if c2 == '=' {
				return 3
			}
			return 2
		}
	case '-':
		if c1 == '>' {
			return 2
		}
	case '+', '%', '&', '|', '^', '@', '=', '!', ':':
	default:
		return 0
	}
	if c1 == '=' {
		return 2
	}
	return 1
}

// operator scans an operator or bracket, keeping the bracket stack that
// decides between NEWLINE and NL.
func (t *tokenizer) operator() error {
	n := operatorLen(t.src, t.pos)
	if n == 0 {
		return errAt(t.line, "invalid character %q", t.src[t.pos])
	}
	if n == 1 {
		if err := t.trackBracket(t.src[t.pos]); err != nil {
			return err
		}
	}
	t.emit(Op, t.pos, t.pos+n)
	t.content = true
	t.pos += n
	return nil
}

func (t *tokenizer) trackBracket(c byte) error {
	var open byte
	switch c {
	case '(', '[', '{':
		if len(t.brackets) >= maxBrackets {
			return errAt(t.line, "too many nested parentheses")
		}
		t.brackets = append(t.brackets, bracket{char: c, line: t.line})
		return nil
	case ')':
		open = '('
	case ']':
		open = '['
	case '}':
		open = '{'
	default:
		return nil
	}
	n := len(t.brackets)
	if n == 0 {
		return errAt(t.line, "unmatched '%c'", c)
	}
	if t.brackets[n-1].char != open {
		return errAt(t.line, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, t.brackets[n-1].char)
	}
	t.brackets = t.brackets[:n-1]
	return nil
}
