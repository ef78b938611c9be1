package pysrc

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// stmtTally compares Stmts with CPython's ast (testdata/pyunits.py) over a
// corpus: lines, kind and purity must be identical, and Binds must hold
// every name the ast binds; the extra names Binds may hold (a walrus in a
// lambda, a parenthesized annotated name) are counted.
type stmtTally struct {
	stmts, extra int
	extras       []string
}

func (s *stmtTally) check(t *testing.T, file string, m *Module, want []string) {
	t.Helper()
	got := m.Stmts()
	if len(got) != len(want) {
		t.Errorf("%s: %d statements, ast %d:\n%s", file, len(got), len(want), firstDiff(renderStmts(got), want))
		return
	}
	for i, st := range got {
		w := strings.Split(want[i], " ")
		wantBinds := strings.Split(w[4], ",")
		if w[4] == "" {
			wantBinds = nil
		}
		head := fmt.Sprintf("%s %d/%d %s %s", st.Scope, st.Start, st.End, st.Kind, pyBool(st.Pure))
		if head != strings.Join(w[:4], " ") {
			t.Errorf("%s: statement %d: got %q, ast %q", file, i, head, strings.Join(w[:4], " "))
			continue
		}
		var extra []string
		for _, b := range st.Binds {
			if !slices.Contains(wantBinds, b) {
				extra = append(extra, b)
			}
		}
		for _, b := range wantBinds {
			if !slices.Contains(st.Binds, b) {
				t.Errorf("%s:%d: %s does not bind %q (binds %v, ast %v)", file, st.Start, st.Kind, b, st.Binds, wantBinds)
			}
		}
		if len(extra) > 0 {
			s.extra++
			s.extras = append(s.extras, fmt.Sprintf("%s:%d %v", file, st.Start, extra))
		}
	}
	s.stmts += len(got)
}

func (s *stmtTally) report(t *testing.T) {
	t.Helper()
	t.Logf("%d statements identical to CPython's ast; %d bind more names than it: %v", s.stmts, s.extra, s.extras)
	if s.stmts < 1000 {
		t.Errorf("only %d statements compared", s.stmts)
	}
}

func renderStmts(sts []Stmt) []string {
	var out []string
	for _, st := range sts {
		out = append(out, fmt.Sprintf("%s %d/%d %s %s %s", st.Scope, st.Start, st.End, st.Kind, pyBool(st.Pure), strings.Join(st.Binds, ",")))
	}
	return out
}
