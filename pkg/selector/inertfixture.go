package selector

import (
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A changed test can change, for the tests after it, whatever a wide
// fixture it shares hands them or left behind (a store it seeded, the
// environment it set): sharedFixtures widens to them. A fixture that
// requests nothing, hands nothing and only looks (loguru's session
// autouse check_env_variables warns about LOGURU_ variables it finds)
// leaves nothing a test could change: it ran before them, and what it
// saw no test of theirs can alter.

// reporters are the calls an only-looking fixture may make as statements.
var reporters = [][]string{{"warnings", ".", "warn"}, {"print"}}

// lookingCalls are the calls it may make inside expressions: builtins and
// methods that read their receiver.
var lookingCalls = map[string]bool{"len": true, "isinstance": true, "str": true, "repr": true,
	"startswith": true, "endswith": true, "lower": true, "upper": true, "strip": true, "lstrip": true,
	"rstrip": true, "split": true, "format": true, "get": true, "items": true, "keys": true, "values": true}

// onlyLooks reports whether wide fixture rec ("scope:path::name") of the
// project requests no fixture, returns or yields nothing, and runs only
// loops, conditions and reporters over what it reads.
func (s *state) onlyLooks(rec string) bool {
	w := s.wideFixture(rec)
	return memo(&w.looks, w.onlyLooks)
}

func (w *wideFixture) onlyLooks() bool {
	lines, ok := w.plainBody()
	if !ok {
		return false
	}
	for _, ln := range lines {
		if !lookingLine(ln) {
			return false
		}
	}
	return true
}

// plainBody is the logical lines of the fixture's body, when it is the
// project's and requests nothing (a parameter: another fixture's value,
// or request).
func (w *wideFixture) plainBody() ([][]pysrc.Token, bool) {
	u, found := w.unit()
	if !found || len(requested(w.src, u)) > 0 {
		return nil, false
	}
	toks, ok := w.tokens()
	if !ok {
		return nil, false
	}
	return logicalLines(toks, u.BodyStart, u.End, func(l int) bool { return w.mod.UnitAt(l) == w.idx }), true
}

// memo is *v, computing it with f the first time.
func memo(v **bool, f func() bool) bool {
	if *v == nil {
		x := f()
		*v = &x
	}
	return **v
}

// lookingLine: one logical line of an only-looking fixture.
func lookingLine(ln []pysrc.Token) bool {
	last := len(ln) - 1
	switch first := ln[0]; {
	case len(ln) == 1 && (first.Type == pysrc.String || first.Text == "pass" || first.Text == "return" || first.Text == "yield"):
		return true // a docstring, or no value
	case first.Text == "else" || first.Text == "try" || first.Text == "finally":
		return len(ln) == 2 && ln[1].Text == ":"
	case (first.Text == "if" || first.Text == "elif") && ln[last].Text == ":":
		return looks(ln[1:last], false)
	case first.Text == "for" && ln[last].Text == ":":
		in := slices.IndexFunc(ln, func(t pysrc.Token) bool { return t.Type == pysrc.Name && t.Text == "in" })
		if in < 2 {
			return false
		}
		for _, t := range ln[1:in] {
			if t.Type != pysrc.Name && t.Text != "," && t.Text != "(" && t.Text != ")" {
				return false
			}
		}
		return looks(ln[in+1:last], false)
	}
	for _, r := range reporters {
		if len(ln) > len(r)+1 && ln[len(r)].Text == "(" && ln[last].Text == ")" && slices.EqualFunc(ln[:len(r)], r, func(t pysrc.Token, w string) bool { return t.Text == w }) {
			return looks(ln[len(r)+1:last], true)
		}
	}
	return false
}

// looks reports whether an expression only reads: its calls are
// lookingCalls, and it assigns nothing (a keyword argument's `=` only
// where args says it is a call's argument list).
func looks(expr []pysrc.Token, args bool) bool {
	depth := 0
	for i, t := range expr {
		switch {
		case t.Text == "(" || t.Text == "[" || t.Text == "{":
			if t.Text == "(" && i > 0 && expr[i-1].Type == pysrc.Name && !lookingCalls[expr[i-1].Text] {
				return false
			}
			depth++
		case t.Text == ")" || t.Text == "]" || t.Text == "}":
			depth--
		case t.Text == "=":
			if !args || depth != 0 {
				return false
			}
		case t.Text == ":=" || t.Type == pysrc.Name && (t.Text == "lambda" || t.Text == "yield" || t.Text == "await"):
			return false
		}
	}
	return depth == 0
}
