package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectCacheMadeByACall: jinja keeps its lexers in a module-level
// `_lexer_cache = LRUCache(50)`, a class of its own, filled by get_lexer.
// The map credits Lexer.__init__ to the first test that built a lexer
// only; a later test reuses it, so a change to __init__ reaches every test
// that ran get_lexer, not the one the map names.
func TestSelectCacheMadeByACall(t *testing.T) {
	const lex = "from m.util import LRUCache\n\n_cache: \"dict\" = LRUCache(2)\n\n\nclass Lexer:\n    def __init__(self, env):\n        self.newline = env\n\n\ndef get_lexer(env):\n    lexer = _cache.get(env)\n    if lexer is None:\n        _cache[env] = lexer = Lexer(env)\n    return lexer\n"
	old := map[string]string{
		"src/m/__init__.py": "",
		"src/m/util.py":     "class LRUCache(dict):\n    def __init__(self, size):\n        self.size = size\n",
		"src/m/lex.py":      lex,
		"tests/test_lex.py": "from m.lex import get_lexer\n\n\ndef test_a():\n    assert get_lexer(\"x\").newline == \"x\"\n\n\ndef test_b():\n    assert get_lexer(\"x\").newline == \"x\"\n",
	}
	imp, a, b := "", "tests/test_lex.py::test_a|run", "tests/test_lex.py::test_b|run"
	cov := coverage{
		"src/m/util.py":     {1: {imp}, 2: {imp}, 3: {imp}},
		"src/m/lex.py":      {1: {imp}, 3: {imp}, 6: {imp}, 7: {imp}, 8: {a}, 11: {imp}, 12: {a, b}, 13: {a, b}, 14: {a}, 15: {a, b}},
		"tests/test_lex.py": {1: {imp}, 4: {imp}, 5: {a}, 8: {imp}, 9: {b}},
	}
	edit := func(c map[string]string) {
		c["src/m/lex.py"] = strings.Replace(lex, "self.newline = env", "self.newline = env + \"!\"", 1)
	}
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/lex.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_lex.py::test_a", "tests/test_lex.py::test_b"})
}

// TestSelectKeptInstanceMethod: rich's get_console keeps one Console in a
// global. Building it runs Console.__init__ (and what __init__ calls) once,
// credited to the first test; its other methods run on each call, credited
// to every test that calls them. So a change to Console.print reaches the
// tests that ran print, not every test naming Console (the old rule counted
// any method of a class a stateful function builds); a change to the
// `_setup` that __init__ calls still reaches every test using the kept
// console (and, as every namer of a stateful unit, test_kind). A builtin `print(` called by stateful code is no call of a
// method named print.
func TestSelectKeptInstanceMethod(t *testing.T) {
	console := "class Console:\n    def __init__(self):\n        self._setup()\n\n    def _setup(self):\n        self.width = 80\n\n    def print(self, x):\n        return str(x)[: self.width]\n"
	old := map[string]string{
		"src/m/__init__.py":  "_console = None\n\n\ndef get_console():\n    global _console\n    if _console is None:\n        from m.console import Console\n        print('new')\n        _console = Console()\n    return _console\n",
		"src/m/console.py":   console,
		"tests/test_a.py":    "from m import get_console\n\n\ndef test_a():\n    assert get_console().print(1) == '1'\n\n\ndef test_b():\n    assert get_console().width == 80\n",
		"tests/test_kind.py": "from m.console import Console\n\n\ndef test_kind():\n    assert isinstance(Console, type)\n",
	}
	imp, a, b, k := "", "tests/test_a.py::test_a|run", "tests/test_a.py::test_b|run", "tests/test_kind.py::test_kind|run"
	cov := coverage{
		"src/m/__init__.py":  {1: {imp}, 4: {imp}, 5: {a, b}, 6: {a, b}, 7: {a}, 8: {a}, 9: {a}, 10: {a, b}},
		"src/m/console.py":   {1: {imp}, 2: {imp}, 3: {a}, 5: {imp}, 6: {a}, 8: {imp}, 9: {a}},
		"tests/test_a.py":    {1: {imp}, 4: {imp}, 5: {a}, 8: {imp}, 9: {b}},
		"tests/test_kind.py": {1: {imp}, 4: {imp}, 5: {k}},
	}
	for _, tt := range []struct {
		name, from, to string
		want           []string
	}{
		{"a method on the kept instance: the tests that ran it", "return str(x)[: self.width]", "return repr(x)[: self.width]", []string{"tests/test_a.py::test_a"}},
		{"what the constructor runs: every test using the kept instance", "self.width = 80", "self.width = 81", []string{"tests/test_a.py::test_a", "tests/test_a.py::test_b", "tests/test_kind.py::test_kind"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(c map[string]string) { c["src/m/console.py"] = strings.Replace(console, tt.from, tt.to, 1) }
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/console.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
