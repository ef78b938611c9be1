package gitdiff

import (
	"strings"
)

// cEscape maps git's quote_c_style single-letter escapes to their bytes.
func cEscape(c byte) byte {
	i := strings.IndexByte("abtnvfr\"\\", c)
	if i < 0 {
		return 0
	}
	return "\a\b\t\n\v\f\r\"\\"[i]
}

// cutQuoted decodes the C-style quoted string git prints for a path holding
// a quote, backslash or control byte (and, with core.quotePath on, any byte
// >= 0x80), returning the decoded path and what follows the closing quote.
func cutQuoted(s string) (path, rest string, ok bool) {
	if !strings.HasPrefix(s, `"`) {
		return "", s, false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), s[i+1:], true
		case c != '\\':
			b.WriteByte(c)
		case i+1 >= len(s):
			return "", s, false
		case cEscape(s[i+1]) != 0:
			b.WriteByte(cEscape(s[i+1]))
			i++
		case i+3 < len(s) && isOctal(s[i+1]) && isOctal(s[i+2]) && isOctal(s[i+3]):
			b.WriteByte((s[i+1]-'0')<<6 | (s[i+2]-'0')<<3 | (s[i+3] - '0'))
			i += 3
		default:
			return "", s, false
		}
	}
	return "", s, false
}

func isOctal(c byte) bool { return c >= '0' && c <= '7' }

// unquote returns a path from a patch header, decoding it when quoted.
func unquote(s string) (string, bool) {
	if !strings.HasPrefix(s, `"`) {
		return s, true
	}
	p, rest, ok := cutQuoted(s)
	return p, ok && rest == ""
}

// sidePath decodes the name on a "--- a/x" or "+++ b/x" line. git appends a
// tab after names containing a space (for GNU patch); a real tab in a name
// is always quoted, so one trailing tab is never part of the path.
// null reports /dev/null, the side of an added or deleted file.
func sidePath(s, prefix string) (path string, null, ok bool) {
	s = strings.TrimSuffix(s, "\t")
	if s == "/dev/null" {
		return "", true, true
	}
	p, ok := unquote(s)
	if !ok {
		return "", false, false
	}
	if p, ok = strings.CutPrefix(p, prefix); !ok {
		return "", false, false
	}
	return p, false, true
}

// headerPath reads the path from "diff --git a/P b/P" when both sides name
// the same path, as they do for everything but renames and copies (which
// carry their own "rename from/to" lines). Unquoted names may contain
// spaces, so the line is split at its middle rather than at a space.
func headerPath(rest string) (string, bool) {
	var a, b string
	if strings.HasPrefix(rest, `"`) {
		var tail string
		var ok bool
		if a, tail, ok = cutQuoted(rest); !ok || !strings.HasPrefix(tail, " ") {
			return "", false
		}
		if b, ok = unquote(tail[1:]); !ok {
			return "", false
		}
	} else {
		if len(rest)%2 == 0 || rest[len(rest)/2] != ' ' {
			return "", false
		}
		a, b = rest[:len(rest)/2], rest[len(rest)/2+1:]
	}
	pa, okA := strings.CutPrefix(a, "a/")
	pb, okB := strings.CutPrefix(b, "b/")
	if !okA || !okB || pa != pb {
		return "", false
	}
	return pa, true
}
