package pysrc

import (
	"reflect"
	"testing"
)

func TestImports(t *testing.T) {
	src := `import os, sys as system
import a.b.c
from . import x
from ..pkg.mod import (a, b as c,
    d)
from ...up import *
from __future__ import annotations
if TYPE_CHECKING: from typing import Any
x = 1; import json
try:
    import ujson as json
except ImportError:
    pass

def f():
    import lazy.mod
    def g():
        from .inner import h

class C:
    import in_class
    def m(self): from q import r

def yields():
    yield from gen()
    raise E from err
`
	want := []Import{
		{Module: "os", Line: 1}, {Module: "sys", Line: 1}, {Module: "a.b.c", Line: 2},
		{Names: []string{"x"}, Level: 1, Line: 3},
		{Module: "pkg.mod", Names: []string{"a", "b", "d"}, Level: 2, Line: 4},
		{Names: []string{"*"}, Module: "up", Level: 3, Line: 6},
		{Module: "__future__", Names: []string{"annotations"}, Line: 7},
		{Module: "typing", Names: []string{"Any"}, Line: 8},
		{Module: "json", Line: 9}, {Module: "ujson", Line: 11},
		{Module: "lazy.mod", Line: 16, InFunction: true},
		{Module: "inner", Names: []string{"h"}, Level: 1, Line: 18, InFunction: true},
		{Module: "in_class", Line: 21},
		{Module: "q", Names: []string{"r"}, Line: 22, InFunction: true},
	}
	m := mustParse(t, src)
	if !reflect.DeepEqual(m.Imports, want) {
		for i := range max(len(want), len(m.Imports)) {
			var g, w Import
			if i < len(m.Imports) {
				g = m.Imports[i]
			}
			if i < len(want) {
				w = want[i]
			}
			if !reflect.DeepEqual(g, w) {
				t.Errorf("import %d: got %+v, want %+v", i, g, w)
			}
		}
	}
}

func TestFixtures(t *testing.T) {
	src := `import pytest
from pytest import fixture

@pytest.fixture
def plain(): pass

@pytest.fixture()
def called(): pass

@pytest.fixture(scope="session", autouse=True)
def session_auto(): pass

@fixture(scope='module', name="renamed")
def original(): pass

@pytest.fixture(scope=pick_scope, autouse=flag)
def dynamic(): pass

@pytest_asyncio.fixture(autouse=False)
async def asyncfx(): pass

class TestX:
    @pytest.fixture(
        scope="class",
    )
    def method_fx(self): pass

@pytest.mark.usefixtures("plain")
def test_it(): pass
`
	want := []Fixture{
		{Name: "plain", Scope: "function", Unit: 0},
		{Name: "called", Scope: "function", Unit: 1},
		{Name: "session_auto", Scope: "session", Autouse: true, Unit: 2},
		{Name: "renamed", Scope: "module", Unit: 3},
		{Name: "dynamic", Scope: "dynamic", Autouse: true, Unit: 4},
		{Name: "asyncfx", Scope: "function", Unit: 5},
		{Name: "method_fx", Scope: "class", Unit: 7},
	}
	if got := mustParse(t, src).Fixtures; !reflect.DeepEqual(got, want) {
		t.Errorf("got  %+v\nwant %+v", got, want)
	}
}

func TestModuleFacts(t *testing.T) {
	cases := []struct {
		name, src     string
		plugins       []string
		stateful, dyn bool
	}{
		{"plain", "import os\ndef f(): return os.sep\n", nil, false, false},
		{"plugins list", "pytest_plugins = [\"a.b\", 'c']\n", []string{"a.b", "c"}, false, false},
		{"plugins string", "pytest_plugins = 'a'\n", []string{"a"}, false, false},
		{"plugins tuple", "pytest_plugins = ('a',)\nx = 'b'\n", []string{"a"}, false, false},
		{"plugins in function ignored", "def f():\n    pytest_plugins = ['a']\n", nil, false, false},
		{"global", "def f():\n    global X\n    X = 1\n", nil, true, false},
		{"lru_cache", "@functools.lru_cache(maxsize=None)\ndef f(): pass\n", nil, true, false},
		{"cache bare", "@cache\ndef f(): pass\n", nil, true, false},
		{"cached_property", "class C:\n    @cached_property\n    def p(self): pass\n", nil, true, false},
		{"not a cache", "@cachetools_like.cache_info\ndef f(): pass\n", nil, false, false},
		{"import_module", "import importlib\nm = importlib.import_module(name)\n", nil, false, true},
		{"__import__", "def f(n): return __import__(n)\n", nil, false, true},
		{"entry_points", "from importlib.metadata import entry_points\n", nil, false, true},
		{"runpy", "import runpy\n", nil, false, true},
		{"exec call", "exec(code)\n", nil, false, true},
		{"method named exec", "app.exec()\n", nil, false, false},
		{"exec in fstring", "x = f\"{__import__('os')}\"\n", nil, false, true},
		{"word in string", "s = 'import_module'\n", nil, false, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := mustParse(t, tc.src)
			if !reflect.DeepEqual(m.PytestPlugins, tc.plugins) || m.Stateful != tc.stateful || m.DynamicImport != tc.dyn {
				t.Errorf("got plugins %q stateful %v dynamic %v, want %q %v %v",
					m.PytestPlugins, m.Stateful, m.DynamicImport, tc.plugins, tc.stateful, tc.dyn)
			}
		})
	}
}

const refSrc = `import helper
X = helper.VALUE

@decorate(helper)
def a():
    return helper()

def b(x=helper):
    return obj.helper

class C:
    attr = helper
    def m(self):
        return f"{helper(1)}"
    def n(self):
        return self.helper

def helper2(): pass
def helper(): pass
`

func TestUnitAt(t *testing.T) {
	m := mustParse(t, refSrc)
	// units: 0 a (4-6), 1 b (8-9), 2 C (11-16), 3 C.m (13-14), 4 C.n (15-16), 5 helper2, 6 helper
	want := map[int]int{0: -1, 1: -1, 3: -1, 4: 0, 6: 0, 7: -1, 8: 1, 11: 2, 12: 2, 13: 3, 14: 3, 16: 4, 17: -1, 18: 5, 19: 6, 20: -1, 999: -1, -5: -1}
	for line, u := range want {
		if got := m.UnitAt(line); got != u {
			t.Errorf("UnitAt(%d) = %d, want %d", line, got, u)
		}
	}
}

func TestReferences(t *testing.T) {
	m := mustParse(t, refSrc)
	cases := []struct {
		name     string
		units    []int
		toplevel bool
	}{
		{"helper", []int{0, 1, 2, 3}, true}, // a: decorator+body, b: default, C: attr, C.m: f-string
		{"VALUE", nil, false},               // attribute only
		{"obj", []int{1}, false},
		{"helper2", nil, false}, // its own def is no reference
		{"self", []int{3, 4}, false},
		{"missing", nil, false},
	}
	for _, tc := range cases {
		units, top := m.References(tc.name)
		if !reflect.DeepEqual(units, tc.units) || top != tc.toplevel {
			t.Errorf("References(%q) = %v %v, want %v %v", tc.name, units, top, tc.units, tc.toplevel)
		}
	}
}

func TestUnquote(t *testing.T) {
	cases := []struct {
		lit, want string
		ok        bool
	}{
		{`"a.b"`, "a.b", true},
		{`'a'`, "a", true},
		{`"""a"""`, "a", true},
		{`r'a'`, "a", true},
		{`""`, "", true},
		{`f"a"`, "", false},
		{`"a\nb"`, "", false},
		{`x`, "", false},
	}
	for _, tc := range cases {
		got, ok := unquote(tc.lit)
		if got != tc.want || ok != tc.ok {
			t.Errorf("unquote(%s) = %q %v, want %q %v", tc.lit, got, ok, tc.want, tc.ok)
		}
	}
}
