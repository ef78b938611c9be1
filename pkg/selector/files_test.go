package selector

import (
	"path"
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/distinfo"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// fakeEnv is an environment with a few distributions.
type fakeEnv map[string]distinfo.Dist

func (e fakeEnv) Dist(n string) (distinfo.Dist, bool) { d, ok := e[n]; return d, ok }
func (e fakeEnv) Provided() map[string]bool {
	out := map[string]bool{"os": true, "json": true}
	for _, d := range e {
		for _, t := range d.TopLevel {
			out[t] = true
		}
	}
	return out
}

const lockV1 = `version = 1
revision = 3

[[package]]
name = "shop"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "tinylib" }]

[package.dev-dependencies]
dev = [{ name = "pytest-cov" }]

[[package]]
name = "tinylib"
version = "1.0.0"
source = { directory = "vendor/tinylib" }

[[package]]
name = "pytest-cov"
version = "6.0.0"
source = { registry = "https://pypi.org/simple" }
`

func TestSelectFiles(t *testing.T) {
	env := fakeEnv{
		"tinylib":    {Name: "tinylib", TopLevel: []string{"tinylib"}},
		"pytest-cov": {Name: "pytest-cov", TopLevel: []string{"pytest_cov"}, Plugin: true},
		"webby":      {Name: "webby", TopLevel: []string{"webby"}, Requires: []string{"tinylib"}},
	}
	importTiny := func(c map[string]string) { c["src/shop/cart.py"] = "import tinylib\n" + c["src/shop/cart.py"] }
	tests := []struct {
		name     string
		edit     func(cur map[string]string)
		changes  []gitdiff.Change
		env      Env
		args     []string
		fallback string
	}{
		{"a CI workflow outside .github: nothing",
			func(c map[string]string) {
				c["pre-commit.yaml"] = "on:\n  push:\njobs:\n  main:\n    runs-on: ubuntu-latest\n    steps:\n    - uses: actions/checkout@v4\n"
			},
			[]gitdiff.Change{added("pre-commit.yaml")}, nil, nil, ""},
		{"a workflow is not named by a recursive listing of another directory",
			func(c map[string]string) {
				c[".github/workflows/ci.yml"] = "on:\n  push:\njobs:\n  main:\n    runs-on: ubuntu-latest\n"
				c["tests/test_cart.py"] += "\n\ndef test_files(tmp_path):\n    assert not list(tmp_path.glob(\"**/*\"))\n"
			},
			[]gitdiff.Change{modified(".github/workflows/ci.yml")}, nil, nil, ""},
		{"a recursive listing under a directory names its files",
			func(c map[string]string) {
				c["src/shop/data/x.json"] = "{}"
				c["src/shop/cart.py"] += "\nFILES = sorted(HERE.glob(\"data/**/*\"))\n"
			},
			[]gitdiff.Change{added("src/shop/data/x.json")}, nil, []string{"tests/test_cart.py"}, ""},
		{"the project's artwork no code names: nothing",
			func(c map[string]string) { c["artwork/logo.svg"] = "<svg/>\n" },
			[]gitdiff.Change{added("artwork/logo.svg")}, nil, nil, ""},
		{"the same image in the package: everything",
			func(c map[string]string) { c["src/shop/logo.svg"] = "<svg/>\n" },
			[]gitdiff.Change{added("src/shop/logo.svg")}, nil, nil, "unreferenced-file:src/shop/logo.svg"},
		{"release-note fragments no code names (reno, towncrier): nothing",
			func(c map[string]string) {
				c["releasenotes/notes/wait-min-a8e3c1f4.yaml"] = "features:\n  - wait_exponential takes min.\n"
				c["changelog.d/123.fixed.md"] = "Fixed it.\n"
				c["newsfragments/77.feature"] = "A feature.\n"
			},
			[]gitdiff.Change{added("releasenotes/notes/wait-min-a8e3c1f4.yaml"), added("changelog.d/123.fixed.md"), added("newsfragments/77.feature")}, nil, nil, ""},
		{"a release note a test reads by path: that test",
			func(c map[string]string) {
				c["releasenotes/notes/wait-min-a8e3c1f4.yaml"] = "features:\n  - wait_exponential takes min.\n"
				c["tests/test_cart.py"] += "\n\ndef test_notes():\n    assert list(Path(\"releasenotes/notes\").glob(\"*.yaml\"))\n"
			},
			[]gitdiff.Change{added("releasenotes/notes/wait-min-a8e3c1f4.yaml")}, nil, []string{"tests/test_cart.py::test_notes"}, ""},
		{"a word list only a spell checker's configuration names (markdown's .spell-dict): nothing",
			func(c map[string]string) {
				c[".pyspelling.yml"] = "matrix:\n- name: markdown\n  dictionary:\n    wordlists:\n    - .spell-dict\n"
				c[".spell-dict"] = "Markdown\nbackticks\n"
			},
			[]gitdiff.Change{modified(".spell-dict")}, nil, nil, ""},
		{"the same word list, named by pytest's configuration too: everything",
			func(c map[string]string) {
				c[".pyspelling.yml"] = "matrix:\n- name: markdown\n  dictionary:\n    wordlists:\n    - .spell-dict\n"
				c[".spell-dict"] = "Markdown\nbackticks\n"
				c["pytest.ini"] = "[pytest]\nspelling_words = .spell-dict\n"
			},
			[]gitdiff.Change{modified(".spell-dict")}, nil, nil, "unreferenced-file:.spell-dict"},
		{"a YAML file that is no workflow: everything",
			func(c map[string]string) { c["settings.yaml"] = "jobs: 3\nname: x\n" },
			[]gitdiff.Change{added("settings.yaml")}, nil, nil, "unreferenced-file:settings.yaml"},
		{"a Makefile nothing runs make on: nothing",
			func(c map[string]string) { c["Makefile"] = "test:\n\tpytest\n" },
			[]gitdiff.Change{modified("Makefile")}, nil, nil, ""},
		{"a Makefile a test runs make on: that test",
			func(c map[string]string) {
				c["Makefile"] = "test:\n\tpytest\n"
				c["tests/test_cart.py"] += "\n\ndef test_make():\n    subprocess.run([\"make\", \"test\"])\n"
			},
			[]gitdiff.Change{modified("Makefile")}, nil, []string{"tests/test_cart.py::test_make"}, ""},
		{"sdist contents and tox's own TOML: nothing (glom's MANIFEST.in, filelock's tox.toml)",
			func(c map[string]string) {
				c["MANIFEST.in"] = "include LICENSE\n"
				c["tox.toml"] = "[env.py]\ncommands = [[\"pytest\"]]\n"
			},
			[]gitdiff.Change{added("MANIFEST.in"), added("tox.toml")}, nil, nil, ""},
		{"a changelog is not named by a \"*\" in code",
			func(c map[string]string) {
				c["CHANGES.rst"] = "changed"
				c["src/shop/cart.py"] += "\nSTAR = \"*\"\n"
			},
			[]gitdiff.Change{modified("CHANGES.rst")}, nil, nil, ""},
		{"prose opened by path is named",
			func(c map[string]string) {
				c["README.md"] = "changed"
				c["tests/test_cart.py"] += "\n\ndef test_readme():\n    open(\"README.md\")\n"
			},
			[]gitdiff.Change{modified("README.md")}, nil, []string{"tests/test_cart.py::test_readme"}, ""},
		{"a bare stem or a dict key does not name a data file",
			func(c map[string]string) {
				c["src/shop/data/x.json"] = "{}"
				c["src/shop/cart.py"] += "\nKEYS = {\"data\": 1, \"x\": 2}\n"
			},
			[]gitdiff.Change{added("src/shop/data/x.json")}, nil, nil, "unreferenced-file:src/shop/data/x.json"},
		{"a directory in a path expression names its files",
			func(c map[string]string) {
				c["src/shop/data/x.json"] = "{}"
				c["src/shop/cart.py"] += "\nFILES = sorted((Path(__file__).parent / \"data\").iterdir())\n"
			},
			[]gitdiff.Change{added("src/shop/data/x.json")}, nil, []string{"tests/test_cart.py"}, ""},
		{"a name built at run time names files of its extension",
			func(c map[string]string) {
				c["src/shop/rates.json"] = "{}"
				c["src/shop/cart.py"] += "\nRATES = open(f\"{NAME}.json\").read()\n"
			},
			[]gitdiff.Change{modified("src/shop/rates.json")}, nil, []string{"tests/test_cart.py"}, ""},
		{"a submodule is not named by a function of its name",
			func(c map[string]string) {
				c["src/shop/cart.py"] += "\n\ndef sub(a, b):\n    return re.sub(a, b, 'x')\n"
			},
			[]gitdiff.Change{modified("vendor/sub")}, nil, nil, "unreferenced-file:vendor/sub"},
		{"[tool.ruff] selects nothing",
			func(c map[string]string) { c["pyproject.toml"] += "[tool.ruff]\nline-length = 99\n" },
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, ""},
		{"[tool.pytest.ini_options] runs everything",
			func(c map[string]string) { c["pyproject.toml"] += "[tool.pytest.ini_options]\naddopts = \"-x\"\n" },
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, "invalidated:pyproject.toml[tool.pytest]"},
		{"coverage settings without coverage in test runs: the code running coverage",
			func(c map[string]string) { c["pyproject.toml"] += "[tool.coverage.report]\nfail_under = 90\n" },
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, ""},
		{"coverage settings with --cov in pytest's options run everything",
			func(c map[string]string) {
				c["pyproject.toml"] += "[tool.coverage.report]\nfail_under = 90\n"
				c["tests/conftest.py"] += "\npytest_plugins = [\"pytest_cov\"]\n"
			},
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, "invalidated:pyproject.toml[tool.coverage]"},
		{"coverage settings with --cov in tox's commands only (dotenv): the code running coverage",
			func(c map[string]string) {
				c["pyproject.toml"] += "[tool.coverage.report]\nfail_under = 90\n"
				c["tox.ini"] = "[tox]\nenvlist = py312\n\n[testenv]\ncommands = pytest --cov --cov-report=term-missing {posargs}\n"
			},
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, ""},
		{"coverage settings with --cov in tox.ini's [pytest] addopts run everything",
			func(c map[string]string) {
				c["pyproject.toml"] += "[tool.coverage.report]\nfail_under = 90\n"
				c["tox.ini"] = "[testenv]\ncommands = pytest\n\n[pytest]\naddopts =\n    -ra\n    --cov=shop\n"
			},
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, "invalidated:pyproject.toml[tool.coverage]"},
		{"coverage settings with --cov in [tool.pytest.ini_options] run everything",
			func(c map[string]string) {
				c["pyproject.toml"] += "[tool.coverage.report]\nfail_under = 90\n\n[tool.pytest.ini_options]\naddopts = [\"--cov=shop\"]\n"
			},
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, "invalidated:pyproject.toml"},
		{"the version selects the code reading the metadata",
			func(c map[string]string) {
				c["pyproject.toml"] = strings.Replace(c["pyproject.toml"], "name='shop'", "name='shop'\nversion='2'", 1)
				c["tests/test_cart.py"] += "\n\ndef test_version():\n    assert importlib.metadata.version(\"shop\")\n"
			},
			[]gitdiff.Change{modified("pyproject.toml")}, nil, []string{"tests/test_cart.py::test_version"}, ""},
		{"classifiers are not what version() reads",
			func(c map[string]string) {
				c["pyproject.toml"] = strings.Replace(c["pyproject.toml"], "name='shop'", "name='shop'\nclassifiers = ['X']", 1)
				c["tests/test_cart.py"] += "\n\ndef test_version():\n    assert importlib.metadata.version(\"shop\")\n"
			},
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, ""},
		{"dependencies without a lock change run everything",
			func(c map[string]string) { c["pyproject.toml"] += "dependencies = [\"tinylib\"]\n" },
			[]gitdiff.Change{modified("pyproject.toml")}, nil, nil, "dependencies-unlocked:pyproject.toml[project].dependencies"},
		{"an extra nobody installed selects nothing",
			func(c map[string]string) {
				c["pyproject.toml"] = strings.Replace(c["pyproject.toml"], "fast = [", "docs = [\"sphinx>=8\"], fast = [", 1)
			},
			[]gitdiff.Change{modified("pyproject.toml")}, env, nil, ""},
		{"an installed extra requiring nothing else: its importers",
			func(c map[string]string) {
				importTiny(c)
				c["pyproject.toml"] = strings.Replace(c["pyproject.toml"], `fast = ["tinylib"]`, `fast = ["tinylib>=2"]`, 1)
			},
			[]gitdiff.Change{modified("pyproject.toml")}, env, []string{"tests/test_cart.py"}, ""},
		{"an installed extra that requires others, without a lock change, runs everything",
			func(c map[string]string) {
				c["pyproject.toml"] = strings.Replace(c["pyproject.toml"], `fast = ["tinylib"]`, `fast = ["tinylib", "webby>=2"]`, 1)
			},
			[]gitdiff.Change{modified("pyproject.toml")}, env, nil, "dependencies-unlocked:pyproject.toml[project].optional-dependencies"},
		{"a bumped distribution selects its importers",
			func(c map[string]string) {
				importTiny(c)
				c["uv.lock"] = strings.Replace(c["uv.lock"], "1.0.0", "2.0.0", 1)
			},
			[]gitdiff.Change{modified("uv.lock")}, env, []string{"tests/test_cart.py"}, ""},
		{"the project's own version in the lock selects nothing",
			func(c map[string]string) {
				importTiny(c)
				c["uv.lock"] = strings.Replace(c["uv.lock"], "0.1.0", "0.2.0", 1)
			},
			[]gitdiff.Change{modified("uv.lock")}, env, nil, ""},
		{"a pytest plugin runs everything",
			func(c map[string]string) { c["uv.lock"] = strings.Replace(c["uv.lock"], "6.0.0", "6.1.0", 1) },
			[]gitdiff.Change{modified("uv.lock")}, env, nil, "dependency-changed:pytest-cov"},
		{"without an environment a lock change runs everything",
			func(c map[string]string) { c["uv.lock"] = strings.Replace(c["uv.lock"], "1.0.0", "2.0.0", 1) },
			[]gitdiff.Change{modified("uv.lock")}, nil, nil, "lockfile-changed"},
		{"a new package in a new directory selects nothing on its own",
			func(c map[string]string) {
				c["src/shop/extra/__init__.py"] = "X = 1\n"
				c["src/shop/extra/more.py"] = "Y = 1\n"
			},
			[]gitdiff.Change{added("src/shop/extra/__init__.py"), added("src/shop/extra/more.py")}, nil, nil, ""},
		{"a new __init__.py among test modules runs them",
			func(c map[string]string) { c["tests/__init__.py"] = "" },
			[]gitdiff.Change{added("tests/__init__.py")}, nil, []string{"tests/test_cart.py", "tests/test_pricing.py"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := selectFilesWith(t, tt.edit, tt.changes, tt.env)
			if !strings.HasPrefix(sel.Fallback, tt.fallback) || (tt.fallback == "") != (sel.Fallback == "") {
				t.Fatalf("fallback = %q, want %q; notes: %v", sel.Fallback, tt.fallback, sel.Notes)
			}
			if tt.fallback == "" && !slices.Equal(sel.Args(), tt.args) {
				t.Errorf("Args() = %q, want %q; notes: %v", sel.Args(), tt.args, sel.Notes)
			}
		})
	}
}

func selectFilesWith(t *testing.T, edit func(map[string]string), changes []gitdiff.Change, env Env) Selection {
	t.Helper()
	old, cov := shop()
	old["uv.lock"] = lockV1
	old["pyproject.toml"] = "[project]\nname='shop'\noptional-dependencies = { fast = [\"tinylib\"] }\n"
	old["CHANGES.rst"] = "old"
	old["src/shop/rates.json"] = "[]"
	return selectOn(t, old, cov, edit, changes, nil, env)
}

// TestFnmatchToGo: Python's glob rules, checked through path.Match.
func TestFnmatchToGo(t *testing.T) {
	for _, c := range []struct {
		pat, name string
		want      bool
	}{
		{`[^\S\r\n]*`, "CHANGELOG.md", false}, // dotenv's regular expression
		{`[^\S\r\n]*`, "Sxyz", true},
		{`[!a]*.md`, "CHANGELOG.md", true},
		{`[!C]*.md`, "CHANGELOG.md", false},
		{`*.json`, "x.json", true},
		{`[]x]*`, "]a", true},
		{`[abc`, "[abc", true},
		{`a\b`, `a\b`, true},
		{`[a-c]?.txt`, "b1.txt", true},
	} {
		ok, err := path.Match(fnmatchToGo(c.pat), c.name)
		if err != nil || ok != c.want {
			t.Errorf("%q (as %q) on %q = %v, %v; want %v", c.pat, fnmatchToGo(c.pat), c.name, ok, err, c.want)
		}
	}
	// dotenv's parser.py holds r"[^\S\r\n]*", which named CHANGELOG.md and
	// mkdocs.yml (Go's negated class) or requirements-docs.txt and
	// release.yml (Python's class of "^", "\", "S", "r", "n"): it is no
	// glob at all
	for _, f := range []string{"CHANGELOG.md", "mkdocs.yml", "requirements-docs.txt", ".github/workflows/release.yml"} {
		for _, re := range []string{`[^\S\r\n]*`, `(?:export[^\S\r\n]+)?`, `*.py|*.txt`} {
			if newFileWant(f).namedBy(re, false) {
				t.Errorf("the regular expression %s names %s", re, f)
			}
		}
	}
	if !newFileWant("data/x.json").namedBy(`data/*.json`, false) {
		t.Errorf("the glob data/*.json does not name data/x.json")
	}
}
