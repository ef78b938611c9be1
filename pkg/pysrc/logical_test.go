package pysrc

import (
	"slices"
	"testing"
)

func TestLogicalStart(t *testing.T) {
	src := "def f(name):\n    if name == 'v':\n        return version(\n            'pkg')\n    x = 1; y = '''a\nb'''\n    return x\n"
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for line, want := range map[int]int{1: 1, 2: 2, 3: 3, 4: 3, 5: 5, 6: 5, 7: 7} {
		if got := m.LogicalStart(line); got != want {
			t.Errorf("LogicalStart(%d) = %d, want %d", line, got, want)
		}
	}
}

func TestGuard(t *testing.T) {
	src := "import typing\nif typing.TYPE_CHECKING:\n    from a import B\n    if x:\n        y = 1\n    else:\n        y = 2\nif TYPE_CHECKING:\n    import c\nelse:\n    c = None\nif f():\n    pass\nif DEBUG:\n    z = 1\n"
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, st := range m.Stmts() {
		got = append(got, st.Guard)
	}
	want := []string{"", "typing.TYPE_CHECKING", "", "", "DEBUG"}
	if len(got) != len(want) {
		t.Fatalf("statements: %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("statement %d: Guard = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestAnnotated(t *testing.T) {
	for src, want := range map[string]bool{
		"def f(a, b=1):\n    x: int = 1\n    return a\n": false, // a local annotation is never evaluated
		"def f(a: int):\n    return a\n":                 true,
		"def f(a) -> int:\n    return a\n":               true,
		"X: int = 1\n":                                   true,
		"class C:\n    y: str\n":                         true,
		"def f(a=lambda x: x):\n    return a\n":          true,
		"def f(a=[1, 2], *, b={'k': 1}):\n    pass\n":    false,
	} {
		m, err := Parse([]byte(src))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.Annotated(); got != want {
			t.Errorf("Annotated(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestAnnotationsOnly(t *testing.T) {
	old := "def f(a: int, b: dict[str, int] = {}, *c: str) -> dict[str, int]:\n    return {}\n\n\ndef g(x: int = 1):\n    return x\n\n\ndef h(x: int):\n    return x\n"
	cur := "def f(a: 'A | B', b: dict[str, int | None] = {}, *c: bytes) -> None:\n    return {}\n\n\ndef g(x: int = 2):\n    return x\n\n\ndef h(x: int, y: int):\n    return x\n"
	d, err := Compare([]byte(old), []byte(cur))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(d.AnnotationsOnly, []string{"f"}) || len(d.ChangedHeaders) != 3 {
		t.Errorf("AnnotationsOnly = %v of ChangedHeaders %v, want [f] of 3", d.AnnotationsOnly, d.ChangedHeaders)
	}
}
