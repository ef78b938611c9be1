package pysrc

import (
	"slices"
	"testing"
)

func TestCompareTypingOnly(t *testing.T) {
	const head = "import typing as t\nfrom typing import cast\n\n\ndef f(g, v):\n"
	for _, tt := range []struct {
		name, old, cur string
		casts          []string // nil: not typing-only
	}{
		{"a cast removed (jinja's optimizeconst)", "    return g(t.cast(F, v), f)\n", "    return g(v, f)  # type: ignore\n", []string{"t.cast"}},
		{"a bare cast removed, with a subscripted type", "    x = cast(t.Callable[..., int], v,)\n    return x\n", "    x = v\n    return x\n", []string{"cast"}},
		{"a cast added with a string type", "    return v\n", "    return cast(\"Thing\", v)\n", []string{"cast"}},
		{"a cast added with a name: the caller checks it is bound", "    return v\n", "    return cast(Thing, v)\n", []string{"cast"}},
		{"a cast removed whose type calls", "    return cast(make(), v)\n", "    return v\n", nil},
		{"another name's cast: the caller checks the spelling", "    return g.cast(F, v)\n", "    return v\n", []string{"g.cast"}},
		{"an expression's cast", "    return g().cast(F, v)\n", "    return v\n", nil},
		{"a local annotation changed", "    x: int = v\n    return x\n", "    x: \"list[str]\" = v\n    return x\n", []string{}},
		{"a local annotation added", "    x = v\n    return x\n", "    x: int = v\n    return x\n", []string{}},
		{"a bare annotation makes a name local", "    return v\n", "    v: int\n    return v\n", nil},
		{"an annotated global is a SyntaxError", "    global x\n    x = v\n", "    global x\n    x: int = v\n", nil},
		{"a class body's annotations run", "    class C:\n        x: int = 1\n    return C\n", "    class C:\n        x: str = 1\n    return C\n", nil},
		{"the value changed too", "    x: int = v\n    return x\n", "    x: int = v + 1\n    return x\n", nil},
		{"a keyword is no annotated name", "    if v:\n        pass\n    else: x = 1\n", "    if v:\n        pass\n    else: y = 1\n", nil},
		{"a docstring changed too", "    \"a\"\n    return t.cast(F, v)\n", "    \"b\"\n    return v\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d, err := Compare([]byte(head+tt.old), []byte(head+tt.cur))
			if err != nil {
				t.Fatal(err)
			}
			typing := slices.Contains(d.TypingOnly, "f")
			if !slices.Contains(d.ChangedBodies, "f") {
				t.Fatalf("ChangedBodies = %q, want f in it", d.ChangedBodies)
			}
			if tt.name == "a cast added with a name: the caller checks it is bound" && !slices.Equal(d.CastReads, []string{"Thing"}) {
				t.Errorf("CastReads = %q, want [Thing]", d.CastReads)
			}
			if typing != (tt.casts != nil) || typing && !slices.Equal(d.Casts, tt.casts) && len(tt.casts)+len(d.Casts) > 0 {
				t.Errorf("TypingOnly = %q, Casts = %q; want typing-only %v with casts %q", d.TypingOnly, d.Casts, tt.casts != nil, tt.casts)
			}
		})
	}
}
