package covmap

import "bytes"

// skip consumes one value of any kind without decoding it. Containers are
// walked by bracket depth only, jumping from quote to quote inside strings,
// which is what makes ignoring coverage's summaries and per-function regions
// (most of a format 3 report) cheap.
func (s *scanner) skip() error {
	switch c := s.next(); c {
	case 0:
		return errEOF
	case '"':
		return s.skipString()
	case '{', '[':
		return s.skipContainer()
	case '}', ']', ',', ':':
		return s.errorf("unexpected %q", c)
	}
	start := s.pos
	for s.pos < len(s.data) && isScalarByte(s.data[s.pos]) {
		s.pos++
	}
	if s.pos == start {
		return s.errorf("unexpected %q", s.data[s.pos])
	}
	return nil
}

// isScalarByte reports bytes that may appear in numbers, true, false, null.
func isScalarByte(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '-' || c == '+' || c == '.' || c == 'E'
}

// skipString consumes a string starting at its opening quote.
func (s *scanner) skipString() error {
	i := s.pos + 1
	for {
		j := bytes.IndexByte(s.data[i:], '"')
		if j < 0 {
			return errEOF
		}
		i += j
		bs := 0
		for k := i - 1; k > s.pos && s.data[k] == '\\'; k-- {
			bs++
		}
		i++
		if bs%2 == 0 {
			s.pos = i
			return nil
		}
	}
}

// skipContainer consumes an object or array starting at its opening bracket.
func (s *scanner) skipContainer() error {
	depth := 0
	for s.pos < len(s.data) {
		switch s.data[s.pos] {
		case '"':
			if err := s.skipString(); err != nil {
				return err
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth == 0 {
				s.pos++
				return nil
			}
		}
		s.pos++
	}
	return errEOF
}

// lineNumber parses an object key holding a line number ("42").
func lineNumber(key []byte) (uint32, bool) {
	if len(key) == 0 || len(key) > 9 {
		return 0, false
	}
	var n uint32
	for _, c := range key {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + uint32(c-'0')
	}
	return n, true
}
