package pysrc

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// tokenCase is a snippet with the tokens we expect, written compactly as
// "TYPE text | TYPE text"; layout tokens are written without their text.
type tokenCase struct {
	name, src, want string
}

var tokenCases = []tokenCase{
	{"assignment", "x = 1\n", "NAME x | OP = | NUMBER 1 | NEWLINE | ENDMARKER"},
	{"no final newline", "x = 1", "NAME x | OP = | NUMBER 1 | NEWLINE | ENDMARKER"},
	{"blank and comment lines", "x\n\n# c\n  # d\ny\n",
		"NAME x | NEWLINE | NL | COMMENT # c | NL | COMMENT # d | NL | NAME y | NEWLINE | ENDMARKER"},
	{"comment after code", "x  # c\n", "NAME x | COMMENT # c | NEWLINE | ENDMARKER"},
	{"comment at EOF", "x\n# c", "NAME x | NEWLINE | COMMENT # c | NL | ENDMARKER"},
	{"newline in brackets", "f(a,\n  b)\n", "NAME f | OP ( | NAME a | OP , | NL | NAME b | OP ) | NEWLINE | ENDMARKER"},
	{"comment in brackets", "[1,  # one\n 2]\n", "OP [ | NUMBER 1 | OP , | COMMENT # one | NL | NUMBER 2 | OP ] | NEWLINE | ENDMARKER"},
	{"indent dedent", "if x:\n    y\nz\n",
		"NAME if | NAME x | OP : | NEWLINE | INDENT | NAME y | NEWLINE | DEDENT | NAME z | NEWLINE | ENDMARKER"},
	{"dedent several at EOF", "if a:\n if b:\n  c",
		"NAME if | NAME a | OP : | NEWLINE | INDENT | NAME if | NAME b | OP : | NEWLINE | INDENT | NAME c | NEWLINE | DEDENT | DEDENT | ENDMARKER"},
	{"blank line keeps indentation", "if a:\n    b\n\n    c\n",
		"NAME if | NAME a | OP : | NEWLINE | INDENT | NAME b | NEWLINE | NL | NAME c | NEWLINE | DEDENT | ENDMARKER"},
	{"comment at other indentation", "if a:\n    b\n# c\n    d\n",
		"NAME if | NAME a | OP : | NEWLINE | INDENT | NAME b | NEWLINE | COMMENT # c | NL | NAME d | NEWLINE | DEDENT | ENDMARKER"},
	{"backslash continuation", "x = 1 + \\\n    2\n", "NAME x | OP = | NUMBER 1 | OP + | NUMBER 2 | NEWLINE | ENDMARKER"},
	{"tabs", "if x:\n\ty\n\tz\n",
		"NAME if | NAME x | OP : | NEWLINE | INDENT | NAME y | NEWLINE | NAME z | NEWLINE | DEDENT | ENDMARKER"},
	{"form feed", "\fx = 1\n\f\n", "NAME x | OP = | NUMBER 1 | NEWLINE | NL | ENDMARKER"},
	{"crlf", "if x:\r\n    y\r\n", "NAME if | NAME x | OP : | NEWLINE | INDENT | NAME y | NEWLINE | DEDENT | ENDMARKER"},
	{"bom", "\xef\xbb\xbfx\n", "NAME x | NEWLINE | ENDMARKER"},
	{"unicode name", "é = 1\n", "NAME é | OP = | NUMBER 1 | NEWLINE | ENDMARKER"},
	{"soft keywords", "match x:\n    case [1, *_]:\n        pass\ntype X = int\n",
		"NAME match | NAME x | OP : | NEWLINE | INDENT | NAME case | OP [ | NUMBER 1 | OP , | OP * | NAME _ | OP ] | OP : | NEWLINE | INDENT | NAME pass | NEWLINE | DEDENT | DEDENT | NAME type | NAME X | OP = | NAME int | NEWLINE | ENDMARKER"},
	{"prefixes", `rb'a' BR"b" u'c' Rb'd' f'e' Rf"g" fR'h' b'\''` + "\n",
		`STRING rb'a' | STRING BR"b" | STRING u'c' | STRING Rb'd' | STRING f'e' | STRING Rf"g" | STRING fR'h' | STRING b'\'' | NEWLINE | ENDMARKER`},
	{"not a prefix", `ab'x'` + "\n", `NAME ab | STRING 'x' | NEWLINE | ENDMARKER`},
	{"raw escapes quote", `r"\"" r'\\'` + "\n", `STRING r"\"" | STRING r'\\' | NEWLINE | ENDMARKER`},
	{"triple quotes", "s = '''a\n'' \"b\"\n'''\nt = 1\n",
		"NAME s | OP = | STRING '''a\n'' \"b\"\n''' | NEWLINE | NAME t | OP = | NUMBER 1 | NEWLINE | ENDMARKER"},
	{"escaped newline in string", "s = 'a\\\nb'\n", "NAME s | OP = | STRING 'a\\\nb' | NEWLINE | ENDMARKER"},
	{"string with def", `s = "def f(): pass"` + "\n", `NAME s | OP = | STRING "def f(): pass" | NEWLINE | ENDMARKER`},
	{"fstring nested quotes", `f"{x["a"]}"` + "\n", `STRING f"{x["a"]}" | NEWLINE | ENDMARKER`},
	{"fstring nested fstring", `f"{f'{y}' + f"{z}"}"` + "\n", `STRING f"{f'{y}' + f"{z}"}" | NEWLINE | ENDMARKER`},
	{"fstring dict in field", `f"{ {'a': 1}['a'] }"` + "\n", `STRING f"{ {'a': 1}['a'] }" | NEWLINE | ENDMARKER`},
	{"fstring nested spec", `f"{x:{w}.{p}f} {y!r:>10} {z=}"` + "\n", `STRING f"{x:{w}.{p}f} {y!r:>10} {z=}" | NEWLINE | ENDMARKER`},
	{"fstring hash and braces", `f"# {x} {{not}} {'#'}" # real` + "\n", `STRING f"# {x} {{not}} {'#'}" | COMMENT # real | NEWLINE | ENDMARKER`},
	{"fstring named escape", `f"\N{BULLET} {x}"` + "\n", `STRING f"\N{BULLET} {x}" | NEWLINE | ENDMARKER`},
	{"fstring multiline field", "f'''{\n  a  # comment\n}''' + f\"{\n  b}\"\n", "STRING f'''{\n  a  # comment\n}''' | OP + | STRING f\"{\n  b}\" | NEWLINE | ENDMARKER"},
	{"fstring backslash brace", `rf"\{x}" f"\\{y}"` + "\n", `STRING rf"\{x}" | STRING f"\\{y}" | NEWLINE | ENDMARKER`},
	{"fstring spec details", "f'''{x:\n>{w}\\n}''' f\"{x:{'a'}}\" f'{x:%H:%M}'\n", "STRING f'''{x:\n>{w}\\n}''' | STRING f\"{x:{'a'}}\" | STRING f'{x:%H:%M}' | NEWLINE | ENDMARKER"},
	{"tstring", "t'{x}' + tr'{y}'\n", "STRING t'{x}' | OP + | STRING tr'{y}' | NEWLINE | ENDMARKER"},
	{"numbers", "0x_FF 1_000 1.5e-3j .5 1. 0o17 0b1 1e10 10J\n",
		"NUMBER 0x_FF | NUMBER 1_000 | NUMBER 1.5e-3j | NUMBER .5 | NUMBER 1. | NUMBER 0o17 | NUMBER 0b1 | NUMBER 1e10 | NUMBER 10J | NEWLINE | ENDMARKER"},
	{"number then keyword", "1if x else 2\n", "NUMBER 1 | NAME if | NAME x | NAME else | NUMBER 2 | NEWLINE | ENDMARKER"},
	{"operators", "a **= b // c >> d -> e := f != g ... @= h\n",
		"NAME a | OP **= | NAME b | OP // | NAME c | OP >> | NAME d | OP -> | NAME e | OP := | NAME f | OP != | NAME g | OP ... | OP @= | NAME h | NEWLINE | ENDMARKER"},
	{"keyword argument class_", "foo(class_=1)\n", "NAME foo | OP ( | NAME class_ | OP = | NUMBER 1 | OP ) | NEWLINE | ENDMARKER"},
	{"empty", "", "ENDMARKER"},
	{"only blank lines", "\n\n  \n", "NL | NL | NL | ENDMARKER"},
}

func render1(toks []Token) string {
	parts := make([]string, len(toks))
	for i, t := range toks {
		parts[i] = t.Type.String()
		if t.significant() || t.Type == Comment {
			parts[i] += " " + t.Text
		}
	}
	return strings.Join(parts, " | ")
}

func TestTokenize(t *testing.T) {
	for _, tc := range tokenCases {
		t.Run(tc.name, func(t *testing.T) {
			toks, err := Tokenize([]byte(tc.src))
			if err != nil {
				t.Fatal(err)
			}
			if got := render1(toks); got != tc.want {
				t.Errorf("got  %s\nwant %s", got, tc.want)
			}
		})
	}
}

// TestTokenizeCasesMatchCPython checks the expectations above against the
// reference: each snippet goes through CPython's tokenize module too.
func TestTokenizeCasesMatchCPython(t *testing.T) {
	py := python312(t)
	dir := t.TempDir()
	var files []string
	for i, tc := range tokenCases {
		f := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "_")+".py")
		if err := os.WriteFile(f, []byte(tc.src), 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
		_ = i
	}
	ref := cpythonTokens(t, py, files)
	for i, tc := range tokenCases {
		if tc.name == "tstring" {
			continue // Python 3.14 syntax, newer than the reference
		}
		want := ref[files[i]]
		if want == nil {
			t.Errorf("%s: CPython rejects %q", tc.name, tc.src)
			continue
		}
		got, err := Tokenize([]byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		compareTokens(t, tc.name, got, *want)
	}
}

func TestTokenizeErrors(t *testing.T) {
	cases := []struct {
		name, src string
		line      int
		msg       string
	}{
		{"unterminated string", "x = 1\ny = 'abc\n", 2, "unterminated string literal"},
		{"unterminated triple", "x = '''abc\n\n", 1, "unterminated triple-quoted"},
		{"unterminated fstring field", "x = f'{a'\n", 1, "unterminated string"},
		{"fstring spec without brace", "x = f'{a:>3'\n", 1, "expecting '}'"},
		{"unclosed bracket", "f(\n1,\n", 1, "'(' was never closed"},
		{"unmatched closing", "x = )\n", 1, "unmatched ')'"},
		{"mismatched closing", "x = (]\n", 1, "does not match"},
		{"bad dedent", "if x:\n        a\n    b\n", 3, "unindent does not match"},
		{"tab inconsistency", "if x:\n\ty\n        z\n", 3, "inconsistent use of tabs"},
		{"char after backslash", "x = 1 \\ y\n", 1, "after line continuation"},
		{"backslash at EOF", "x = 1 \\", 1, "unexpected EOF"},
		{"invalid character", "x = $\n", 1, "invalid character"},
		{"too many brackets", strings.Repeat("(", 201), 1, "too many nested parentheses"},
		{"too many indents", deepIndent(101), 101, "too many levels of indentation"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Tokenize([]byte(tc.src))
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("got %v, want a *SyntaxError", err)
			}
			if se.Line != tc.line || !strings.Contains(se.Msg, tc.msg) {
				t.Errorf("got line %d %q, want line %d %q", se.Line, se.Msg, tc.line, tc.msg)
			}
		})
	}
}

func deepIndent(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i) + "if x:\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "pass\n")
	return b.String()
}

func TestTokenPositions(t *testing.T) {
	toks, err := Tokenize([]byte("a = '''x\ny''' + b\nc(d,\n  e)\n"))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		text               string
		line, col, endLine int
	}{
		{"a", 1, 0, 1}, {"=", 1, 2, 1}, {"'''x\ny'''", 1, 4, 2}, {"+", 2, 5, 2}, {"b", 2, 7, 2},
		{"\n", 2, 8, 2}, {"c", 3, 0, 3}, {"(", 3, 1, 3}, {"d", 3, 2, 3}, {",", 3, 3, 3},
		{"\n", 3, 4, 3}, {"e", 4, 2, 4}, {")", 4, 3, 4},
	}
	for i, w := range want {
		g := toks[i]
		if g.Text != w.text || g.Line != w.line || g.Col != w.col || g.EndLine() != w.endLine {
			t.Errorf("token %d: got %q %d:%d-%d, want %q %d:%d-%d", i, g.Text, g.Line, g.Col, g.EndLine(), w.text, w.line, w.col, w.endLine)
		}
	}
}
