package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectNewTestMethod: pytest collects the test methods of any
// unittest.TestCase, whatever its name (cachetools' TTLCacheTest), and a
// mixin's through every TestCase inheriting it. A test method added to
// either is a new test the map has never seen: the old rule, which knew
// only `Test*` classes, selected nothing, and a new failing test was
// missed. A module-level test and a method of a `Test*` class keep their
// node ids.
func TestSelectNewTestMethod(t *testing.T) {
	mixin := "class CacheTestMixin:\n    def test_size(self):\n        self.assertEqual(1, 1)\n"
	ttl := "import unittest\n\nfrom tests.mixin import CacheTestMixin\n\n\nclass TTLCacheTest(unittest.TestCase, CacheTestMixin):\n    def test_ttl(self):\n        self.assertTrue(True)\n"
	files := map[string]string{
		"src/m/__init__.py":   "",
		"tests/__init__.py":   "",
		"tests/mixin.py":      mixin,
		"tests/test_ttl.py":   ttl,
		"tests/test_keys.py":  "import unittest\n\n\nclass KeysTest(unittest.TestCase):\n    def test_keys(self):\n        self.assertTrue(True)\n",
		"tests/test_plain.py": "class TestPlain:\n    def test_plain(self):\n        assert True\n",
	}
	imp := []string{""}
	cov := coverage{
		"tests/mixin.py":      {1: imp, 2: imp, 3: {"tests/test_ttl.py::TTLCacheTest::test_size|run"}},
		"tests/test_ttl.py":   {1: imp, 3: imp, 6: imp, 7: imp, 8: {"tests/test_ttl.py::TTLCacheTest::test_ttl|run"}},
		"tests/test_keys.py":  {1: imp, 4: imp, 5: imp, 6: {"tests/test_keys.py::KeysTest::test_keys|run"}},
		"tests/test_plain.py": {1: imp, 2: imp, 3: {"tests/test_plain.py::TestPlain::test_plain|run"}},
	}
	add := func(path, after, method string) func(map[string]string) {
		return func(c map[string]string) {
			c[path] = strings.Replace(c[path], after, after+"\n    def "+method+"(self):\n        self.fail()\n", 1)
		}
	}
	for _, tt := range []struct {
		name, path string
		edit       func(map[string]string)
		want       []string
	}{
		{"to a TestCase not named Test*", "tests/test_keys.py", add("tests/test_keys.py", "        self.assertTrue(True)\n", "test_new"), []string{"tests/test_keys.py"}},
		{"to a mixin: the files whose classes inherit it", "tests/mixin.py", add("tests/mixin.py", "        self.assertEqual(1, 1)\n", "test_new"), []string{"tests/test_ttl.py"}},
		{"to a Test* class: its node id", "tests/test_plain.py", add("tests/test_plain.py", "        assert True\n", "test_new"), []string{"tests/test_plain.py::TestPlain::test_new"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantArgs(t, selectOn(t, files, cov, tt.edit, []gitdiff.Change{modified(tt.path)}, nil, nil), tt.want)
		})
	}
}

// TestSelectNewTestUsingAChangedName: a new test that uses a changed name
// runs as the new test it is; the old rule selected its whole file (the
// map never ran it), which on tenacity's one big test module was 77% of
// the suite for a change two new tests and one old one can see.
func TestSelectNewTestUsingAChangedName(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py":  "",
		"src/m/a.py":         "LIMIT = 10\n",
		"tests/test_a.py":    "from m.a import LIMIT\n\n\nclass TestA:\n    def test_old(self):\n        assert LIMIT\n\n    def test_other(self):\n        assert True\n",
		"tests/test_more.py": "def test_more():\n    assert True\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py":  {},
		"src/m/a.py":         {1: imp},
		"tests/test_a.py":    {1: imp, 4: imp, 5: imp, 8: imp, 6: {"tests/test_a.py::TestA::test_old|run"}, 9: {"tests/test_a.py::TestA::test_other|run"}},
		"tests/test_more.py": {1: imp, 2: {"tests/test_more.py::test_more|run"}},
	}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = "LIMIT = 20\n"
		c["tests/test_a.py"] += "\n    def test_new(self):\n        assert LIMIT == 20\n"
	}
	want := []string{"tests/test_a.py::TestA::test_new", "tests/test_a.py::TestA::test_old"}
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py"), modified("tests/test_a.py")}, nil, nil), want)
}
