package selector

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// gitHunks is what `git diff -U0` reports between two versions of a file.
func gitHunks(t *testing.T, old, cur string) []gitdiff.Hunk {
	t.Helper()
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.py"), filepath.Join(dir, "b.py")
	if err := os.WriteFile(a, []byte(old), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(b, []byte(cur), 0o644); err != nil {
		t.Fatal(err)
	}
	out, _ := exec.Command("git", "diff", "--no-index", "--no-color", "-U0", a, b).Output()
	var hunks []gitdiff.Hunk
	re := regexp.MustCompile(`(?m)^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@`)
	for _, m := range re.FindAllStringSubmatch(string(out), -1) {
		n := func(s string) int {
			if s == "" {
				return 1
			}
			v, _ := strconv.Atoi(s)
			return v
		}
		hunks = append(hunks, gitdiff.Hunk{OldStart: n(m[1]), OldCount: n(m[2]), NewStart: n(m[3]), NewCount: n(m[4])})
	}
	if len(hunks) == 0 {
		t.Fatalf("git diff found no hunk: %s", out)
	}
	return hunks
}

// flow is a function whose tests take different paths through it.
const flow = `SCALE = 2


def f(x, y, fail=False):
    total = 0
    if x:
        total += 1
    elif y:
        total += 2
    else:
        total += 3
    try:
        total = total * SCALE
        if fail:
            raise ValueError(total)
    except ValueError:
        return -1
    for i in range(x):
        total += i
    return total


def g(x):
    base = x + 1

    def inner(d):
        return base + d

    return inner


def gen(n):
    for i in range(n):
        if i:
            yield i
    return None


async def co(x):
    if x:
        return 1
    return 0


class Lazy:
    def value(self, k):
        if self._v is None:
            self._v = k * 2
        out = []
        if k:
            out.append(k)
        return self._v, out
`

// flowCov: test_x takes the if (and the loop), test_y the elif, test_none
// the else, test_err the else and the except; test_closure only calls the
// closure g returned (to another test, or a session fixture); test_g ran g;
// test_gen2 reached the yield, test_gen1 not; test_co1 took the if;
// test_lazy2 found the value test_lazy1 memoized on a shared object.
func flowCov() coverage {
	imp := []string{""}
	run := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, "tests/test_flow.py::test_"+n+"|run")
		}
		return out
	}
	all := run("x", "y", "none", "err")
	return coverage{
		"src/m/__init__.py": {},
		"src/m/flow.py": {1: imp, 4: imp, 23: imp,
			5: all, 6: all, 7: run("x"), 8: run("y", "none", "err"), 9: run("y"), 11: run("none", "err"),
			12: all, 13: all, 14: all, 15: run("err"), 16: run("err"), 17: run("err"),
			18: run("x", "y", "none"), 19: run("x"), 20: run("x", "y", "none"),
			24: run("g"), 26: run("g"), 29: run("g"), 27: run("closure"),
			32: imp, 33: run("gen1", "gen2"), 34: run("gen1", "gen2"), 35: run("gen2"), 36: run("gen1", "gen2"),
			39: imp, 40: run("co1", "co2"), 41: run("co1"), 42: run("co2"),
			45: imp, 46: imp, 47: run("lazy1", "lazy2"), 48: run("lazy1"), 49: run("lazy1", "lazy2"), 50: run("lazy1", "lazy2"), 51: run("lazy1"), 52: run("lazy1", "lazy2")},
		"tests/test_flow.py": {1: imp},
	}
}

// TestSelectEditedLines: an edit of a function's body reaches the tests
// that ran the edited lines or the line every path to them passes; each
// row would select too little (a miss) under a wrong reading of Python's
// flow, and every row that widens to the whole function does so for a
// reason a test proves.
func TestSelectEditedLines(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py":  "",
		"src/m/flow.py":      flow,
		"tests/test_flow.py": "from m.flow import f, g\n",
	}
	id := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, "tests/test_flow.py::test_"+n)
		}
		return out
	}
	ran := id("err", "none", "x", "y")
	for _, tt := range []struct {
		name, from, to string
		want           []string
	}{
		{"the if's block", "        total += 1\n", "        total += 10\n", id("x")},
		{"the elif's block", "        total += 2\n", "        total += 20\n", id("y")},
		{"the else's block", "        total += 3\n", "        total += 30\n", id("err", "none")},
		{"a line added at the else's start: what ran the line it goes before", "    else:\n", "    else:\n        total -= 1\n", id("err", "none")},
		{"a line added at the else's end: what reached the last condition", "        total += 3\n", "        total += 3\n        total -= 1\n", id("err", "none")},
		{"a line added to the if's block", "        total += 1\n", "        total += 1\n        total -= 1\n", id("x")},
		{"the except's block", "        return -1\n", "        return -2\n", id("err")},
		{"inside the try: what entered it", "        total = total * SCALE\n", "        total = total * SCALE + 1\n", ran},
		{"a new elif before the else: what reached the if", "    else:\n        total += 3\n", "    elif x is None:\n        total += 5\n    else:\n        total += 3\n", ran},
		{"a line moved out of the loop: what reached the loop", "        total += i\n", "        total += i\n    total += 7\n", id("none", "x", "y")},
		{"a line before the loop: what reached the loop (not the except's return)", "    for i in range(x):\n", "    total += 0\n    for i in range(x):\n", id("none", "x", "y")},
		{"a line ending the try's block: what entered the try", "            raise ValueError(total)\n", "            raise ValueError(total)\n        total += 0\n", ran},
		{"the last line, with a function added after it in the same hunk", "    return total\n", "    return total + 0\n\n\ndef extra():\n    return 1\n", id("none", "x", "y")},
		{"the condition itself", "    if x:\n", "    if x > 1:\n", ran},
		{"the first statement: every test that ran it", "    total = 0\n", "    total = 1\n", ran},
		{"a new local name flips SCALE to UnboundLocalError for all", "        return -1\n", "        SCALE = 1\n        return -1\n", ran},
		{"a new local name only the edited lines read: the tests that ran them", "        total += 2\n", "        extra = 2\n        total += extra\n", id("y")},
		{"a new global statement changes every line's reading", "    total = 0\n    if x:\n", "    total = 0\n    if x:\n        global SCALE\n", ran},
		{"g: after the closure's def, and the closure's callers", "    return inner\n", "    return inner if x else None\n", id("closure", "g")},
		{"a generator's line: the tests that ran it (whichever test started the generator)", "            yield i\n", "            yield i + 1\n", id("gen2")},
		{"a coroutine's line too", "        return 1\n", "        return 2\n", id("co1")},
		{"a function turned generator: every test that ran it", "    for i in range(x):\n", "    yield 0\n    for i in range(x):\n", ran},
		{"a value memoized on an object: every test that ran the method", "            self._v = k * 2\n", "            self._v = k * 3\n", id("lazy1", "lazy2")},
		{"a local list: the tests that ran the line", "            out.append(k)\n", "            out.append(k + 1)\n", id("lazy1")},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(flow, tt.from) {
				t.Fatalf("%q is not in the module", tt.from)
			}
			cur := strings.Replace(flow, tt.from, tt.to, 1)
			edit := func(c map[string]string) { c["src/m/flow.py"] = cur }
			ch := modified("src/m/flow.py")
			ch.Hunks = gitHunks(t, flow, cur)
			wantArgs(t, selectOn(t, files, flowCov(), edit, []gitdiff.Change{ch}, nil, nil), tt.want)
		})
	}
}

// TestSelectUseLines: a function that uses a changed name is as it was;
// only a test that ran the statement naming it looks the name up. A
// statement storing on a shared object, or a function with global names,
// keeps every test that ran the function.
func TestSelectUseLines(t *testing.T) {
	b := `from m.a import LIMIT


def check(x):
    if x > 100:
        return LIMIT
    return x


class C:
    def get(self):
        if self._v is None:
            self._v = LIMIT * 2
        return self._v


def bump():
    global COUNT
    if COUNT:
        COUNT = LIMIT
    return COUNT
`
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "LIMIT = 10\n",
		"src/m/b.py":        b,
		"tests/test_b.py":   "from m import b\n",
	}
	imp := []string{""}
	run := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, "tests/test_b.py::test_"+n+"|run")
		}
		return out
	}
	cov := coverage{
		"src/m/__init__.py": {},
		"src/m/a.py":        {1: imp},
		"src/m/b.py": {1: imp, 4: imp, 10: imp, 11: imp, 17: imp,
			5: run("big", "small"), 6: run("big"), 7: run("small"),
			12: run("first", "later"), 13: run("first"), 14: run("first", "later"),
			19: run("bump0", "bump1"), 20: run("bump1"), 21: run("bump0", "bump1")},
		"tests/test_b.py": {1: imp},
	}
	edit := func(c map[string]string) { c["src/m/a.py"] = "LIMIT = 20\n" }
	ch := modified("src/m/a.py")
	ch.Hunks = gitHunks(t, files["src/m/a.py"], "LIMIT = 20\n")
	var want []string
	for _, n := range []string{"big", "bump0", "bump1", "first", "later"} {
		want = append(want, "tests/test_b.py::test_"+n)
	}
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), want)

	// the use on a line the change also edited: the edit rule's tests
	editB := strings.Replace(b, "        return LIMIT\n", "        return LIMIT + 1\n", 1)
	both := func(c map[string]string) {
		edit(c)
		c["src/m/b.py"] = editB
	}
	chB := modified("src/m/b.py")
	chB.Hunks = gitHunks(t, b, editB)
	wantArgs(t, selectOn(t, files, cov, both, []gitdiff.Change{ch, chB}, nil, nil), want)
}

// TestSelectSelfStores: a method's store on self reaches a later test only
// through an instance that outlives the test that made it. Where the
// class's __init__ ran only in test bodies (no import, no fixture setup),
// has no __new__ and no subclass, self is as local as a new list; an
// instance built at import (a module-level singleton) keeps the whole
// method.
func TestSelectSelfStores(t *testing.T) {
	box := "class Box:\n    def __init__(self):\n        self.items = []\n\n    def put(self, k):\n        if k:\n            self.items.append(k)\n        return len(self.items)\n"
	cur := strings.Replace(box, "self.items.append(k)", "self.items.append(k + 1)", 1)
	run := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, "tests/test_box.py::test_"+n+"|run")
		}
		return out
	}
	for _, tt := range []struct {
		name   string
		extra  string // more module code
		initAt []string
		want   []string
	}{
		{"instances made in test bodies: the tests that ran the store", "", run("empty", "full"), []string{"tests/test_box.py::test_full"}},
		{"an instance made at import: every test that ran the method", "\n\nSHARED = Box()\n", append(run("empty", "full"), ""), []string{"tests/test_box.py::test_empty", "tests/test_box.py::test_full"}},
		{"a subclass with its own __init__: every test that ran the method", "\n\nclass Crate(Box):\n    def __init__(self):\n        pass\n", run("empty", "full"), []string{"tests/test_box.py::test_empty", "tests/test_box.py::test_full"}},
		{"a subclass built through Box.__init__: the tests that ran the store", "\n\nclass Crate(Box):\n    pass\n", run("empty", "full"), []string{"tests/test_box.py::test_full"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/m/__init__.py": "",
				"src/m/box.py":      box + tt.extra,
				"tests/test_box.py": "from m.box import Box\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/m/__init__.py": {},
				"src/m/box.py":      {1: imp, 2: imp, 5: imp, 3: tt.initAt, 6: run("empty", "full"), 7: run("full"), 8: run("empty", "full")},
				"tests/test_box.py": {1: imp},
			}
			edit := func(c map[string]string) { c["src/m/box.py"] = cur + tt.extra }
			ch := modified("src/m/box.py")
			ch.Hunks = gitHunks(t, box+tt.extra, cur+tt.extra)
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), tt.want)
		})
	}
}

// TestSelectAliasedStateStore: a memo kept in module state through a
// local alias (`cache = _CACHE`), which the module-state scan does not see:
// a later test reads the value through the function's other lines, so the
// store keeps every test that ran the function; a store into a list the
// call made itself narrows.
func TestSelectAliasedStateStore(t *testing.T) {
	src := "_CACHE = {}\n\n\ndef cached(k):\n    cache = _CACHE\n    out = []\n    if k not in cache:\n        cache[k] = k * 2\n        out.append(k)\n    return cache[k], out\n"
	run := func(names ...string) []string {
		var out []string
		for _, n := range names {
			out = append(out, "tests/test_c.py::test_"+n+"|run")
		}
		return out
	}
	files := map[string]string{"src/m/__init__.py": "", "src/m/c.py": src, "tests/test_c.py": "from m.c import cached\n"}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py": {},
		"src/m/c.py":        {1: imp, 4: imp, 5: run("first", "later"), 6: run("first", "later"), 7: run("first", "later"), 8: run("first"), 9: run("first"), 10: run("first", "later")},
		"tests/test_c.py":   {1: imp},
	}
	for _, tt := range []struct {
		name, from, to string
		want           []string
	}{
		{"the store through the alias: every test that ran it", "cache[k] = k * 2", "cache[k] = k * 3", []string{"tests/test_c.py::test_first", "tests/test_c.py::test_later"}},
		{"the store into its own list: the tests that ran the line", "out.append(k)", "out.append(k + 1)", []string{"tests/test_c.py::test_first"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cur := strings.Replace(src, tt.from, tt.to, 1)
			ch := modified("src/m/c.py")
			ch.Hunks = gitHunks(t, src, cur)
			wantArgs(t, selectOn(t, files, cov, func(c map[string]string) { c["src/m/c.py"] = cur }, []gitdiff.Change{ch}, nil, nil), tt.want)
		})
	}
}
