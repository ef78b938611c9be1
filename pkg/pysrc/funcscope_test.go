package pysrc

import (
	"slices"
	"testing"
)

func TestFunctionScope(t *testing.T) {
	src := `def f(a, b=1):
    x = 1
    for i, (j, k) in enumerate(a):
        with open(j) as fh, g() as (p, q):
            pass
    try:
        import os.path
        from m import n as nn
    except E as err:
        del x
    if (w := a):
        global G
        nonlocal H
    [z for z in a if (y := z)]

    def inner(c=(d := 2)):
        e = 3
        yield e

    class K:
        attr = 1
    async def co():
        await a
    return lambda v: v


def gen():
    yield 1


async def co():
    pass
`
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	binds, plain := m.FunctionScope(0)
	want := []string{"G", "H", "K", "co", "d", "err", "fh", "global:G", "i", "inner", "j", "k", "nn", "nonlocal:H", "os", "p", "q", "w", "x", "y"}
	if !slices.Equal(binds, want) || !plain {
		t.Errorf("FunctionScope(f) = %q, %v; want %q, true", binds, plain, want)
	}
	for _, name := range []string{"gen", "co"} {
		i := slices.IndexFunc(m.Units, func(u Unit) bool { return u.QualName == name })
		if _, plain := m.FunctionScope(i); plain {
			t.Errorf("FunctionScope(%s) is plain; a generator or coroutine runs lazily", name)
		}
	}
	lines, ok := m.Deferred(0)
	wantLines := [][2]int{{14, 14}, {16, 18}, {20, 21}, {22, 23}, {24, 24}}
	if !ok || !slices.Equal(lines, wantLines) {
		t.Errorf("Deferred(f) = %v, %v; want %v", lines, ok, wantLines)
	}
	m2, _ := Parse([]byte("def f():\n    g = lambda: (y := 1)\n"))
	if _, ok := m2.Deferred(0); ok {
		t.Error("Deferred: a walrus in a lambda must give up")
	}
}

func TestLogical(t *testing.T) {
	src := "def f(name):\n    if name == 'v':\n        return version(\n            'pkg')\n\n    # note\n    x = 1; y = '''a\nb'''\n    return x \\\n        + 1\n"
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	got := m.Logical()
	want := []int{0, 1, 2, 3, 3, 0, 0, 7, 7, 9, 9}
	if !slices.Equal(got, want) {
		t.Errorf("Logical() = %v, want %v", got, want)
	}
	for l := 1; l < len(want); l++ {
		if want[l] != 0 && m.LogicalStart(l) != want[l] {
			t.Errorf("LogicalStart(%d) = %d, Logical says %d", l, m.LogicalStart(l), want[l])
		}
	}
}

func TestStoresOutside(t *testing.T) {
	locals := map[string]bool{"out": true, "d": true, "x": true}
	for src, want := range map[string]bool{
		"x = 1":                      false,
		"x, y = 1, 2":                false,
		"[a, b] = f()":               false,
		"out.append(1)":              false,
		"d[k] = v":                   false,
		"d[k] += 1":                  false,
		"x = self.y + g(a=1)":        false,
		"print(self.items[0])":       false,
		"self.x = 1":                 true,
		"self.x += 1":                true,
		"a = self.x = 1":             true,
		"(self.a, b) = 1, 2":         true,
		"x, self.b = 1, 2":           true,
		"*self.rest, = v":            true,
		"CACHE[k] = v":               true,
		"param.items.append(1)":      true,
		"self._seen.add(k)":          true,
		"REGISTRY.update(k=v)":       true,
		"del self.x":                 true,
		"del d[k]":                   false,
		"setattr(obj, 'a', 1)":       true,
		"x = 1; self.y = 2":          true,
		"x = f(\n    self.y)":        false,
		"out.append(1); seen.add(1)": true,
	} {
		m, err := Parse([]byte("def f(self, param):\n    " + src + "\n"))
		if err != nil {
			t.Fatalf("%q: %v", src, err)
		}
		if got := m.StoresOutside(2, 3, locals); got != want {
			t.Errorf("StoresOutside(%q) = %v, want %v", src, got, want)
		}
	}
}

func TestNameLines(t *testing.T) {
	m, err := Parse([]byte("def f(x):\n    y = x.y\n    g(y=1)\n    return f\"{y}\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	if got := m.NameLines(0, "y"); !slices.Equal(got, []int{2, 3, 4}) {
		t.Errorf("NameLines(y) = %v, want [2 3 4] (the attribute .y is no variable; the keyword and the f-string field count)", got)
	}
}

func TestFreshLocals(t *testing.T) {
	src := `def f(self, items):
    out = []
    lines: list[str] = []
    bare: int
    seen = set()
    d = dict(items)
    n = 0
    alias = self._cache
    loop = []
    for loop in items:
        pass
    pair = (1, 2)
    built = [x for x in items]
    both = {}
    both = items
    if items: inline = []
    return out
`
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for name := range m.FreshLocals(0) {
		got = append(got, name)
	}
	slices.Sort(got)
	if want := []string{"built", "d", "lines", "n", "out", "seen"}; !slices.Equal(got, want) {
		t.Errorf("FreshLocals = %q, want %q (an alias, a loop target, a tuple in parentheses, a second binding and a one-line compound are no fresh objects)", got, want)
	}
}
