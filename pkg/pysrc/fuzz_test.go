package pysrc

import (
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
	f.Fuzz(func(t *testing.T, a, b []byte) {
		d, err := Compare(a, b)
		if err == nil && d.Equal && (len(d.ChangedBodies)+len(d.ChangedHeaders)+len(d.Added)+len(d.Removed)+len(d.ChangedScopes)) > 0 {
			t.Fatalf("equal modules with differences: %+v", d)
		}
	})
}
