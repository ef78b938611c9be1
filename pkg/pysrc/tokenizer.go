package pysrc

import (
	"bytes"
)

// Limits CPython enforces too; they also bound this package's recursion.
const (
	maxIndent   = 100       // levels of indentation
	maxBrackets = 200       // nested brackets
	maxFString  = 150       // nested f-strings
	maxSource   = 1<<31 - 1 // token offsets are int32
)

// embeddedName is a name used inside an f-string replacement field. The
// f-string is one String token, yet a reference to a function from inside it
// is still a reference.
type embeddedName struct {
	tok  int // index of the String token holding it
	name string
	line int32
	kind embedKind
}

// embedKind tells a plain name in an f-string field from an attribute name
// (after a dot) and from the value of a plain string literal nested in it:
// References counts only the first, Occurrences all three.
type embedKind uint8

const (
	embedName embedKind = iota
	embedAttr
	embedString
)

type bracket struct {
	char byte
	line int
}

// tokenizer holds the state of one pass over a source file.
type tokenizer struct {
	src        string
	pos        int
	line       int
	lineStart  int // offset where the current line starts
	keepTrivia bool
	toks       []tok
	embedded   []embeddedName
	indents    []int // indentation columns, tabs to multiples of 8
	altIndents []int // the same with tabs counting 1, to catch TabError
	brackets   []bracket
	atBOL      bool // at the beginning of a logical line
	content    bool // the current logical line has a token
	fdepth     int  // f-string nesting
}

// Tokenize splits Python source into tokens as CPython's tokenize module
// does (checked against it on the standard library), except that an
// f-string is a single String token as before Python 3.12, and that a lone
// CR is whitespace rather than a line break (lines are counted like git
// counts them). A BOM is dropped and CRLF read as LF. It reports a
// *SyntaxError for an unterminated string or bracket, a bad dedent or a
// stray character.
func Tokenize(src []byte) ([]Token, error) {
	t := newTokenizer(src, true)
	if err := t.run(); err != nil {
		return nil, err
	}
	ts := t.tokens()
	out := make([]Token, ts.len())
	for i := range out {
		out[i] = ts.token(i)
	}
	return out, nil
}

func (t *tokenizer) tokens() tokens { return tokens{src: t.src, list: t.toks} }

// newTokenizer normalises line ends (as CPython does) and drops a BOM.
func newTokenizer(src []byte, keepTrivia bool) *tokenizer {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	if bytes.IndexByte(src, '\r') >= 0 {
		src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	}
	return &tokenizer{
		src:        string(src),
		line:       1,
		keepTrivia: keepTrivia,
		toks:       make([]tok, 0, len(src)/3+8),
		indents:    []int{0},
		altIndents: []int{0},
		atBOL:      true,
	}
}

func (t *tokenizer) emit(typ TokenType, start, end int) {
	t.toks = append(t.toks, tok{typ: typ, line: int32(t.line), col: int32(start - t.lineStart), off: int32(start), end: int32(end)})
}

// emitAt records a token that may span lines, starting at line/col.
func (t *tokenizer) emitAt(typ TokenType, line, col, start, end int) {
	t.toks = append(t.toks, tok{typ: typ, line: int32(line), col: int32(col), off: int32(start), end: int32(end)})
}

// newline records that a line ends at offset i.
func (t *tokenizer) newline(i int) {
	t.line++
	t.lineStart = i + 1
}

func (t *tokenizer) run() error {
	if len(t.src) > maxSource {
		return errAt(1, "source larger than 2 GiB")
	}
	for {
		if t.atBOL && len(t.brackets) == 0 {
			if err := t.indentation(); err != nil {
				return err
			}
		}
		t.skipSpace()
		if t.pos >= len(t.src) {
			return t.finish()
		}
		if err := t.next(); err != nil {
			return err
		}
	}
}

func (t *tokenizer) skipSpace() {
	for t.pos < len(t.src) {
		switch t.src[t.pos] {
		case ' ', '\t', '\f', '\r':
			t.pos++
		default:
			return
		}
	}
}

// next scans one token (or a line break) at t.pos, which is not a space.
func (t *tokenizer) next() error {
	c := t.src[t.pos]
	switch {
	case c == '\n':
		t.lineBreak()
	case c == '#':
		t.comment()
	case c == '\\':
		return t.continuation()
	case isNameStart(c):
		return t.nameOrString()
	case c >= '0' && c <= '9', c == '.' && t.pos+1 < len(t.src) && isDigit(t.src[t.pos+1]):
		t.number()
	case c == '"' || c == '\'':
		return t.str(t.pos)
	default:
		return t.operator()
	}
	return nil
}
