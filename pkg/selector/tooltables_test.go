package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectToolTableNotInstalled: an unknown [tool.X] table configures a
// tool; when the environment the map recorded has no distribution of that
// name, nothing in the tests reads it. A build tool's table, an installed
// tool's (pytest-env reads [tool.pytest_env]) and a map without the
// environment's record still run everything.
func TestSelectToolTableNotInstalled(t *testing.T) {
	dists := map[string]string{"pytest": "8.3.0", "pytest-env": "1.1.0", "shop": "1.0"}
	for _, tt := range []struct {
		name, table string
		dists       map[string]string
		fallback    string
	}{
		{"a tool nothing installs", "[tool.sponcon]\nsponsors = 1\n", dists, ""},
		{"an installed plugin's table", "[tool.pytest_env]\nX = \"1\"\n", dists, "invalidated:pyproject.toml[tool.pytest_env]"},
		{"a build tool's", "[tool.setuptools]\npackages = [\"shop\"]\n", dists, "invalidated:pyproject.toml[tool.setuptools]"},
		{"no environment recorded", "[tool.sponcon]\nsponsors = 1\n", nil, "invalidated:pyproject.toml[tool.sponcon]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(c map[string]string) { c["pyproject.toml"] += tt.table }
			sel := selectWith(t, edit, []gitdiff.Change{modified("pyproject.toml")}, &covmap.Provenance{Schema: 1, Dists: tt.dists})
			if sel.Fallback != tt.fallback {
				t.Errorf("fallback %q, want %q; notes: %v", sel.Fallback, tt.fallback, sel.Notes)
			}
		})
	}
}
