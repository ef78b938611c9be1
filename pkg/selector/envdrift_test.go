package selector

import (
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/lockdiff"
)

func TestSelectEnvironment(t *testing.T) {
	env := fakeEnv{"tinylib": {Name: "tinylib", TopLevel: []string{"tinylib"}}}
	tests := []struct {
		name     string
		changes  []gitdiff.Change
		drift    []lockdiff.Changed
		recorded bool
		args     []string
		fallback string
	}{
		{"a distribution upgraded in the environment: what imports it",
			nil, []lockdiff.Changed{{Name: "tinylib", Why: "1.0 -> 1.1"}}, true, []string{"tests/test_cart.py"}, ""},
		{"pins edited, the environment as the map's: nothing",
			[]gitdiff.Change{modified("requirements/dev.txt"), modified("requirements.txt")}, nil, true, nil, ""},
		{"another installer's lock edited (Poetry, Pipenv, PDM), the environment as the map's: nothing",
			[]gitdiff.Change{modified("poetry.lock"), modified("Pipfile.lock"), modified("pdm.lock"), modified("Pipfile")}, nil, true, nil, ""},
		{"another installer's lock, a map that does not know its environment: everything",
			[]gitdiff.Change{modified("poetry.lock")}, nil, false, nil, "invalidated:poetry.lock"},
		{"pins edited and installed: what imports the new versions",
			[]gitdiff.Change{modified("requirements/dev.txt")}, []lockdiff.Changed{{Name: "tinylib", Why: "added"}}, true, []string{"tests/test_cart.py"}, ""},
		{"pins edited, a map that does not know its environment: everything",
			[]gitdiff.Change{modified("requirements/dev.txt")}, nil, false, nil, "invalidated:requirements/dev.txt"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, cov := shop()
			old["src/shop/cart.py"] = "import tinylib\n" + old["src/shop/cart.py"]
			old["requirements.txt"], old["requirements/dev.txt"] = "tinylib==1.0\n", "-r ../requirements.txt\npytest==8\n"
			cur := map[string]string{}
			for k, v := range old {
				cur[k] = v
			}
			cur["requirements.txt"], cur["requirements/dev.txt"] = "tinylib==1.1\n", "-r ../requirements.txt\npytest==8.1\n"
			for _, lock := range []string{"poetry.lock", "Pipfile.lock", "pdm.lock", "Pipfile"} {
				old[lock], cur[lock] = "# tinylib 1.0\n", "# tinylib 1.1\n"
			}
			_, rules, err := config.Load(t.TempDir())
			if err != nil {
				t.Fatal(err)
			}
			rules.Threshold = 1
			sel := Select(Input{Changes: tt.changes, Source: memSource{old, cur}, Map: loadMap(t, cov, nil), Rules: rules,
				Env: env, EnvDrift: tt.drift, EnvRecorded: tt.recorded})
			if sel.Fallback != tt.fallback || (tt.fallback == "" && !slices.Equal(sel.Args(), tt.args)) {
				t.Errorf("Args() = %q, fallback %q; want %q, %q; notes: %v", sel.Args(), sel.Fallback, tt.args, tt.fallback, sel.Notes)
			}
		})
	}
}

// TestSelectLockAdded: a project moving to uv adds uv.lock; `uv run` syncs
// the environment to it, so what differs from the environment the map
// recorded is followed, and a map without that record runs everything.
func TestSelectLockAdded(t *testing.T) {
	env := fakeEnv{"tinylib": {Name: "tinylib", TopLevel: []string{"tinylib"}}, "pytest": {Name: "pytest", TopLevel: []string{"pytest"}}}
	const lock = "version = 1\n\n[[package]]\nname = \"shop\"\nversion = \"0.1.0\"\nsource = { editable = \".\" }\n\n" +
		"[[package]]\nname = \"tinylib\"\nversion = \"1.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n" +
		"[[package]]\nname = \"pytest\"\nversion = \"8.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n"
	tests := []struct {
		name     string
		dists    map[string]string
		args     []string
		fallback string
	}{
		{"the lock's versions are the map's environment: nothing", map[string]string{"shop": "0.1.0", "tinylib": "1.1", "pytest": "8.0", "pytest-cov": "6"}, []string{}, ""},
		{"a distribution at another version: what imports it", map[string]string{"tinylib": "1.0", "pytest": "8.0"}, []string{"tests/test_cart.py"}, ""},
		{"pytest at another version: everything", map[string]string{"tinylib": "1.1", "pytest": "7.4"}, nil, "dependency-changed:pytest(pytest-plugin)"},
		{"a map that does not record its environment: everything", nil, nil, "invalidated:uv.lock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			old, cov := shop()
			old["src/shop/cart.py"] = "import tinylib\n" + old["src/shop/cart.py"]
			cur := map[string]string{"uv.lock": lock}
			for k, v := range old {
				cur[k] = v
			}
			sel := selectRecorded(t, old, cur, cov, added("uv.lock"), env, tt.dists)
			wantSelection(t, sel, tt.args, tt.fallback)
		})
	}
}

// TestSelectDefaultGroups: [tool.uv].default-groups says which of the
// lock's groups `uv run` installs; with a map that records its
// environment, the lock is compared with that environment.
func TestSelectDefaultGroups(t *testing.T) {
	env := fakeEnv{"tinylib": {Name: "tinylib", TopLevel: []string{"tinylib"}}}
	const lock = "version = 1\n\n[[package]]\nname = \"tinylib\"\nversion = \"1.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n"
	for _, tt := range []struct {
		name     string
		dists    map[string]string
		args     []string
		fallback string
	}{
		{"the environment has the lock's versions: nothing", map[string]string{"tinylib": "1.1"}, []string{}, ""},
		{"it lacks one: what imports it", map[string]string{"other": "1.0"}, []string{"tests/test_cart.py"}, ""},
		{"no record of the environment: everything", nil, nil, "invalidated:pyproject.toml[tool.uv].default-groups"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, cov := shop()
			old["src/shop/cart.py"] = "import tinylib\n" + old["src/shop/cart.py"]
			old["uv.lock"] = lock
			old["pyproject.toml"] = "[project]\nname = \"shop\"\nversion = \"0.1\"\n\n[tool.uv]\ndefault-groups = [\"dev\"]\n"
			cur := map[string]string{}
			for k, v := range old {
				cur[k] = v
			}
			cur["pyproject.toml"] = strings.Replace(old["pyproject.toml"], `["dev"]`, `["dev", "lint"]`, 1)
			sel := selectRecorded(t, old, cur, cov, modified("pyproject.toml"), env, tt.dists)
			wantSelection(t, sel, tt.args, tt.fallback)
		})
	}
}

// selectRecorded selects for change with a map that records dists as its
// environment (nil: no record), and no threshold.
func selectRecorded(t *testing.T, old, cur map[string]string, cov coverage, change gitdiff.Change, env Env, dists map[string]string) Selection {
	t.Helper()
	_, rules, err := config.Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	rules.Threshold = 1
	var prov *covmap.Provenance
	if dists != nil {
		prov = &covmap.Provenance{Schema: 1, Dists: dists}
	}
	return Select(Input{Changes: []gitdiff.Change{change}, Source: memSource{old, cur}, Map: loadMap(t, cov, prov), Rules: rules,
		Env: env, EnvRecorded: dists != nil})
}

func wantSelection(t *testing.T, sel Selection, args []string, fallback string) {
	t.Helper()
	if sel.Fallback != fallback || (fallback == "" && !slices.Equal(sel.Args(), args)) {
		t.Errorf("Args() = %q, fallback %q; want %q, %q; notes: %v", sel.Args(), sel.Fallback, args, fallback, sel.Notes)
	}
}

// TestSelectLockTypeChecking: an import under `if TYPE_CHECKING:` never
// runs, so a changed distribution it names reaches nothing through it
// (flask imports `_typeshed` and `typing_extensions` that way; each dev
// dependency update ran its whole suite).
func TestSelectLockTypeChecking(t *testing.T) {
	env := fakeEnv{"tinylib": {Name: "tinylib", TopLevel: []string{"tinylib"}},
		"std": {Name: "std", TopLevel: []string{"decimal", "pytest", "typing"}}} // what the shop imports
	const lock = "version = 1\n\n[[package]]\nname = \"tinylib\"\nversion = \"1.1\"\nsource = { registry = \"https://pypi.org/simple\" }\n\n" +
		"[[package]]\nname = \"stubby\"\nversion = \"2.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n"
	for _, tt := range []struct {
		name, imports string
		args          []string
	}{
		{"an installed distribution imported for type checkers only: nothing",
			"from typing import TYPE_CHECKING\n\nif TYPE_CHECKING:\n    import tinylib\n", []string{}},
		{"an unresolved name imported for type checkers only: nothing",
			"import typing\n\nif typing.TYPE_CHECKING:\n    from _typeshed import Thing\n", []string{}},
		{"the same import at run time: what imports it", "import tinylib\n", []string{"tests/test_cart.py"}},
		{"an unresolved name at run time may be the new distribution's: what imports it", "import _typeshed\n", []string{"tests/test_cart.py"}},
		{"a guard on a flag of the project's runs", "TYPE_CHECKING = True\nif TYPE_CHECKING:\n    import tinylib\n", []string{"tests/test_cart.py"}},
		// flask's `root_spec.origin == "namespace"`, where a test imports a
		// module named namespace that it wrote itself
		{"a string compared with an unresolved name imports nothing",
			"def _load():\n    import _typeshed\n\n\nprint(__name__ != '_typeshed', '_typeshed.x' == __name__)\n", []string{}},
		{"the unresolved name in a string handed on may be imported",
			"def _load():\n    import _typeshed\n\n\nMOD = __import__('_typeshed') if __name__ == 'x' else None\n", []string{"tests/test_cart.py"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old, cov := shop()
			old["src/shop/cart.py"] = tt.imports + old["src/shop/cart.py"]
			cur := map[string]string{"uv.lock": lock}
			for k, v := range old {
				cur[k] = v
			}
			sel := selectRecorded(t, old, cur, cov, added("uv.lock"), env, map[string]string{"tinylib": "1.0"})
			wantSelection(t, sel, tt.args, "")
		})
	}
}
