package pysrc

import (
	"fmt"
	"strings"
)

// TokenType classifies a token the way CPython's tokenize module does, so
// that tests can compare the two streams directly.
type TokenType uint8

// The token types. An f-string is one String token, as before Python 3.12:
// the structure only needs to know where it ends.
const (
	EndMarker TokenType = iota
	Name
	Number
	String
	Op
	Newline // end of a logical line
	NL      // a line break that does not end a logical line
	Comment
	Indent
	Dedent
)

// String returns the name CPython's tokenize module uses for the type.
func (t TokenType) String() string {
	switch t {
	case EndMarker:
		return "ENDMARKER"
	case Name:
		return "NAME"
	case Number:
		return "NUMBER"
	case String:
		return "STRING"
	case Op:
		return "OP"
	case Newline:
		return "NEWLINE"
	case NL:
		return "NL"
	case Comment:
		return "COMMENT"
	case Indent:
		return "INDENT"
	case Dedent:
		return "DEDENT"
	}
	return fmt.Sprintf("TokenType(%d)", uint8(t))
}

// Token is one lexical token. Text is a substring of the (CRLF-normalised)
// source, so tokens cost no allocation of their own.
type Token struct {
	Type TokenType
	Line int // 1-based line of the first character
	Col  int // 0-based byte offset of the first character in its line
	Text string
}

// EndLine is the line of the token's last character; only strings span lines.
func (t Token) EndLine() int {
	if t.Type != String {
		return t.Line
	}
	return t.Line + strings.Count(t.Text, "\n")
}

// significant reports whether the token's text matters when comparing two
// versions: the text of layout tokens is whitespace.
func (t Token) significant() bool {
	return t.Type >= Name && t.Type <= Op
}

// same reports whether two tokens are equal ignoring layout whitespace.
func same(a, b Token) bool {
	if a.Type != b.Type {
		return false
	}
	return !a.significant() || a.Text == b.Text
}

// is reports whether the token is the operator or name op.
func (t Token) is(typ TokenType, text string) bool {
	return t.Type == typ && t.Text == text
}

// SyntaxError reports source that cannot be tokenized or structured. Line is
// where CPython would report it (for an unclosed bracket or string, the line
// where it opens), so a caller can point at it.
type SyntaxError struct {
	Line int
	Msg  string
}

func (e *SyntaxError) Error() string {
	return fmt.Sprintf("python syntax error at line %d: %s", e.Line, e.Msg)
}

func errAt(line int, format string, args ...any) error {
	return &SyntaxError{Line: line, Msg: fmt.Sprintf(format, args...)}
}

// tok is a token as stored by Parse: free of pointers, so that a module's
// tokens cost the garbage collector nothing to scan.
type tok struct {
	typ                 TokenType
	line, col, off, end int32
}

// tokens is a token list with the source its offsets point into.
type tokens struct {
	src  string
	list []tok
}

func (ts tokens) len() int            { return len(ts.list) }
func (ts tokens) typ(i int) TokenType { return ts.list[i].typ }
func (ts tokens) line(i int) int      { return int(ts.list[i].line) }
func (ts tokens) text(i int) string   { t := ts.list[i]; return ts.src[t.off:t.end] }

// layout reports whether token i only lays out the source: a comment, a
// line break, an indent or a dedent.
func (ts tokens) layout(i int) bool {
	switch ts.list[i].typ {
	case Comment, NL, Newline, Indent, Dedent:
		return true
	}
	return false
}

func (ts tokens) is(i int, typ TokenType, text string) bool {
	t := ts.list[i]
	return t.typ == typ && int(t.end-t.off) == len(text) && ts.src[t.off:t.end] == text
}

// token returns the i'th token in its public form.
func (ts tokens) token(i int) Token {
	t := ts.list[i]
	return Token{Type: t.typ, Line: int(t.line), Col: int(t.col), Text: ts.src[t.off:t.end]}
}
