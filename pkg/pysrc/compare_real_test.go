package pysrc

import (
	"os"
	"reflect"
	"testing"
)

// TestCompareRealEdits edits real modules one number at a time and checks
// that Compare blames exactly the function body, header or scope holding
// the number (as located by Parse's units, which TestUnitsMatchCPythonAST
// checks against CPython).
func TestCompareRealEdits(t *testing.T) {
	py := python312(t)
	edits := 0
	for _, f := range stdlibCorpus(t, py) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		toks, err1 := Tokenize(src)
		m, err2 := Parse(src)
		if err1 != nil || err2 != nil {
			continue // rejected by CPython too: TestTokenizeMatchesCPython says so
		}
		norm := []byte(newTokenizer(src, false).src)
		done := 0
		for _, tk := range toks {
			if tk.Type != Number || done == 25 {
				continue
			}
			want, ok := blame(m, tk.Line)
			if !ok {
				continue
			}
			off := lineOffset(norm, tk.Line) + tk.Col
			edited := append(append(append([]byte{}, norm[:off]...), "(1+"+tk.Text+")"...), norm[off+len(tk.Text):]...)
			got, err := Compare(norm, edited)
			if err != nil {
				t.Fatalf("%s:%d: %v", f, tk.Line, err)
			}
			if len(want.ChangedScopes) > 0 {
				checkEditedStmt(t, f, tk, got.Statements)
			}
			got.Statements = nil
			if !reflect.DeepEqual(*got, want) {
				t.Errorf("%s:%d: editing %s: got %+v, want %+v", f, tk.Line, tk.Text, *got, want)
			}
			done++
		}
		edits += done
	}
	t.Logf("%d edits blamed as expected", edits)
	if edits < 500 {
		t.Fatalf("only %d edits", edits)
	}
}

// blame says what an edit on line must change; ok is false where a line
// holds both a header and a body (a one-line def).
func blame(m *Module, line int) (Diff, bool) {
	u := m.UnitAt(line)
	if u < 0 {
		return Diff{ChangedScopes: []string{""}}, true
	}
	unit := m.Units[u]
	switch {
	case unit.BodyStart == unit.DefLine:
		return Diff{}, false
	case line < unit.BodyStart:
		return Diff{ChangedHeaders: []string{unit.QualName}}, true
	case unit.Kind == KindClass:
		return Diff{ChangedScopes: []string{unit.QualName}}, true
	}
	return Diff{ChangedBodies: []string{unit.QualName}}, true
}

func lineOffset(src []byte, line int) int {
	off := 0
	for l := 1; l < line; l++ {
		for src[off] != '\n' {
			off++
		}
		off++
	}
	return off
}

// checkEditedStmt checks that a number edited in module or class code
// changed exactly the statement holding it.
func checkEditedStmt(t *testing.T, file string, tk Token, got []StmtChange) {
	t.Helper()
	if len(got) != 1 || got[0].Old == nil || got[0].New == nil {
		t.Errorf("%s:%d: editing %s: want one edited statement, got %d changes", file, tk.Line, tk.Text, len(got))
		return
	}
	if o := got[0].Old; o.Start > tk.Line || o.End < tk.Line {
		t.Errorf("%s:%d: editing %s: the changed statement spans lines %d-%d", file, tk.Line, tk.Text, o.Start, o.End)
	}
}
