package selector

import (
	"encoding/json"

	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// memSource is a project held in memory: old and new file contents.
type memSource struct{ old, cur map[string]string }

func (m memSource) Old(p string) ([]byte, bool) {
	s, ok := m.old[p]
	return []byte(s), ok
}

func (m memSource) New(p string) ([]byte, error) {
	s, ok := m.cur[p]
	if !ok {
		return nil, os.ErrNotExist
	}
	return []byte(s), nil
}

func (m memSource) Grep(fixed []string) ([]gitdiff.GrepHit, error) {
	var hits []gitdiff.GrepHit
	for _, p := range must(m.Files()) {
		if !strings.HasSuffix(p, ".py") {
			continue
		}
		for i, line := range strings.Split(m.cur[p], "\n") {
			for _, f := range fixed {
				if strings.Contains(line, f) {
					hits = append(hits, gitdiff.GrepHit{Path: p, Line: i + 1})
					break
				}
			}
		}
	}
	return hits, nil
}

func (m memSource) StateNames() map[string]bool {
	out := map[string]bool{}
	for _, p := range must(m.Files()) {
		if strings.HasSuffix(p, ".py") {
			for _, n := range StateNames([]byte(m.cur[p])) {
				out[n] = true
			}
		}
	}
	return out
}

func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

func (m memSource) Files() ([]string, error) {
	var out []string
	for p := range m.cur {
		out = append(out, p)
	}
	slices.Sort(out)
	return out, nil
}

// coverage is file -> line -> contexts, written as a coverage.py JSON map.
type coverage map[string]map[int][]string

func loadMap(t *testing.T, cov coverage, prov *covmap.Provenance) *covmap.Map {
	t.Helper()
	files := map[string]any{}
	for f, lines := range cov {
		ctx := map[string][]string{}
		var executed []int
		for l, c := range lines {
			ctx[itoa(l)] = c
			executed = append(executed, l)
		}
		slices.Sort(executed)
		files[f] = map[string]any{"executed_lines": executed, "contexts": ctx}
	}
	doc := map[string]any{"meta": map[string]any{"format": 3, "version": "7.6.1", "show_contexts": true}, "files": files}
	if prov != nil {
		doc["impacted"] = prov
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "coverage.json")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	m, err := covmap.Load(path, covmap.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func itoa(i int) string {
	b, _ := json.Marshal(i)
	return string(b)
}

const pricingV1 = `"""Prices."""
from decimal import Decimal

TAX_RATE = Decimal("0.20")


def gross(net):
    return net * (1 + TAX_RATE)


def bulk(price, qty):
    if qty < 0:
        raise ValueError("negative")
    return price * qty
`

const cartV1 = `from shop.pricing import gross


class Cart:
    LIMIT = 3

    def total(self, items):
        return sum(gross(i) for i in items[: self.LIMIT])
`

const testPricing = `from shop.pricing import bulk, gross


def test_gross():
    assert gross(10) == 12


def test_bulk():
    assert bulk(2, 3) == 6
`

const testCart = `from shop.cart import Cart


def test_total():
    assert Cart().total([10]) == 12
`

// shop is a small project: its files and a map of which test ran which line.
func shop() (map[string]string, coverage) {
	files := map[string]string{
		"src/shop/__init__.py":  "",
		"src/shop/pricing.py":   pricingV1,
		"src/shop/cart.py":      cartV1,
		"tests/test_pricing.py": testPricing,
		"tests/test_cart.py":    testCart,
		"tests/conftest.py":     "import pytest\n\n\n@pytest.fixture\ndef money():\n    return 1\n",
		"pyproject.toml":        "[project]\nname='shop'\n",
		"README.md":             "# shop\n",
	}
	run := func(ids ...string) []string {
		var out []string
		for _, id := range ids {
			out = append(out, id+"|run")
		}
		return out
	}
	g, b, tot := "tests/test_pricing.py::test_gross", "tests/test_pricing.py::test_bulk", "tests/test_cart.py::test_total"
	cov := coverage{
		"src/shop/pricing.py": {1: {""}, 2: {""}, 4: {""}, 7: {""}, 8: run(g, tot), 11: {""}, 12: run(b), 14: run(b)},
		"src/shop/cart.py":    {1: {""}, 4: {""}, 5: {""}, 7: {""}, 8: run(tot)},
		"tests/conftest.py":   {1: {""}, 4: {""}, 5: {""}, 6: {"tests/test_cart.py::test_total|setup"}},
	}
	return files, cov
}

func selectWith(t *testing.T, edit func(cur map[string]string), changes []gitdiff.Change, prov *covmap.Provenance) Selection {
	t.Helper()
	old, cov := shop()
	return selectOn(t, old, cov, edit, changes, prov, nil)
}

// selectOn selects for changes between the files old and old with edit
// applied, with the default rules and no threshold.
func selectOn(t *testing.T, old map[string]string, cov coverage, edit func(cur map[string]string), changes []gitdiff.Change, prov *covmap.Provenance, env Env) Selection {
	t.Helper()
	return selectOnArgs(t, old, cov, edit, changes, prov, env, nil)
}

// selectOnArgs is selectOn for a pytest run given pytestArgs.
func selectOnArgs(t *testing.T, old map[string]string, cov coverage, edit func(cur map[string]string), changes []gitdiff.Change, prov *covmap.Provenance, env Env, pytestArgs []string) Selection {
	t.Helper()
	cur := map[string]string{}
	for k, v := range old {
		cur[k] = v
	}
	edit(cur)
	_, rules, err := config.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rules.Threshold = 1
	return Select(Input{Changes: changes, Source: memSource{old, cur}, Map: loadMap(t, cov, prov), Rules: rules, Env: env, PytestArgs: pytestArgs})
}

func modified(p string) gitdiff.Change { return gitdiff.Change{Status: 'M', OldPath: p, NewPath: p} }
func added(p string) gitdiff.Change    { return gitdiff.Change{Status: 'A', NewPath: p, Untracked: true} }

func TestSelect(t *testing.T) {
	tests := []struct {
		name     string
		edit     func(cur map[string]string)
		changes  []gitdiff.Change
		args     []string // expected Args(), when no fallback
		fallback string   // expected fallback prefix
	}{
		{"body edit selects the tests that ran the function",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "price * qty", "qty * price", 1)
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_pricing.py::test_bulk"}, ""},
		{"deleted guard clause selects the tests that ran the function",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "    if qty < 0:\n        raise ValueError(\"negative\")\n", "", 1)
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_pricing.py::test_bulk"}, ""},
		{"comment and blank lines select nothing",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "def bulk", "# a comment\n\n\ndef bulk", 1)
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")}, nil, ""},
		{"class attribute selects what uses the attribute or the class",
			func(c map[string]string) {
				c["src/shop/cart.py"] = strings.Replace(cartV1, "LIMIT = 3", "LIMIT = 4", 1)
			},
			[]gitdiff.Change{modified("src/shop/cart.py")},
			[]string{"tests/test_cart.py::test_total"}, ""},
		{"unused class attribute selects nothing",
			func(c map[string]string) {
				c["src/shop/cart.py"] = strings.Replace(cartV1, "LIMIT = 3", "LIMIT = 3\n    UNUSED = 1", 1)
			},
			[]gitdiff.Change{modified("src/shop/cart.py")}, nil, ""},
		{"a class decorator is import-time code: importers' test files",
			func(c map[string]string) {
				c["src/shop/cart.py"] = strings.Replace(cartV1, "class Cart:", "@dataclass\nclass Cart:", 1)
			},
			[]gitdiff.Change{modified("src/shop/cart.py")}, []string{"tests/test_cart.py"}, ""},
		{"constant built by a pure constructor selects the functions that use it",
			func(c map[string]string) { c["src/shop/pricing.py"] = strings.Replace(pricingV1, "0.20", "0.21", 1) },
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_cart.py::test_total", "tests/test_pricing.py::test_gross"}, ""},
		{"plain constant selects the functions that use it, in any module",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "def bulk", "LIMIT = 5\n\n\ndef bulk", 1)
				c["src/shop/cart.py"] = strings.Replace(cartV1, "return sum", "LIMIT\n        return sum", 1)
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_cart.py::test_total"}, ""},
		{"edited test runs that test",
			func(c map[string]string) {
				c["tests/test_pricing.py"] = strings.Replace(testPricing, "== 6", "== 7", 1)
			},
			[]gitdiff.Change{modified("tests/test_pricing.py")},
			[]string{"tests/test_pricing.py::test_bulk"}, ""},
		{"new test file runs the file",
			func(c map[string]string) { c["tests/test_new.py"] = "def test_new():\n    pass\n" },
			[]gitdiff.Change{added("tests/test_new.py")},
			[]string{"tests/test_new.py"}, ""},
		{"conftest fixture body selects the tests whose setup ran it",
			func(c map[string]string) {
				c["tests/conftest.py"] = strings.Replace(c["tests/conftest.py"], "return 1", "return 2", 1)
			},
			[]gitdiff.Change{modified("tests/conftest.py")},
			[]string{"tests/test_cart.py::test_total"}, ""},
		{"pyproject.toml runs everything",
			func(c map[string]string) { c["pyproject.toml"] += "[tool.x]\n" },
			[]gitdiff.Change{modified("pyproject.toml")}, nil, "invalidated:pyproject.toml"},
		{"unreferenced data file runs everything",
			func(c map[string]string) { c["src/shop/rates.json"] = "{}" },
			[]gitdiff.Change{added("src/shop/rates.json")}, nil, "unreferenced-file:src/shop/rates.json"},
		{"data file named in a function: the tests that ran it",
			func(c map[string]string) {
				c["src/shop/rates.json"] = "{}"
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "    return price * qty", "    open('rates.json').close()\n    return price * qty", 1)
			},
			[]gitdiff.Change{modified("src/shop/rates.json")},
			[]string{"tests/test_pricing.py::test_bulk"}, ""},
		{"data file named by module code is an import-time change of its reader",
			func(c map[string]string) {
				c["src/shop/rates.json"] = "{}"
				c["src/shop/cart.py"] = cartV1 + "\nRATES = open('rates.json').read()\n"
			},
			[]gitdiff.Change{modified("src/shop/rates.json")},
			[]string{"tests/test_cart.py"}, ""},
		{"README is ignored",
			func(c map[string]string) { c["README.md"] += "more\n" },
			[]gitdiff.Change{modified("README.md")}, nil, ""},
		{"a test that runs the module in a subprocess",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "price * qty", "qty * price", 1)
				c["tests/test_cli.py"] = "import subprocess, sys\n\n\ndef test_cli():\n    subprocess.run([sys.executable, '-m', 'shop.pricing'])\n"
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_cli.py::test_cli", "tests/test_pricing.py::test_bulk"}, ""},
		{"a test that runs, in a subprocess, a module importing the change",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "price * qty", "qty * price", 1)
				c["tests/test_cli.py"] = "import subprocess, sys\n\n\ndef test_cli():\n    subprocess.run([sys.executable, '-m', 'shop.cart'])\n"
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_cli.py::test_cli", "tests/test_pricing.py::test_bulk"}, ""},
		{"a comment in a module a test names selects nothing",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "def bulk", "# note\ndef bulk", 1)
				c["tests/test_cli.py"] = "import subprocess, sys\n\n\ndef test_cli():\n    subprocess.run([sys.executable, '-m', 'shop.pricing'])\n"
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")}, nil, ""},
		{"a file outside the project runs everything",
			func(c map[string]string) {},
			[]gitdiff.Change{modified("../other/lib.py")}, nil, "outside-project:../other/lib.py"},
		{"a cached function selects its importers",
			func(c map[string]string) {
				c["src/shop/pricing.py"] = strings.Replace(pricingV1, "def bulk", "@functools.lru_cache\ndef bulk", 1)
			},
			[]gitdiff.Change{modified("src/shop/pricing.py")},
			[]string{"tests/test_cart.py", "tests/test_pricing.py"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := selectWith(t, tt.edit, tt.changes, nil)
			if !strings.HasPrefix(sel.Fallback, tt.fallback) || (tt.fallback == "") != (sel.Fallback == "") {
				t.Fatalf("fallback = %q, want %q; notes: %v", sel.Fallback, tt.fallback, sel.Notes)
			}
			if tt.fallback == "" && !slices.Equal(sel.Args(), tt.args) {
				t.Errorf("Args() = %q, want %q; notes: %v", sel.Args(), tt.args, sel.Notes)
			}
		})
	}
}

func TestSelectWidensSharedFixtures(t *testing.T) {
	prov := &covmap.Provenance{Schema: 1, Tests: map[string]covmap.TestRecord{
		"tests/test_cart.py::test_total":     {Outcome: "passed", Fixtures: []string{"session:tests/conftest.py::money"}},
		"tests/test_pricing.py::test_gross":  {Outcome: "passed", Fixtures: []string{"session:tests/conftest.py::money"}},
		"tests/test_pricing.py::test_bulk":   {Outcome: "passed"},
		"tests/test_pricing.py::test_broken": {Outcome: "failed"},
	}}
	sel := selectWith(t, func(c map[string]string) {
		c["tests/conftest.py"] = strings.Replace(c["tests/conftest.py"], "return 1", "return 2", 1)
	}, []gitdiff.Change{modified("tests/conftest.py")}, prov)
	want := []string{"tests/test_pricing.py::test_broken", "tests/test_cart.py::test_total", "tests/test_pricing.py::test_gross"}
	if sel.Fallback != "" || !slices.Equal(sel.Args(), want) {
		t.Errorf("Args() = %q (fallback %q), want %q", sel.Args(), sel.Fallback, want)
	}
}

// TestSelectFollowsCachesAcrossModules: bulk is called by a cached loader in
// another module, so the map credits bulk to the first test only; the tests
// that call the loader must run too.
func TestSelectFollowsCachesAcrossModules(t *testing.T) {
	old, cov := shop()
	old["src/shop/cart.py"] = strings.Replace(cartV1, "import gross", "import bulk, gross", 1) + "\n\n@functools.cache\ndef prices():\n    return bulk(1, 2)\n"
	old["tests/test_cart.py"] = testCart + "\n\ndef test_prices():\n    from shop.cart import prices\n    assert prices() == 2\n"
	cov["src/shop/cart.py"][13] = []string{"tests/test_cart.py::test_prices|run"}
	cur := map[string]string{}
	for k, v := range old {
		cur[k] = v
	}
	cur["src/shop/pricing.py"] = strings.Replace(pricingV1, "price * qty", "qty * price", 1)
	_, rules, err := config.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rules.Threshold = 1
	sel := Select(Input{Changes: []gitdiff.Change{modified("src/shop/pricing.py")}, Source: memSource{old, cur}, Map: loadMap(t, cov, nil), Rules: rules})
	want := []string{"tests/test_cart.py::test_prices", "tests/test_pricing.py::test_bulk"}
	if sel.Fallback != "" || !slices.Equal(sel.Args(), want) {
		t.Errorf("Args() = %q (fallback %q), want %q; notes: %v", sel.Args(), sel.Fallback, want, sel.Notes)
	}
}

// withSetup is a copy of files that setup (when not nil) then edits.
func withSetup(files map[string]string, setup func(map[string]string)) map[string]string {
	out := map[string]string{}
	for k, v := range files {
		out[k] = v
	}
	if setup != nil {
		setup(out)
	}
	return out
}
