package pysrc

import (
	"fmt"
	"testing"
)

// TestAnnotationOnly: rich typed its highlighters' class attributes
// (`highlights = [...]` -> `highlights: ClassVar[Sequence[str]] = [...]`):
// the same value, only the annotation differs. A changed value, a bare
// annotation, a call in the annotation, or a generic given the wrong
// number of arguments is no such pair.
func TestAnnotationOnly(t *testing.T) {
	for _, tt := range []struct{ old, cur, want string }{
		{"x = [f(1)]\n", "x: ClassVar[Sequence[str]] = [f(1)]\n", "[{str false} {Sequence true} {ClassVar true}] true"},
		{"x: List[str] = []\n", "x: list[str] = []\n", "[{str false} {list true}] true"},
		{"x: int = 1\n", "x = 1\n", "[] true"},
		{"x: Callable[[int, \"T\"], None] = f\n", "x: t.Callable[..., int] = f\n", "[{int false} {t.Callable true}] true"},
		{"x = 1\n", "x: int = 2\n", "[] false"},
		{"x = 1\n", "x: int\n", "[] false"},
		{"x = 1\n", "x: make(int) = 1\n", "[] false"},
		{"x = 1\n", "x: ClassVar[int, str] = 1\n", "[] false"},
		{"x = 1\n", "x: Mine[int] = 1\n", "[] false"},
		{"x = 1\n", "x: int | None = 1\n", "[{int false} {None false}] true"},
		{"x = 1\n", "x: \"T\" | None = 1\n", "[] false"},
	} {
		a, b := mustParse(t, tt.old), mustParse(t, tt.cur)
		types, ok := AnnotationOnly(a, &a.Stmts()[0], b, &b.Stmts()[0])
		if types == nil {
			types = []AnnType{}
		}
		if got := fmt.Sprint(types, " ", ok); got != fmt.Sprint(tt.want) && got != tt.want {
			t.Errorf("%q -> %q: %s, want %s", tt.old, tt.cur, got, tt.want)
		}
	}
}
