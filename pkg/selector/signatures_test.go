package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectSignatureReadWithoutACall: typer builds a command's --help from
// the signature of the function `@app.command()` registered at import; a
// test of the help never runs the body. A changed annotation, default or
// parameter of such a function reaches that test (the old rule took only
// the tests that ran the body: test_main), and so does a type alias its
// annotation names (`Name = Annotated[str, typer.Option(...)]`). Registered by name instead of a
// decorator, the name's readers run; with no reader of signatures in the
// project, a call is the only reader and the body's tests are enough.
// A changed signature, or a name it uses, reaches the tests that ran the
// project's own reading line (sigreaders.go): here test_help.
func TestSelectSignatureReadWithoutACall(t *testing.T) {
	reg := "import inspect\n\nREG = []\n\n\ndef command(f):\n    REG.append(f)\n    return f\n\n\ndef show():\n    return [inspect.signature(f) for f in REG]\n"
	app := "from cli.reg import command\n\n\n@command\ndef main(name: str = 'x'):\n    return name\n"
	files := map[string]string{
		"src/cli/__init__.py": "",
		"src/cli/reg.py":      reg,
		"src/cli/app.py":      app,
		"tests/test_app.py":   "from cli.app import main\nfrom cli.reg import show\n\n\ndef test_help():\n    assert show()\n\n\ndef test_main():\n    assert main() == 'x'\n",
	}
	imp := []string{""}
	help, run := []string{"tests/test_app.py::test_help|run"}, []string{"tests/test_app.py::test_main|run"}
	cov := coverage{
		"src/cli/__init__.py": {},
		"src/cli/reg.py":      {1: imp, 3: imp, 6: imp, 7: imp, 8: imp, 11: imp, 12: help},
		"src/cli/app.py":      {1: imp, 4: imp, 5: imp, 6: run},
		"tests/test_app.py":   {1: imp, 2: imp, 5: imp, 6: help, 9: imp, 10: run},
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	header := func(repl string, more func(map[string]string)) func(map[string]string) {
		return func(c map[string]string) {
			c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "def main(name: str = 'x'):", repl, 1)
			if more != nil {
				more(c)
			}
		}
	}
	byName := func(c map[string]string) {
		c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "@command\n", "", 1) + "\n\ncommand(main)\n"
	}
	noReader := func(c map[string]string) {
		c["src/cli/reg.py"] = strings.Replace(c["src/cli/reg.py"], "inspect.signature(f)", "f", 1)
	}
	ownSignature := func(c map[string]string) {
		noReader(c)
		c["src/cli/reg.py"] = strings.Replace(c["src/cli/reg.py"], "import inspect\n", "", 1) + "\n\ndef signature(node):\n    return node\n"
	}
	alias := func(c map[string]string) {
		c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "\n\n\n@command", "\nName = str\n\n@command", 1)
		c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "name: str", "name: Name", 1)
	}
	whole := []string{"tests/test_app.py"}
	both := []string{"tests/test_app.py::test_help", "tests/test_app.py::test_main"} // test_help ran the reader
	for _, tt := range []struct {
		name  string
		setup func(map[string]string)
		edit  func(map[string]string)
		want  []string
	}{
		{"an annotation of a registered function", nil, header("def main(name: int = 'x'):", nil), both},
		{"a default of a registered function", nil, header("def main(name: str = 'y'):", nil), both},
		{"a parameter added to a registered function", nil, header("def main(name: str = 'x', v: bool = False):", nil), both},
		{"a lazy annotation of a registered function", lazy, header("def main(name: int = 'x'):", nil), both},
		{"an annotation of a function registered by name", byName, header("def main(name: int = 'x'):", nil), whole},
		{"a type alias a registered function's annotation uses", alias, func(c map[string]string) {
			c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "Name = str", "Name = int", 1)
		}, both},
		{"an annotation, and nothing reads signatures", noReader, header("def main(name: int = 'x'):", nil), []string{"tests/test_app.py::test_main"}},
		{"an annotation, and the project's own signature function", ownSignature, header("def main(name: int = 'x'):", nil), []string{"tests/test_app.py::test_main"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := withSetup(files, tt.setup)
			wantArgs(t, selectOn(t, old, cov, tt.edit, []gitdiff.Change{modified("src/cli/app.py")}, env, nil), tt.want)
		})
	}
}

// lazy adds `from __future__ import annotations` to app.py, on its
// first blank line: the map's line numbers stay.
func lazy(c map[string]string) {
	c["src/cli/app.py"] = "from __future__ import annotations\n" + strings.Replace(c["src/cli/app.py"], "\n\n", "\n", 1)
}

// TestSelectSignatureReadersLocalized: where the project's own code reads
// signatures only in function bodies that tests ran (rich's inspect()),
// a name a signature uses reaches the tests that ran those lines, besides
// the function's own. A reader the map saw run at import, or one imported
// under another name (its uses are not found by the word), keeps the old
// rule: the registering decorator's module is import-time code.
func TestSelectSignatureReadersLocalized(t *testing.T) {
	reg := "import inspect\n\nREG = []\n\n\ndef command(f):\n    REG.append(f)\n    return f\n\n\ndef show():\n    return [inspect.signature(f) for f in REG]\n"
	files := map[string]string{
		"src/cli/__init__.py": "",
		"src/cli/reg.py":      reg,
		"src/cli/app.py":      "from cli.reg import command\n\nName = str\n\n@command\ndef main(name: Name = 'x'):\n    return name\n",
		"tests/test_app.py":   "from cli.app import main\nfrom cli.reg import show\n\n\ndef test_help():\n    assert show()\n\n\ndef test_main():\n    assert main() == 'x'\n",
	}
	imp := []string{""}
	help, run := []string{"tests/test_app.py::test_help|run"}, []string{"tests/test_app.py::test_main|run"}
	cov := func(reader []string) coverage {
		return coverage{
			"src/cli/__init__.py": {},
			"src/cli/reg.py":      {1: imp, 3: imp, 6: imp, 7: imp, 8: imp, 11: imp, 12: reader},
			"src/cli/app.py":      {1: imp, 3: imp, 5: imp, 6: imp, 7: run},
			"tests/test_app.py":   {1: imp, 2: imp, 5: imp, 6: help, 9: imp, 10: run},
		}
	}
	env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
	edit := func(c map[string]string) {
		c["src/cli/app.py"] = strings.Replace(c["src/cli/app.py"], "Name = str", "Name = int", 1)
	}
	aliased := func(c map[string]string) {
		c["src/cli/reg.py"] = strings.Replace(strings.Replace(reg, "import inspect", "from inspect import signature as sig", 1), "inspect.signature(f)", "sig(f)", 1)
	}
	hints := func(c map[string]string) {
		c["src/cli/reg.py"] = strings.Replace(strings.Replace(reg, "import inspect", "import typing", 1), "inspect.signature(f)", "typing.get_type_hints(f)", 1)
	}
	library := func(c map[string]string) { c["src/cli/typed.py"] = "import typer\n" }
	// tenacity's tests check values with typeguard's check_type, which
	// reads the annotations only of the type it is handed
	typeguard := func(imports, call string) func(map[string]string) {
		return func(c map[string]string) {
			c["src/cli/reg.py"] = strings.Replace(strings.Replace(reg, "import inspect", imports, 1), "inspect.signature(f)", call+"(f, object)", 1)
		}
	}
	checkType := typeguard("from typeguard import check_type", "check_type")
	turnedOn := func(c map[string]string) {
		checkType(c)
		c["pyproject.toml"] = "[tool.pytest.ini_options]\naddopts = \"--typeguard-packages=cli\"\n"
	}
	checker := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0", "typeguard": "4.4.0"}}
	both := []string{"tests/test_app.py::test_help", "tests/test_app.py::test_main"}
	for _, tt := range []struct {
		name   string
		setup  func(map[string]string)
		reader []string
		want   []string
		prov   *covmap.Provenance
	}{
		{"typeguard installed, its check_type called in a test", checkType, help, both, checker},
		{"typeguard's pytest plugin turned on", turnedOn, help, []string{"tests/test_app.py"}, checker},
		{"typeguard's typechecked imported", typeguard("from typeguard import check_type, typechecked", "check_type"), help, []string{"tests/test_app.py"}, checker},
		{"typeguard imported whole", typeguard("import typeguard", "typeguard.check_type"), help, []string{"tests/test_app.py"}, checker},
		{"a type-checking pytest plugin installed", nil, help, []string{"tests/test_app.py"},
			&covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0", "pytest-mypy-plugins": "3.1"}}},
		{"read in a test", nil, help, both, nil},
		{"read at import too", nil, append([]string{""}, help...), []string{"tests/test_app.py"}, nil},
		{"read under another name", aliased, help, []string{"tests/test_app.py"}, nil},
		{"annotations read in a test (flask's __init_subclass__ reads .annotation)", hints, help, both, nil},
		{"an annotation library imported", library, help, []string{"tests/test_app.py"}, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, prov := withSetup(files, tt.setup), tt.prov
			if prov == nil {
				prov = env
			}
			wantArgs(t, selectOn(t, old, cov(tt.reader), edit, []gitdiff.Change{modified("src/cli/app.py")}, prov, nil), tt.want)
		})
	}
}
