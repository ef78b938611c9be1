package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectParametrizationGroups: with a map from the sysmon collector,
// which credits a line to the first parametrization of a function that ran
// it, a selected parametrization runs its function's others; with
// pytest-cov's, each parametrization is its own.
func TestSelectParametrizationGroups(t *testing.T) {
	old := map[string]string{
		"src/m/__init__.py": "",
		"src/m/a.py":        "def f(x):\n    return x\n",
		"tests/test_a.py":   "import pytest\n\nfrom m.a import f\n\n\n@pytest.mark.parametrize(\"x\", [1, 2])\ndef test_f(x):\n    assert f(x)\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/m/a.py":      {1: imp, 2: {"tests/test_a.py::test_f[1]|run"}},
		"tests/test_a.py": {1: imp, 3: imp, 6: imp, 7: imp, 8: {"tests/test_a.py::test_f[1]|run"}},
	}
	edit := func(c map[string]string) {
		c["src/m/a.py"] = strings.Replace(c["src/m/a.py"], "return x", "return -x", 1)
	}
	for _, tt := range []struct {
		collector string
		want      []string
	}{
		{"sysmon", []string{"tests/test_a.py::test_f"}},
		{"coverage", []string{"tests/test_a.py::test_f[1]"}},
	} {
		t.Run(tt.collector, func(t *testing.T) {
			prov := &covmap.Provenance{Schema: 1, Collector: tt.collector}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/a.py")}, prov, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
