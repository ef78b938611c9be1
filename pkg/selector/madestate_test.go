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
