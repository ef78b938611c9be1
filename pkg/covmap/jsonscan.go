package covmap

import (
	"bytes"
	"errors"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// errEOF marks input that ends in the middle of a value.
var errEOF = errors.New("unexpected end of input (truncated file?)")

// scanner is a minimal pull tokenizer over a JSON document held in memory.
// It exists because decoding coverage maps into generic Go values costs more
// than the whole selection; it knows just enough JSON to walk the one shape
// coverage.py writes and to skip everything else quickly.
type scanner struct {
	data []byte
	pos  int
	buf  []byte // decoded strings that contained escapes
}

func (s *scanner) errorf(format string, args ...any) error {
	return fmt.Errorf("invalid JSON at byte %d: %s", s.pos, fmt.Sprintf(format, args...))
}

// next skips whitespace and returns the next byte without consuming it, or 0
// at the end of input.
func (s *scanner) next() byte {
	for s.pos < len(s.data) {
		switch c := s.data[s.pos]; c {
		case ' ', '\t', '\n', '\r':
			s.pos++
		default:
			return c
		}
	}
	return 0
}

// expect consumes byte c after optional whitespace.
func (s *scanner) expect(c byte) error {
	switch got := s.next(); got {
	case c:
		s.pos++
		return nil
	case 0:
		return errEOF
	default:
		return s.errorf("expected %q, found %q", c, got)
	}
}

// more consumes the separator after an element and reports whether another
// element follows; end is the closing bracket of the container.
func (s *scanner) more(end byte) (bool, error) {
	switch c := s.next(); c {
	case ',':
		s.pos++
		return true, nil
	case end:
		s.pos++
		return false, nil
	case 0:
		return false, errEOF
	default:
		return false, s.errorf("expected ',' or %q, found %q", end, c)
	}
}

// open consumes the opening bracket of a container and reports whether it
// has any element (consuming the closing bracket when it has none).
func (s *scanner) open(start, end byte) (bool, error) {
	if err := s.expect(start); err != nil {
		return false, err
	}
	if s.next() == end {
		s.pos++
		return false, nil
	}
	return true, nil
}

// str reads a string. The result aliases the input, or s.buf when the string
// had escapes, so it is only valid until the next call.
func (s *scanner) str() ([]byte, error) {
	if err := s.expect('"'); err != nil {
		return nil, err
	}
	start := s.pos
	i := bytes.IndexByte(s.data[start:], '"')
	if i < 0 {
		return nil, errEOF
	}
	raw := s.data[start : start+i]
	if bytes.IndexByte(raw, '\\') >= 0 {
		return s.unescape(start)
	}
	s.pos = start + i + 1
	return raw, nil
}

// unescape decodes a string with escapes starting at from (after the quote).
func (s *scanner) unescape(from int) ([]byte, error) {
	s.buf = s.buf[:0]
	for i := from; i < len(s.data); {
		c := s.data[i]
		switch {
		case c == '"':
			s.pos = i + 1
			return s.buf, nil
		case c != '\\':
			s.buf = append(s.buf, c)
			i++
			continue
		case i+1 >= len(s.data):
			return nil, errEOF
		}
		n, err := s.escape(i)
		if err != nil {
			return nil, err
		}
		i += n
	}
	return nil, errEOF
}

// escape appends the escape sequence at i to s.buf and returns its length.
func (s *scanner) escape(i int) (int, error) {
	switch e := s.data[i+1]; e {
	case '"', '\\', '/':
		s.buf = append(s.buf, e)
	case 'b':
		s.buf = append(s.buf, '\b')
	case 'f':
		s.buf = append(s.buf, '\f')
	case 'n':
		s.buf = append(s.buf, '\n')
	case 'r':
		s.buf = append(s.buf, '\r')
	case 't':
		s.buf = append(s.buf, '\t')
	case 'u':
		return s.unicodeEscape(i)
	default:
		s.pos = i
		return 0, s.errorf("bad escape \\%c", e)
	}
	return 2, nil
}

// unicodeEscape decodes \uXXXX at i, joining UTF-16 surrogate pairs as
// Python's json module writes non-ASCII text.
func (s *scanner) unicodeEscape(i int) (int, error) {
	r, ok := hex4(s.data, i+2)
	if !ok {
		s.pos = i
		return 0, s.errorf("bad \\u escape")
	}
	n := 6
	if utf16.IsSurrogate(r) {
		r2, ok2 := rune(0), false
		if i+7 < len(s.data) && s.data[i+6] == '\\' && s.data[i+7] == 'u' {
			r2, ok2 = hex4(s.data, i+8)
		}
		if r = utf16.DecodeRune(r, r2); ok2 && r != utf8.RuneError {
			n = 12
		}
	}
	s.buf = utf8.AppendRune(s.buf, r)
	return n, nil
}

// hex4 parses four hex digits at data[i:].
func hex4(data []byte, i int) (rune, bool) {
	if i+4 > len(data) {
		return 0, false
	}
	var r rune
	for _, c := range data[i : i+4] {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c >= 'a' && c <= 'f':
			r = r<<4 | rune(c-'a'+10)
		case c >= 'A' && c <= 'F':
			r = r<<4 | rune(c-'A'+10)
		default:
			return 0, false
		}
	}
	return r, true
}
