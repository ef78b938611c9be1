package pysrc

import (
	"slices"
	"sort"
	"strings"
	"testing"
)

func fuzzSeeds(f *testing.F) {
	for _, tc := range tokenCases {
		f.Add([]byte(tc.src))
	}
	f.Add([]byte(baseSrc))
	f.Add([]byte(refSrc))
	f.Add([]byte(generateModule(1)))
	f.Add([]byte("@d\nasync def f(a=lambda: 1, *b, **c) -> X: pass\nclass C: x = 1\n"))
	f.Add([]byte("f'{x:{y!r}>{z}}' rf'\\{a}' f\"\\N{DASH}\" t'{x}'"))
}

// FuzzParse checks that Parse never panics and that what it returns is
// consistent: units are ordered and nested as documented, and a module is
// equal to itself.
func FuzzParse(f *testing.F) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		m, err := Parse(src)
		if err != nil {
			if _, terr := Tokenize(src); terr == nil && err.(*SyntaxError).Msg == "" {
				t.Fatalf("empty error message")
			}
			return
		}
		checkUnits(t, m)
		checkStmts(t, m)
		m.References("x")
		m.UnitAt(1)
		d, err := Compare(src, src)
		if err != nil || !d.Equal {
			t.Fatalf("a module differs from itself: %+v %v", d, err)
		}
	})
}

func checkUnits(t *testing.T, m *Module) {
	t.Helper()
	for i, u := range m.Units {
		if u.Start > u.DefLine || u.DefLine > u.BodyStart || u.BodyStart > u.End {
			t.Fatalf("unit %d %s: lines out of order: %+v", i, u.QualName, u)
		}
		if u.Parent >= i || u.Parent >= 0 && m.Units[u.Parent].Kind != KindClass {
			t.Fatalf("unit %d %s: bad parent %d", i, u.QualName, u.Parent)
		}
		if got := m.UnitAt(u.DefLine); got < i {
			t.Fatalf("UnitAt(%d) = %d, want unit %d or a member", u.DefLine, got, i)
		}
	}
}

// FuzzCompare checks that Compare never panics on any pair of inputs.
func FuzzCompare(f *testing.F) {
	f.Add([]byte(baseSrc), []byte(baseSrc+"\nx = 1\n"))
	f.Add([]byte("def f(): pass\n"), []byte("class f:\n    def g(self): pass\n"))
	f.Add([]byte("if a:\n    def f(): pass\n"), []byte("def f(): pass\n"))
	f.Add([]byte("X = 1; import a\nclass C: y = f'{z}'\n"), []byte("match x:\n    case [a]: b = 1\nclass C:\n    y = 2\n"))
	f.Add([]byte(occurSrc), []byte(strings.Replace(occurSrc, "attr = helper", "attr = helper()", 1)))
	f.Fuzz(func(t *testing.T, a, b []byte) {
		d, err := Compare(a, b)
		if err != nil {
			return
		}
		if d.Equal && (len(d.ChangedBodies)+len(d.ChangedHeaders)+len(d.Added)+len(d.Removed)+len(d.ChangedScopes)+len(d.Statements)) > 0 {
			t.Fatalf("equal modules with differences: %+v", d)
		}
		if len(d.ChangedScopes) == 0 && len(d.Statements) > 0 {
			t.Fatalf("statements changed in no changed scope: %+v", d)
		}
		for _, c := range d.Statements {
			if c.Old == nil && c.New == nil {
				t.Fatalf("a change with neither side")
			}
		}
	})
}

// checkStmts checks Stmts and Occurrences for consistency: lines in order,
// binds sorted and unique, and every occurrence placed where it says.
func checkStmts(t *testing.T, m *Module) {
	t.Helper()
	stmts := m.Stmts()
	for i, st := range stmts {
		if st.Start < 1 || st.Start > st.End || !sort.StringsAreSorted(st.Binds) || len(slices.Compact(slices.Clone(st.Binds))) != len(st.Binds) {
			t.Fatalf("statement %d: %+v", i, st)
		}
		if st.Pure && st.Kind == StmtOther && len(st.Binds) > 0 {
			t.Fatalf("statement %d: a pure other statement binds %v", i, st.Binds)
		}
	}
	n := 0
	for name := range m.Names() {
		if n++; n > 20 {
			break
		}
		for _, o := range m.Occurrences(name) {
			inStmt := o.Where == InStatement && o.Unit == -1 && o.Stmt >= 0 && o.Stmt < len(stmts)
			inUnit := o.Where != InStatement && o.Stmt == -1 && o.Unit >= 0 && o.Unit < len(m.Units)
			if !inStmt && !inUnit {
				t.Fatalf("%s: occurrence %+v", name, o)
			}
		}
	}
}
