package selector

import (
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectLazyAnnotationsUnread: under `from __future__ import
// annotations` a name that only annotations use, or an annotation itself,
// changes nothing a call or the import runs (structlog's `Context` alias,
// marshmallow's `typing_type` merge). That holds while nothing reads
// annotations: a project naming get_type_hints, a runtime type checker in
// the environment, or a map with no environment record keep the old rule,
// the tests that ran the functions.
func TestSelectLazyAnnotationsUnread(t *testing.T) {
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/types.py":    "Ctx = dict\n",
		"src/pkg/a.py":        "from __future__ import annotations\n\nfrom pkg.types import Ctx\n\n\ndef f(x: Ctx) -> Ctx:\n    return x\n\n\ndef g(x: int) -> int:\n    return x\n",
		"tests/test_a.py":     "from pkg.a import f, g\n\n\ndef test_f():\n    assert f({}) == {}\n\n\ndef test_g():\n    assert g(1) == 1\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/types.py":    {1: imp},
		"src/pkg/a.py":        {1: imp, 3: imp, 6: imp, 7: {"tests/test_a.py::test_f|run"}, 10: imp, 11: {"tests/test_a.py::test_g|run"}},
		"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_f|run"}, 8: imp, 9: {"tests/test_a.py::test_g|run"}},
	}
	rebind := func(c map[string]string) { c["src/pkg/types.py"] = "Ctx = list\n" }
	annotate := func(c map[string]string) {
		c["src/pkg/a.py"] = strings.Replace(c["src/pkg/a.py"], "def g(x: int) -> int:", "def g(x: int | None) -> int:", 1)
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	checker := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0", "typeguard": "4.4.0"}}
	reader := func(edit func(map[string]string)) func(map[string]string) {
		return func(c map[string]string) {
			edit(c)
			c["src/pkg/hints.py"] = "import typing\n\n\ndef hints(o):\n    return typing.get_type_hints(o)\n"
		}
	}
	withFile := func(path, text string, edit func(map[string]string)) func(map[string]string) {
		return func(c map[string]string) {
			edit(c)
			c[path] = text
		}
	}
	for _, tt := range []struct {
		name    string
		edit    func(map[string]string)
		changes []gitdiff.Change
		prov    *covmap.Provenance
		want    []string
		args    []string // pytest's command line
	}{
		{"a name only annotations use: nothing", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, env, nil, nil},
		{"an annotation: nothing", annotate, []gitdiff.Change{modified("src/pkg/a.py")}, env, nil, nil},
		{"a name, and the project reads hints", reader(rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, []string{"tests/test_a.py::test_f"}, nil},
		{"an annotation, and the project reads hints", reader(annotate), []gitdiff.Change{modified("src/pkg/a.py")}, env, []string{"tests/test_a.py::test_g"}, nil},
		{"a name, and a module imports typer", withFile("src/pkg/cli.py", "import typer\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, []string{"tests/test_a.py::test_f"}, nil},
		{"a name, and a variable is called typer: nothing", withFile("src/pkg/cli.py", "typer = None\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, nil, nil},
		{"a name, and a string loads typer", withFile("src/pkg/cli.py", "import importlib\n\ncli = importlib.import_module(\"typer\")\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, []string{"tests/test_a.py::test_f"}, nil},
		// rich's emoji table: `{"strawberry": "\U0001f353"}` loads no library
		{"a name, and a table's key is typer: nothing", withFile("src/pkg/names.py", "NAMES = {\"typer\": \"t\"}\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, nil, nil},
		{"a name, with typeguard installed and nothing turning it on: nothing", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, checker, nil, nil},
		{"a name, with typeguard's pytest plugin turned on", withFile("pytest.ini", "[pytest]\naddopts = --typeguard-packages=pkg\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, checker, []string{"tests/test_a.py::test_f"}, nil},
		{"a name, with typeguard turned on by the run's arguments", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, checker, []string{"tests/test_a.py::test_f"}, []string{"-x", "--typeguard-packages=pkg"}},
		{"a name, with other run arguments: nothing", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, checker, nil, []string{"-x"}},
		{"a name, and a test checks a value with typeguard", withFile("src/pkg/check.py", "from typeguard import check_type\n\n\ndef ok(v):\n    return check_type(v, int)\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, checker, []string{"tests/test_a.py::test_f"}, nil},
		{"a name, and the project's own check_type: nothing", withFile("src/pkg/check.py", "def check_type(v, t):\n    return isinstance(v, t)\n", rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, nil, nil},
		{"a name, and no environment recorded", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, nil, []string{"tests/test_a.py::test_f"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantArgs(t, selectOnArgs(t, files, cov, tt.edit, tt.changes, tt.prov, nil, tt.args), tt.want)
		})
	}
}

// TestSelectQuotedAnnotation: rich quotes its forward references
// (`segments: Iterable["Segment"]`) with no `from __future__ import
// annotations`. A quoted annotation is a string, as a lazy one: a new
// binding of the name it quotes reaches only code that evaluates it. An
// unquoted one is evaluated when the def runs.
func TestSelectQuotedAnnotation(t *testing.T) {
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/types.py":    "Ctx = dict\n",
		"src/pkg/a.py":        "from pkg.types import Ctx\n\n\ndef f(x: \"Ctx\") -> \"list[Ctx]\":\n    return [x]\n",
		"tests/test_a.py":     "from pkg.a import f\n\n\ndef test_f():\n    assert f({}) == [{}]\n",
	}
	imp, run := []string{""}, []string{"tests/test_a.py::test_f|run"}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/types.py":    {1: imp},
		"src/pkg/a.py":        {1: imp, 4: imp, 5: run},
		"tests/test_a.py":     {1: imp, 4: imp, 5: run},
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	rebind := func(c map[string]string) { c["src/pkg/types.py"] = "Ctx = list\n" }
	for _, tt := range []struct {
		name  string
		setup func(map[string]string)
		want  []string
	}{
		{"quoted: nothing", nil, nil},
		{"unquoted: what ran the def's function", func(c map[string]string) {
			c["src/pkg/a.py"] = strings.Replace(c["src/pkg/a.py"], `x: "Ctx"`, "x: Ctx", 1)
		}, []string{"tests/test_a.py::test_f"}},
		{"quoted, and the project reads hints", func(c map[string]string) {
			c["src/pkg/hints.py"] = "import typing\n\n\ndef hints(o):\n    return typing.get_type_hints(o)\n"
		}, []string{"tests/test_a.py::test_f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := withSetup(files, tt.setup)
			wantArgs(t, selectOn(t, old, cov, rebind, []gitdiff.Change{modified("src/pkg/types.py")}, env, nil), tt.want)
		})
	}
}

// TestSelectImportsRearranged: structlog's "Drop 3.9" moved Callable from
// `from typing import Any, Callable, cast` to collections.abc. Any and cast
// are the same objects as before; the project's own pkg/typing.py is not
// what `from typing import` loads; Callable, now another object, is only
// used in lazy annotations, a plain class's included. A dataclass reads
// its annotations, so its users still run.
func TestSelectImportsRearranged(t *testing.T) {
	mod := func(imports string) string {
		return "from __future__ import annotations\n\n" + imports + "\n\nX = cast(int, 1)\n\n\nclass Config:\n    factory: Callable[..., Any] = int\n\n\ndef f() -> Any:\n    return Config.factory(X)\n"
	}
	old := "from typing import Any, Callable, cast"
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/typing.py":   "Ctx = dict\n",
		"src/pkg/a.py":        mod(old),
		"tests/test_a.py":     "from pkg.a import f\n\n\ndef test_f():\n    assert f() == 1\n\n\ndef test_other():\n    assert True\n",
	}
	imp := []string{""}
	run := []string{"tests/test_a.py::test_f|run"}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/typing.py":   {1: imp},
		"src/pkg/a.py":        {1: imp, 3: imp, 5: imp, 8: imp, 9: imp, 12: imp, 13: run},
		"tests/test_a.py":     {1: imp, 4: imp, 5: run, 8: imp, 9: {"tests/test_a.py::test_other|run"}},
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	moved := func(c map[string]string) {
		c["src/pkg/a.py"] = mod("from collections.abc import Callable\nfrom typing import Any, cast")
	}
	wantArgs(t, selectOn(t, files, cov, moved, []gitdiff.Change{modified("src/pkg/a.py")}, env, nil), nil)
	dataclass := func(c map[string]string) {
		moved(c)
		c["src/pkg/a.py"] = strings.Replace(c["src/pkg/a.py"], "class Config:", "@dataclass\nclass Config:", 1)
	}
	files["src/pkg/a.py"] = strings.Replace(files["src/pkg/a.py"], "class Config:", "@dataclass\nclass Config:", 1)
	cov["src/pkg/a.py"] = map[int][]string{1: imp, 3: imp, 5: imp, 8: imp, 9: imp, 10: imp, 13: imp, 14: run}
	wantArgs(t, selectOn(t, files, cov, dataclass, []gitdiff.Change{modified("src/pkg/a.py")}, env, nil), []string{"tests/test_a.py::test_f"})
}

// TestSelectImportLoadedAnyway: structlog/twisted.py dropping `from
// .typing import EventDict` no longer imports structlog/typing.py itself,
// but structlog/__init__.py, which importing twisted runs first, still
// does: no module's import-time code stops running. A module nothing else
// loads first would.
func TestSelectImportLoadedAnyway(t *testing.T) {
	for _, tt := range []struct {
		name, init string
		want       []string
	}{
		{"the package imports it first", "from pkg.types import Ctx\n", nil},
		{"nothing else imports it", "", []string{"tests/test_a.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/pkg/__init__.py": tt.init,
				"src/pkg/types.py":    "Ctx = dict\n",
				"src/pkg/a.py":        "from __future__ import annotations\n\nfrom .types import Ctx\n\n\ndef f(x: Ctx) -> int:\n    return 1\n",
				"tests/test_a.py":     "from pkg.a import f\n\n\ndef test_f():\n    assert f({}) == 1\n",
			}
			imp := []string{""}
			run := []string{"tests/test_a.py::test_f|run"}
			cov := coverage{
				"src/pkg/__init__.py": {1: imp},
				"src/pkg/types.py":    {1: imp},
				"src/pkg/a.py":        {1: imp, 3: imp, 6: imp, 7: run},
				"tests/test_a.py":     {1: imp, 4: imp, 5: run},
			}
			if tt.init == "" {
				cov["src/pkg/__init__.py"] = map[int][]string{}
			}
			drop := func(c map[string]string) {
				c["src/pkg/a.py"] = strings.Replace(c["src/pkg/a.py"], "from .types import Ctx\n", "", 1)
			}
			env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
			wantArgs(t, selectOn(t, files, cov, drop, []gitdiff.Change{modified("src/pkg/a.py")}, env, nil), tt.want)
		})
	}
}

// TestSelectLocalAnnotation: a local variable's annotation is never
// evaluated, lazy annotations or not, readers or not (structlog's factory
// annotates `meths: dict[str, Callable[..., Any]] = {...}`); the value
// beside it is.
func TestSelectLocalAnnotation(t *testing.T) {
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/types.py":    "Ctx = dict\n",
		"src/pkg/a.py":        "import typing\n\nfrom pkg.types import Ctx\n\n\ndef f():\n    x: Ctx = {}\n    return typing.get_type_hints(f), x\n\n\ndef g():\n    return Ctx()\n",
		"tests/test_a.py":     "from pkg.a import f, g\n\n\ndef test_f():\n    assert f()\n\n\ndef test_g():\n    assert g() == {}\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/types.py":    {1: imp},
		"src/pkg/a.py":        {1: imp, 3: imp, 6: imp, 7: {"tests/test_a.py::test_f|run"}, 8: {"tests/test_a.py::test_f|run"}, 11: imp, 12: {"tests/test_a.py::test_g|run"}},
		"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_f|run"}, 8: imp, 9: {"tests/test_a.py::test_g|run"}},
	}
	rebind := func(c map[string]string) { c["src/pkg/types.py"] = "Ctx = list\n" }
	wantArgs(t, selectOn(t, files, cov, rebind, []gitdiff.Change{modified("src/pkg/types.py")}, nil, nil), []string{"tests/test_a.py::test_g"})
}

// TestSelectCastType: structlog's `_DEFAULT = cast(type[Context], dict)`
// binds dict whatever Context holds; a project's own cast may do anything.
func TestSelectCastType(t *testing.T) {
	for _, tt := range []struct {
		name, imports string
		want          []string
	}{
		{"typing's cast", "from typing import cast\n", nil},
		{"the project's cast", "from pkg.util import cast\n", []string{"tests/test_a.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"src/pkg/__init__.py": "",
				"src/pkg/util.py":     "def cast(t, v):\n    return v\n",
				"src/pkg/types.py":    "Ctx = dict\n",
				"src/pkg/a.py":        tt.imports + "\nfrom pkg.types import Ctx\n\nDEFAULT = cast(type[Ctx], dict)\n",
				"tests/test_a.py":     "from pkg.a import DEFAULT\n\n\ndef test_default():\n    assert DEFAULT is dict\n",
			}
			imp := []string{""}
			cov := coverage{
				"src/pkg/__init__.py": {},
				"src/pkg/util.py":     {1: imp, 2: imp},
				"src/pkg/types.py":    {1: imp},
				"src/pkg/a.py":        {1: imp, 3: imp, 5: imp},
				"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_default|run"}},
			}
			rebind := func(c map[string]string) { c["src/pkg/types.py"] = "Ctx = list\n" }
			wantArgs(t, selectOn(t, files, cov, rebind, []gitdiff.Change{modified("src/pkg/types.py")}, nil, nil), tt.want)
		})
	}
}

// TestSelectOwnTypeVar: marshmallow's schema.py dropped `_T =
// typing.TypeVar("_T")`; fields.py, which imports schema, binds its own,
// whose "_T" string names what it creates, no lookup of schema's.
func TestSelectOwnTypeVar(t *testing.T) {
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/schema.py":   "import typing\n\n_T = typing.TypeVar(\"_T\")\n\n\ndef load(x):\n    return x\n",
		"src/pkg/fields.py":   "import typing\n\nfrom pkg import schema\n\n_T = typing.TypeVar(\"_T\")\n\n\ndef field(x):\n    return schema.load(x)\n",
		"tests/test_a.py":     "from pkg.fields import field\n\n\ndef test_field():\n    assert field(1) == 1\n",
	}
	imp := []string{""}
	run := []string{"tests/test_a.py::test_field|run"}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/schema.py":   {1: imp, 3: imp, 6: imp, 7: run},
		"src/pkg/fields.py":   {1: imp, 3: imp, 5: imp, 8: imp, 9: run},
		"tests/test_a.py":     {1: imp, 4: imp, 5: run},
	}
	drop := func(c map[string]string) {
		c["src/pkg/schema.py"] = strings.Replace(c["src/pkg/schema.py"], "_T = typing.TypeVar(\"_T\")\n", "", 1)
	}
	wantArgs(t, selectOn(t, files, cov, drop, []gitdiff.Change{modified("src/pkg/schema.py")}, nil, nil), nil)
}

// TestSelectForwardReference: rich's console.py holds `HighlighterType =
// Callable[[Union[str, "Text"]], "Text"]`, forward references resolved in
// console.py's own namespace, and only by code that evaluates annotations.
// Another module's new Text changes nothing console.py runs; console.py's
// own does once the project calls get_type_hints.
func TestSelectForwardReference(t *testing.T) {
	live := "from m.text import Text\n\n\ndef render():\n    return Text('x')\n"
	console := "from typing import Callable, Union\nText = str\nHighlighter = Callable[[Union[str, \"Text\"]], \"Text\"]\n\n\ndef plain(x):\n    return x if Highlighter else None\n"
	files := map[string]string{
		"src/m/__init__.py":     "",
		"src/m/text.py":         "Text = str\n",
		"src/m/live.py":         live,
		"src/m/console.py":      console,
		"tests/test_live.py":    "from m.live import render\n\n\ndef test_render():\n    assert render() == 'x'\n",
		"tests/test_console.py": "from m.console import plain\n\n\ndef test_plain():\n    assert plain(1) == 1\n",
	}
	imp := []string{""}
	r, p := []string{"tests/test_live.py::test_render|run"}, []string{"tests/test_console.py::test_plain|run"}
	cov := coverage{
		"src/m/__init__.py":     {},
		"src/m/text.py":         {1: imp},
		"src/m/live.py":         {1: imp, 4: imp, 5: r},
		"src/m/console.py":      {1: imp, 2: imp, 3: imp, 6: imp, 7: p},
		"tests/test_live.py":    {1: imp, 4: imp, 5: r},
		"tests/test_console.py": {1: imp, 4: imp, 5: p},
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	liveText := func(c map[string]string) { c["src/m/text.py"] = "Text = bytes\n" }
	ownText := func(c map[string]string) {
		c["src/m/console.py"] = strings.Replace(console, "Text = str", "Text = bytes", 1)
	}
	hints := func(edit func(map[string]string)) func(map[string]string) {
		return func(c map[string]string) {
			edit(c)
			c["src/m/hints.py"] = "import typing\n\n\ndef hints(o):\n    return typing.get_type_hints(o)\n"
		}
	}
	for _, tt := range []struct {
		name    string
		edit    func(map[string]string)
		changed string
		want    []string
	}{
		{"another module's Text", liveText, "src/m/text.py", []string{"tests/test_live.py::test_render"}},
		{"another module's Text, and the project reads hints", hints(liveText), "src/m/text.py", []string{"tests/test_live.py::test_render"}},
		{"its own Text: nothing", ownText, "src/m/console.py", nil},
		{"its own Text, and the project reads hints", hints(ownText), "src/m/console.py", []string{"tests/test_console.py::test_plain"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantArgs(t, selectOn(t, files, cov, tt.edit, []gitdiff.Change{modified(tt.changed)}, env, nil), tt.want)
		})
	}
}

// TestSelectClassAttributeAnnotated: rich typed its highlighters' class
// attributes (`highlights = [...]` -> `highlights: ClassVar[Sequence[str]]
// = [...]`, importing ClassVar and Sequence from typing): the same values,
// an annotation whose evaluation cannot fail, which nothing reads. An
// annotation that can fail at import (a name bound nowhere, a generic
// given too many arguments; a value reading an unbound name, which the
// old rule missed as well) or a class a decorator builds from its body
// (a dataclass reads its annotations) keeps the old rules.
func TestSelectClassAttributeAnnotated(t *testing.T) {
	hl := "import re\nfrom typing import List\n\n\nclass Highlighter:\n    base = \"\"\n    highlights = [re.compile(\"x\")]\n\n    def apply(self, text):\n        return [h.sub(self.base, text) for h in self.highlights]\n"
	files := map[string]string{
		"src/m/__init__.py":  "",
		"src/m/hl.py":        hl,
		"tests/test_hl.py":   "from m.hl import Highlighter\n\n\ndef test_apply():\n    assert Highlighter().apply(\"x\") == [\"\"]\n",
		"tests/test_kind.py": "from m import hl\n\n\ndef test_kind():\n    assert hl.re\n",
	}
	imp, a, k := []string{""}, []string{"tests/test_hl.py::test_apply|run"}, []string{"tests/test_kind.py::test_kind|run"}
	cov := coverage{
		"src/m/__init__.py":  {},
		"src/m/hl.py":        {1: imp, 2: imp, 5: imp, 6: imp, 7: imp, 9: imp, 10: a},
		"tests/test_hl.py":   {1: imp, 4: imp, 5: a},
		"tests/test_kind.py": {1: imp, 4: imp, 5: k},
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	typed := func(ann string) func(map[string]string) {
		return func(c map[string]string) {
			s := strings.Replace(hl, "from typing import List", "from typing import ClassVar, Sequence", 1)
			c["src/m/hl.py"] = strings.Replace(s, "    highlights = [", "    highlights: "+ann+" = [", 1)
		}
	}
	dataclass := func(c map[string]string) {
		typed("ClassVar[Sequence[re.Pattern]]")(c)
		c["src/m/hl.py"] = strings.Replace(c["src/m/hl.py"], "\nclass Highlighter:", "\n@dataclass\nclass Highlighter:", 1)
	}
	whole := []string{"tests/test_hl.py", "tests/test_kind.py"}
	for _, tt := range []struct {
		name string
		edit func(map[string]string)
		want []string
	}{
		{"a typing annotation: nothing", typed("ClassVar[Sequence[str]]"), nil},
		{"a module's attribute: import-time", typed("ClassVar[Sequence[re.Pattern]]"), whole},
		{"a name bound nowhere: import-time", typed("ClassVar[Sequence[Pattern]]"), whole},
		{"too many arguments: import-time", typed("ClassVar[Sequence[re.Pattern], int]"), whole},
		{"a value reading a name bound nowhere: import-time", func(c map[string]string) {
			c["src/m/hl.py"] = strings.Replace(hl, `base = ""`, `base = nowhere`, 1)
		}, whole},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantArgs(t, selectOn(t, files, cov, tt.edit, []gitdiff.Change{modified("src/m/hl.py")}, env, nil), tt.want)
		})
	}
	t.Run("a dataclass: what names the class", func(t *testing.T) {
		old := map[string]string{}
		for k, v := range files {
			old[k] = v
		}
		old["src/m/hl.py"] = strings.Replace(hl, "\nclass Highlighter:", "\n@dataclass\nclass Highlighter:", 1)
		sel := selectOn(t, old, cov, dataclass, []gitdiff.Change{modified("src/m/hl.py")}, env, nil)
		if !slices.Contains(sel.Args(), "tests/test_hl.py::test_apply") && !slices.Contains(sel.Args(), "tests/test_hl.py") && sel.Fallback == "" {
			t.Errorf("Args() = %v, want test_apply among them", sel.Args())
		}
	})
}
