package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectCachedDunderThroughItsClass: jinja's Template.__new__ is
// behind a module-level cache, so its change reaches what names it; its
// bare name `__new__` reached every `object.__new__` in the project and a
// metaclass's `__new__` run at import, so every test. A dunder is reached
// through its class: the tests naming Tpl run, test_frame (an unrelated
// `object.__new__` in a module that imports tpl) does not.
func TestSelectCachedDunderThroughItsClass(t *testing.T) {
	const tpl = "_cache = {}\n\n\nclass Tpl:\n    def __new__(cls, src):\n        return object.__new__(cls)\n\n    def __init__(self, src):\n        self.src = src\n\n\ndef get(src):\n    t = _cache.get(src)\n    if t is None:\n        _cache[src] = t = Tpl(src)\n    return t\n"
	old := map[string]string{
		"src/m/__init__.py":    "from m.tpl import Tpl, get\n",
		"src/m/tpl.py":         tpl,
		"src/m/frame.py":       "from m.tpl import get\n\n\nclass Frame:\n    def copy(self):\n        return object.__new__(self.__class__)\n",
		"tests/test_tpl.py":    "from m import Tpl, get\n\n\ndef test_get():\n    assert get(\"a\").src == \"a\"\n\n\ndef test_new():\n    assert Tpl(\"b\").src == \"b\"\n",
		"tests/test_frame.py":  "from m.frame import Frame\n\n\ndef test_copy():\n    assert Frame().copy()\n",
		"tests/test_direct.py": "from m.tpl import Tpl\n\n\ndef test_other():\n    assert Tpl.__name__ == \"Tpl\"\n",
	}
	imp, g, n, c, o := "", "tests/test_tpl.py::test_get|run", "tests/test_tpl.py::test_new|run", "tests/test_frame.py::test_copy|run", "tests/test_direct.py::test_other|run"
	cov := coverage{
		"src/m/__init__.py":    {1: {imp}},
		"src/m/tpl.py":         {1: {imp}, 4: {imp}, 5: {imp}, 6: {g}, 8: {imp}, 9: {g}, 12: {imp}, 13: {g}, 14: {g}, 15: {g}, 16: {g}},
		"src/m/frame.py":       {1: {imp}, 4: {imp}, 5: {imp}, 6: {c}},
		"tests/test_tpl.py":    {1: {imp}, 4: {imp}, 5: {g}, 8: {imp}, 9: {n}},
		"tests/test_frame.py":  {1: {imp}, 4: {imp}, 5: {c}},
		"tests/test_direct.py": {1: {imp}, 4: {imp}, 5: {o}},
	}
	edit := func(cur map[string]string) {
		cur["src/m/tpl.py"] = strings.Replace(tpl, "return object.__new__(cls)", "return super().__new__(cls)", 1)
	}
	sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/tpl.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_direct.py::test_other", "tests/test_tpl.py::test_get", "tests/test_tpl.py::test_new"})
}
