package selector

import (
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectBareNamesStayHome: a module-level name of one module reaches
// another only through an import, an attribute or a string. Every module
// binding its own `log` (or `_T`) does not see another's change.
func TestSelectBareNamesStayHome(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "LEVEL = 1\n\n\ndef log():\n    return LEVEL\n",
		"src/m/b.py":        "import m.a\n\nLEVEL = 2\n\n\ndef own():\n    return LEVEL\n\n\ndef theirs():\n    return m.a.LEVEL\n",
		"src/m/c.py":        "from m.a import LEVEL\n\n\ndef same():\n    return LEVEL\n",
		"tests/test_m.py":   "from m import a, b, c\n\n\ndef test_own():\n    assert b.own() == 2\n\n\ndef test_theirs():\n    assert b.theirs() == 1\n\n\ndef test_same():\n    assert c.same() == 1\n\n\ndef test_log():\n    assert a.log() == 1\n",
	}
	r := func(n string) []string { return []string{"tests/test_m.py::" + n + "|run"} }
	imp := []string{""}
	cov := coverage{
		"src/m/a.py": {1: imp, 4: imp, 5: r("test_log")},
		"src/m/b.py": {1: imp, 3: imp, 6: imp, 7: r("test_own"), 10: imp, 11: r("test_theirs")},
		"src/m/c.py": {1: imp, 4: imp, 5: r("test_same")},
	}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], "LEVEL = 1", "LEVEL = 3", 1)
	}
	sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	want := []string{"tests/test_m.py::test_log", "tests/test_m.py::test_same", "tests/test_m.py::test_theirs"}
	wantArgs(t, sel, want)
}

// TestSelectClassAttrsReadThroughObjects: an attribute of a class that
// something builds from its body (here a metaclass, so no closed-class
// rule) is read bare only by that class's own body; elsewhere a bare name
// is a local, a parameter or another binding.
func TestSelectClassAttrsReadThroughObjects(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "class Meta(type):\n    pass\n\n\nclass Kind(metaclass=Meta):\n    name = \"integer\"\n    label = name\n\n\ndef describe(name):\n    return name\n\n\ndef kind_name(k):\n    return k.name\n",
		"tests/test_m.py":   "from m import a\n\n\ndef test_describe():\n    assert a.describe(\"x\") == \"x\"\n\n\ndef test_kind():\n    assert a.kind_name(a.Kind) == \"integer\"\n",
	}
	r := func(n string) []string { return []string{"tests/test_m.py::" + n + "|run"} }
	imp := []string{""}
	cov := coverage{"src/m/a.py": {1: imp, 2: imp, 5: imp, 6: imp, 7: imp, 10: imp, 11: r("test_describe"), 14: imp, 15: r("test_kind")}}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `name = "integer"`, `name = "int"`, 1)
	}
	sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	// label = name is the class body reading it bare: it rebinds
	// label, which nothing reads; Kind itself is followed (its metaclass).
	want := []string{"tests/test_m.py::test_kind"}
	wantArgs(t, sel, want)
}

// TestSelectDocstringRunsItsDoctest: a function's docstring is its
// doctest (--doctest-modules), which runs even when its examples never
// call the function, and what reads a __doc__ — not what reads another
// definition's by its name (g.__doc__).
func TestSelectDocstringRunsItsDoctest(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "X = 1\n",
		"src/m/a.py":        "def f():\n    \"\"\"Doc.\n\n    >>> 1 + 1\n    2\n    \"\"\"\n    return 1\n\n\ndef show():\n    return f.__doc__\n\n\ndef g():\n    \"\"\"G.\"\"\"\n\n\ndef show_g():\n    return g.__doc__\n",
		"tests/test_m.py":   "from m import a\n\n\ndef test_show():\n    assert a.show()\n\n\ndef test_other():\n    assert a.show_g()\n",
	}
	r := func(n string) []string { return []string{n + "|run"} }
	imp := []string{""}
	cov := coverage{"src/m/__init__.py": {1: append(r("src/m/a.py::m.a.f"), "")}, "src/m/a.py": {1: imp, 10: imp, 11: r("tests/test_m.py::test_show"), 14: imp, 18: imp, 19: r("tests/test_m.py::test_other")}}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], ">>> 1 + 1", ">>> 1 + 2", 1)
	}
	sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	want := []string{"src/m/a.py::m.a.f", "tests/test_m.py::test_show"}
	wantArgs(t, sel, want)
}

// wantArgs fails t unless sel narrowed to exactly want.
func wantArgs(t *testing.T, sel Selection, want []string) {
	t.Helper()
	if sel.Fallback != "" || !slices.Equal(sel.Args(), want) {
		t.Errorf("Args() = %q (fallback %q), want %q; notes: %v", sel.Args(), sel.Fallback, want, sel.Notes)
	}
}

// TestSelectDocstringThroughAnAlias: a module that binds another name to
// the function (alias = f) may read f's docstring through it.
func TestSelectDocstringThroughAnAlias(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "def f():\n    \"\"\"Doc.\"\"\"\n\n\nalias = f\n\n\ndef show():\n    return alias.__doc__\n",
		"tests/test_m.py":   "from m import a\n\n\ndef test_show():\n    assert a.show()\n",
	}
	cov := coverage{"src/m/a.py": {1: {""}, 5: {""}, 8: {""}, 9: {"tests/test_m.py::test_show|run"}}}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `"""Doc."""`, `"""Docs."""`, 1)
	}
	wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil), []string{"tests/test_m.py::test_show"})
}

// TestSelectClassAttrWithClassGetitemBase: a base's __class_getitem__ runs
// when code subscripts a class it names (Base[int]), so it leaves the
// class closed: a changed attribute reaches what names the class, not
// every `.name` read of every object.
func TestSelectClassAttrWithClassGetitemBase(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "class Base:\n    def __class_getitem__(cls, params):\n        return cls\n\n\nclass Kind(Base[int]):\n    name = \"integer\"\n\n\ndef other_name(o):\n    return o.name\n\n\ndef kind_name(k):\n    return k.name\n",
		"tests/test_m.py":   "from m import a\n\n\ndef test_other():\n    assert a.other_name(a)\n\n\ndef test_kind():\n    assert a.kind_name(a.Kind) == \"integer\"\n",
		"tests/test_n.py":   "from m import a\n\n\ndef test_n():\n    name = a\n    assert name\n",
		"tests/test_o.py":   "from m import a\n\n\ndef test_o():\n    name = a\n    assert name\n",
	}
	r := func(n string) []string { return []string{"tests/test_m.py::" + n + "|run"} }
	imp := []string{""}
	cov := coverage{"src/m/a.py": {1: imp, 2: imp, 3: imp, 6: imp, 7: imp, 10: imp, 11: r("test_other"), 14: imp, 15: r("test_kind")}}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `name = "integer"`, `name = "int"`, 1)
	}
	sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_m.py::test_kind"})
}

// TestSelectDocstringStoresReadNothing: code that runs at import and sets
// generated methods' docstrings (`method.__doc__ = ...`, as attrs does)
// reads no docstring, so a changed one does not reach it; an augmented
// `+=` reads the old one. A class's docstring too (rich's Column, whose
// repr.py sets `auto_rich_repr.__doc__`).
func TestSelectDocstringStoresReadNothing(t *testing.T) {
	fn, class := "def f():\n    \"\"\"Doc.\"\"\"\n    return 1\n", "class f:\n    \"\"\"Doc.\"\"\"\n    x = 1\n"
	for _, tt := range []struct {
		name, def, store string
		want             []string
	}{
		{"a plain store: nothing (running f reads no docstring)", fn, "    method.__doc__ = 'Generated.'\n", nil},
		{"an augmented store reads it: import-time", fn, "    method.__doc__ += 'Generated.'\n", []string{"tests/test_m.py"}},
		{"a class's, and a plain store: nothing", class, "    method.__doc__ = 'Generated.'\n", nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        tt.def + "\n\ndef make(method):\n" + tt.store + "    return method\n\n\ng = make(lambda: 2)\n",
				"tests/test_m.py":   "from m import a\n\n\ndef test_f():\n    assert a.f() == 1\n\n\ndef test_g():\n    assert a.g() == 2\n",
			}
			imp := []string{""}
			cov := coverage{"src/m/a.py": {1: imp, 3: {"tests/test_m.py::test_f|run"}, 6: imp, 7: imp, 8: imp, 11: append(imp, "tests/test_m.py::test_g|run")}}
			edit := func(c map[string]string) {
				c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `"""Doc."""`, `"""Other doc."""`, 1)
			}
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}

// TestSelectDocstringRunReadsNothing: running a function reads none of
// its docstring (prettytable's docstring edits of PrettyTable.__init__
// selected every test); where the project reads any object's docstring
// (inspect.getdoc, pydoc, help()), a test that ran the function may have
// handed it there.
func TestSelectDocstringRunReadsNothing(t *testing.T) {
	for _, tt := range []struct {
		name, reader string
		want         []string
	}{
		{"no reader: nothing", "def describe(obj):\n    return repr(obj)\n", nil},
		{"inspect.getdoc: the tests that ran it", "import inspect\n\n\ndef describe(obj):\n    return inspect.getdoc(obj)\n", []string{"tests/test_m.py::test_f"}},
		{"help(): the tests that ran it", "def describe(obj):\n    return help(obj)\n", []string{"tests/test_m.py::test_f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        "def f():\n    \"\"\"Doc.\"\"\"\n    return 1\n",
				"src/m/doc.py":      tt.reader,
				"tests/test_m.py":   "from m import a\n\n\ndef test_f():\n    assert a.f() == 1\n",
			}
			cov := coverage{"src/m/a.py": {1: {""}, 3: {"tests/test_m.py::test_f|run"}}, "src/m/doc.py": {1: {""}}}
			edit := func(c map[string]string) {
				c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `"""Doc."""`, `"""Other doc."""`, 1)
			}
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil), tt.want)
		})
	}
}

// TestSelectExportEntryIsTheModulesOwn: a string in a literal `__all__`
// names the module's own binding, as a bare name does: b (which sees a's
// names: importing m.kinds imports m, which imports a) re-exporting
// LEVEL from kinds does not read a's LEVEL, which a no longer imports
// (only level(), which still reads it, changes).
func TestSelectExportEntryIsTheModulesOwn(t *testing.T) {
	files := map[string]string{
		"src/m/__init__.py": "from m import a, b\n",
		"src/m/kinds.py":    "LEVEL = 1\nOTHER = 2\n",
		"src/m/a.py":        "from m.kinds import LEVEL, OTHER\n\n\ndef level():\n    return LEVEL + OTHER\n",
		"src/m/b.py":        "from m.kinds import LEVEL\n\n__all__ = (\n    \"LEVEL\",\n)\n",
		"tests/test_a.py":   "from m import a\n\n\ndef test_level():\n    assert a.level() == 1\n",
		"tests/test_b.py":   "from m import b\n\n\ndef test_b():\n    assert b.__all__\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/__init__.py": {1: imp},
		"src/m/kinds.py":    {1: imp, 2: imp},
		"src/m/a.py":        {1: imp, 4: imp, 5: {"tests/test_a.py::test_level|run"}},
		"src/m/b.py":        {1: imp, 3: imp},
	}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], "import LEVEL, OTHER", "import OTHER", 1)
	}
	sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_a.py::test_level"})

	// re-exporting a's own LEVEL: b's import of it now fails
	files["src/m/b.py"] = strings.Replace(files["src/m/b.py"], "from m.kinds", "from m.a", 1)
	sel = selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil)
	if !slices.Contains(sel.Args(), "tests/test_b.py") {
		t.Errorf("b re-exports a's LEVEL: Args() = %q, want tests/test_b.py in it", sel.Args())
	}
}

// TestSelectFindsClassesAsCode: code reaching classes without naming them
// (`__subclasses__`) opens every class, but only as code or a whole
// string, not inside a longer one (a template a sandbox test renders).
func TestSelectFindsClassesAsCode(t *testing.T) {
	for _, tt := range []struct {
		name, code string
		want       []string
	}{
		{"inside a template string", `    assert render("{{ x.__subclasses__() }}")`, []string{"tests/test_m.py::test_kind"}},
		{"as getattr's name", `    assert getattr(a.Kind, "__subclasses__")()`, []string{"tests/test_m.py::test_kind", "tests/test_m.py::test_other"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        "class Kind:\n    name = \"integer\"\n\n\ndef other_name(o):\n    return o.name\n\n\ndef kind_name(k):\n    return k.name\n",
				"tests/test_m.py":   "from m import a\n\n\ndef test_other():\n    assert a.other_name(a)\n\n\ndef test_kind():\n    assert a.kind_name(a.Kind) == \"integer\"\n",
				"tests/test_o.py":   "from m import a\n\n\ndef test_o():\n" + tt.code + "\n",
			}
			for _, f := range []string{"tests/test_p.py", "tests/test_q.py", "tests/test_r.py"} {
				files[f] = "from m import a\n\n\ndef test_it():\n    name = a\n    assert name\n" // name is common: a closed class is followed by its name
			}
			r := func(n string) []string { return []string{"tests/test_m.py::" + n + "|run"} }
			imp := []string{""}
			cov := coverage{"src/m/a.py": {1: imp, 2: imp, 5: imp, 6: r("test_other"), 9: imp, 10: r("test_kind")}}
			edit := func(c map[string]string) {
				c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `name = "integer"`, `name = "int"`, 1)
			}
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil), tt.want)
		})
	}
}

// TestSelectClassAttrWithCollectionsABCBase: flask's SessionMixin is a
// collections.abc.MutableMapping. ABCMeta reads a subclass's attributes
// only for abstract methods, met where code makes an instance, so such a
// class stays closed as one based on ABC does; a base of that name from
// elsewhere may do anything with the attributes.
func TestSelectClassAttrWithCollectionsABCBase(t *testing.T) {
	for _, tt := range []struct {
		name, imp string
		want      []string
	}{
		{"collections.abc's", "from collections.abc import MutableMapping", []string{"tests/test_m.py::test_kind"}},
		{"typing's alias", "from typing import MutableMapping", []string{"tests/test_m.py::test_kind"}},
		{"another library's class of that name", "from orm import MutableMapping", []string{"tests/test_m.py::test_kind", "tests/test_m.py::test_other"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/m/__init__.py": "",
				"src/m/a.py":        tt.imp + "\n\n\nclass Kind(MutableMapping[str, int]):\n    name = \"integer\"\n\n\ndef other_name(o):\n    return o.name\n\n\ndef kind_name(k):\n    return k.name\n",
				"tests/test_m.py":   "from m import a\n\n\ndef test_other():\n    assert a.other_name(a)\n\n\ndef test_kind():\n    assert a.kind_name(a.Kind) == \"integer\"\n",
				"tests/test_n.py":   "from m import a\n\n\ndef test_n():\n    name = a\n    assert name\n",
				"tests/test_o.py":   "from m import a\n\n\ndef test_o():\n    name = a\n    assert name\n",
			}
			r := func(n string) []string { return []string{"tests/test_m.py::" + n + "|run"} }
			imp := []string{""}
			cov := coverage{"src/m/a.py": {1: imp, 4: imp, 5: imp, 8: imp, 9: r("test_other"), 12: imp, 13: r("test_kind")}}
			edit := func(c map[string]string) {
				c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], `name = "integer"`, `name = "int"`, 1)
			}
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, nil, nil), tt.want)
		})
	}
}
