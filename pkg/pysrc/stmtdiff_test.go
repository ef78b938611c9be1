package pysrc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// changeLine renders a StmtChange as "old -> new", each side as
// "scope:start-end kind binds" or "none".
func changeLine(c StmtChange) string {
	side := func(st *Stmt) string {
		if st == nil {
			return "none"
		}
		return fmt.Sprintf("%s:%d-%d %s %s", st.Scope, st.Start, st.End, st.Kind, strings.Join(st.Binds, ","))
	}
	return side(c.Old) + " -> " + side(c.New)
}

func TestCompareStatements(t *testing.T) {
	cases := []struct {
		name  string
		edits []string
		want  []string
	}{
		{"constant edited", []string{"CONST = 1", "CONST = 2"}, []string{":4-4 assign CONST -> :4-4 assign CONST"}},
		{"statement inserted in the middle", []string{"import os\n", "import os\nX = f()\n"}, []string{"none -> :3-3 assign X"}},
		{"statement removed", []string{"CONST = 1\n", ""}, []string{":4-4 assign CONST -> none"}},
		{"statements swapped", []string{"import os\n\nCONST = 1\n", "CONST = 1\n\nimport os\n"},
			[]string{":2-2 import os -> none", "none -> :4-4 import os"}},
		{"import added at the top", []string{"import os\n", "import sys\nimport os\n"}, []string{"none -> :2-2 import sys"}},
		{"docstring edited", []string{`"""Module doc."""`, `"""Other doc."""`}, []string{":1-1 docstring __doc__ -> :1-1 docstring __doc__"}},
		{"statement before the docstring", []string{`"""Module doc."""`, "X = 1\n\"\"\"Module doc.\"\"\""},
			[]string{":1-1 docstring __doc__ -> :1-1 assign X", "none -> :2-2 other "}},
		{"class attribute", []string{"attr = 1", "attr = 2"}, []string{"C:22-22 assign attr -> C:22-22 assign attr"}},
		{"class docstring", []string{`"""Class doc."""`, `"""Other."""`}, []string{"C:21-21 docstring __doc__ -> C:21-21 docstring __doc__"}},
		{"two scopes", []string{"CONST = 1", "CONST = 3", "attr = 1", "attr = 0"},
			[]string{":4-4 assign CONST -> :4-4 assign CONST", "C:22-22 assign attr -> C:22-22 assign attr"}},
		{"conditional def moved out of its if", []string{"if TYPE_CHECKING:\n    def typed() -> int: ...\n", "if TYPE_CHECKING:\n    pass\ndef typed() -> int: ...\n"},
			[]string{":36-37 other typed -> :36-37 other "}},
		{"semicolon split over lines", []string{"CONST = 1\n", "CONST = 1; B = 2\n"}, []string{"none -> :4-4 assign B"}},
		{"layout between statements only", []string{"import os\n\nCONST = 1\n", "import os; CONST = 1\n"}, nil},
		{"statement edited among equal ones", []string{"CONST = 1\n", "A = 0\nCONST = 1\nA = 0\nA = 1\nCONST = 1\n"},
			[]string{"none -> :4-4 assign A", "none -> :5-5 assign CONST", "none -> :6-6 assign A", "none -> :7-7 assign A"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := Compare([]byte(baseSrc), []byte(edit(t, tc.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, c := range d.Statements {
				got = append(got, changeLine(c))
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("got\n  %s\nwant\n  %s\n(diff %+v)", strings.Join(got, "\n  "), strings.Join(tc.want, "\n  "), *d)
			}
			if len(d.ChangedScopes) == 0 && len(d.Statements) > 0 {
				t.Errorf("statements changed in no changed scope")
			}
		})
	}
}

func TestCompareStatementsUnchangedScopes(t *testing.T) {
	d, err := Compare([]byte(baseSrc), []byte(edit(t, "x = a + b", "x = a - b")))
	if err != nil {
		t.Fatal(err)
	}
	if d.Statements != nil {
		t.Errorf("a body edit changed statements: %v", d.Statements)
	}
}

// TestAlignLarge checks the fallback beyond the alignment table's bound:
// statements compared in place when both sides have as many, else every
// statement between the common head and tail counted as changed.
func TestAlignLarge(t *testing.T) {
	var body strings.Builder
	n := 2100 // 2100² > maxAlign
	for i := range n {
		fmt.Fprintf(&body, "V%d = %d\n", i, i)
	}
	old := "FIRST = 1\n" + body.String() + "LAST = 1\n"
	cases := []struct {
		name, new string
		changes   int
	}{
		{"same count", "FIRST = 2\n" + body.String() + "LAST = 2\n", 2},
		{"one more", "FIRST = 2\n" + body.String() + "LAST = 2\nMORE = 1\n", n + 3},
	}
	for _, tc := range cases {
		d, err := Compare([]byte(old), []byte(tc.new))
		if err != nil {
			t.Fatal(err)
		}
		if len(d.Statements) != tc.changes {
			t.Errorf("%s: got %d changes, want %d", tc.name, len(d.Statements), tc.changes)
		}
		for _, c := range d.Statements[:2] {
			if c.Old == nil || c.New == nil || c.Old.Start != c.New.Start {
				t.Errorf("%s: got %s, want statements paired in place", tc.name, changeLine(c))
			}
		}
	}
}
