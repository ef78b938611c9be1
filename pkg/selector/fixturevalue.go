package selector

import (
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A wide fixture shares one object among its tests: a changed test may
// change it for the tests after it (sharedFixtures). A fixture that hands
// nothing (loguru's session autouse check_env_variables returns None) or
// only an immutable value of constants and what imports reach anyway
// (flask's _standard_os_environ yields a tuple of (os.environ, "FLASK_APP",
// monkeypatch.notset)) shares no object a test could change that it could
// not reach without the fixture.

// handsNothing reports whether wide fixture rec ("scope:path::name") of
// the project returns or yields only None or such an immutable value.
func (s *state) handsNothing(rec string) bool {
	p, name, ok := fixtureRecord(rec)
	if !ok {
		return false
	}
	m, src := s.oldModule(p)
	if m == nil {
		return false
	}
	idx := -1
	for _, f := range m.Fixtures {
		if f.Name == name && f.Unit >= 0 && f.Unit < len(m.Units) {
			idx = f.Unit
		}
	}
	if idx < 0 {
		return false
	}
	toks, err := pysrc.Tokenize(src)
	if err != nil {
		return false
	}
	u := m.Units[idx]
	lines := logicalLines(toks, u.BodyStart, u.End, func(l int) bool { return m.UnitAt(l) == idx })
	globals := importedNames(m)
	for _, ln := range lines {
		if len(ln) == 0 || ln[0].Type != pysrc.Name || (ln[0].Text != "return" && ln[0].Text != "yield") {
			continue
		}
		val := ln[1:]
		switch {
		case len(val) == 0 || len(val) == 1 && val[0].Text == "None":
		case len(val) == 1 && val[0].Type == pysrc.Name && !globals[val[0].Text]:
			rhs, once := soleAssignment(lines, val[0].Text)
			if !once || !immutable(rhs, globals) {
				return false
			}
		case !immutable(val, globals):
			return false
		}
	}
	return true
}

// logicalLines splits the tokens of lines lo..hi for which keep holds
// into logical lines, without layout tokens.
func logicalLines(toks []pysrc.Token, lo, hi int, keep func(int) bool) [][]pysrc.Token {
	var out [][]pysrc.Token
	var cur []pysrc.Token
	for _, t := range toks {
		if t.Line < lo || t.Line > hi || !keep(t.Line) {
			continue
		}
		switch t.Type {
		case pysrc.Newline:
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
		case pysrc.Name, pysrc.Number, pysrc.String, pysrc.Op:
			cur = append(cur, t)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// soleAssignment returns the value of the one logical line that binds
// name (`name = ...`, or annotated), and false when another line binds or
// updates it (`name += ...`, `for name in`, a second assignment).
func soleAssignment(lines [][]pysrc.Token, name string) ([]pysrc.Token, bool) {
	var rhs []pysrc.Token
	n := 0
	for _, ln := range lines {
		for i, t := range ln {
			if t.Type != pysrc.Name || t.Text != name {
				continue
			}
			switch {
			case i == 0 && len(ln) > 1 && ln[1].Text == "=":
				rhs, n = ln[2:], n+1
			case i > 0 && ln[i-1].Text == ".":
				// an attribute of that name: another thing
			case i+1 < len(ln) && (ln[i+1].Text == "=" || ln[i+1].Text == ":=" || len(ln[i+1].Text) == 2 && ln[i+1].Text[1] == '=' && ln[i+1].Text != "==" && ln[i+1].Text != "!=" && ln[i+1].Text != "<=" && ln[i+1].Text != ">="):
				return nil, false // bound or updated elsewhere
			case i == 1 && ln[0].Text == "for" || i == 0 && len(ln) > 1 && ln[1].Text == ":":
				return nil, false
			}
		}
	}
	return rhs, n == 1
}

// immutable reports whether the expression is built of constants, tuple
// parentheses and names an import binds (and their attributes): no call,
// no subscript, no list, dict or set.
func immutable(expr []pysrc.Token, globals map[string]bool) bool {
	if len(expr) == 0 {
		return false
	}
	for i, t := range expr {
		switch t.Type {
		case pysrc.String, pysrc.Number:
		case pysrc.Name:
			attr := i > 0 && expr[i-1].Text == "."
			if !attr && !globals[t.Text] && !slices.Contains([]string{"None", "True", "False"}, t.Text) {
				return false
			}
		case pysrc.Op:
			switch t.Text {
			case ",", ".":
			case "(":
				if i > 0 && (expr[i-1].Type == pysrc.Name || expr[i-1].Text == ")") {
					return false // a call
				}
			case ")":
			default:
				return false
			}
		default:
			return false
		}
	}
	return true
}
