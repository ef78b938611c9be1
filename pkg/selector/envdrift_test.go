package selector

import (
	"slices"
	"testing"

	"github.com/impacted/impacted/pkg/config"
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
