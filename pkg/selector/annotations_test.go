package selector

import (
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
	for _, tt := range []struct {
		name    string
		edit    func(map[string]string)
		changes []gitdiff.Change
		prov    *covmap.Provenance
		want    []string
	}{
		{"a name only annotations use: nothing", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, env, nil},
		{"an annotation: nothing", annotate, []gitdiff.Change{modified("src/pkg/a.py")}, env, nil},
		{"a name, and the project reads hints", reader(rebind), []gitdiff.Change{modified("src/pkg/types.py")}, env, []string{"tests/test_a.py::test_f"}},
		{"an annotation, and the project reads hints", reader(annotate), []gitdiff.Change{modified("src/pkg/a.py")}, env, []string{"tests/test_a.py::test_g"}},
		{"a name, with a runtime checker installed", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, checker, []string{"tests/test_a.py::test_f"}},
		{"a name, and no environment recorded", rebind, []gitdiff.Change{modified("src/pkg/types.py")}, nil, []string{"tests/test_a.py::test_f"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			wantArgs(t, selectOn(t, files, cov, tt.edit, tt.changes, tt.prov, nil), tt.want)
		})
	}
}
