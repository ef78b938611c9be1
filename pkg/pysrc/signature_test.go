package pysrc

import "testing"

func TestCleanSignature(t *testing.T) {
	for _, tt := range []struct {
		src        string
		lazy, want bool
	}{
		{"def f(x, y=1, *a, z=(1, 2), **k):\n    pass\n", false, true},
		{"def f(x=g()):\n    pass\n", false, false},
		{"def f(x=[i for i in range(3)]):\n    pass\n", true, true}, // range is a pure callable
		{"def f(x=a.b[0]):\n    pass\n", false, true},
		{"def f(x: Annotated[int, check()]):\n    pass\n", false, false},
		{"def f(x: Annotated[int, check()]):\n    pass\n", true, true}, // a string under lazy annotations
		{"def f() -> make():\n    pass\n", true, true},
		{"def f(x: int = make()) -> int:\n    pass\n", true, false}, // the default still runs
		{"async def f(x=1):\n    pass\n", false, true},
		{"class C:\n    pass\n", false, true},
		{"class C(Base, t.Generic[V]):\n    pass\n", false, true},
		{"class C(make_base()):\n    pass\n", false, false},
		{"def f(x=f'{g()}'):\n    pass\n", false, false},
	} {
		m, err := Parse([]byte(tt.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.CleanSignature(0, tt.lazy); got != tt.want {
			t.Errorf("%q lazy=%v: CleanSignature = %v, want %v", tt.src, tt.lazy, got, tt.want)
		}
	}
}
