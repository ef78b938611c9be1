package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectClassWrapperRemoved: humanize's `@total_ordering` on `class
// Unit(Enum)` removed leaves Unit without the comparisons it added: a new
// value under the name Unit, which its users see, not an import-time
// change of every importer. Adding one can raise at import, and so can a
// decorator of the project's own: those stay import-time code.
func TestSelectClassWrapperRemoved(t *testing.T) {
	const mod = "from functools import total_ordering\n\nfrom m.reg import register\n\n\n@total_ordering\nclass Unit:\n    def __lt__(self, other):\n        return True\n\n\nclass Other:\n    pass\n"
	byImport := []string{"tests/test_other.py", "tests/test_unit.py"}
	for _, tt := range []struct {
		name     string
		edit     func(string) string
		want     []string
		fallback bool
	}{
		{"total_ordering removed: Unit's users", func(s string) string { return strings.Replace(s, "@total_ordering\n", "", 1) }, []string{"tests/test_unit.py::test_lt"}, false},
		{"total_ordering added: import-time", func(s string) string { return strings.Replace(s, "class Other:", "@total_ordering\nclass Other:", 1) }, byImport, false},
		{"a project decorator removed: import-time", func(s string) string {
			return strings.Replace(strings.Replace(s, "class Other:", "@register\nclass Other:", 1), "@register\n", "", 1)
		}, nil, false},
		{"removed with a new base: import-time", func(s string) string {
			return strings.Replace(strings.Replace(s, "@total_ordering\n", "", 1), "class Unit:", "class Unit(Other):", 1)
		}, byImport, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			oldMod := mod
			if tt.want == nil { // the project decorator is there before, gone after
				oldMod = strings.Replace(mod, "class Other:", "@register\nclass Other:", 1)
				tt.want = byImport
			}
			old := map[string]string{
				"src/m/__init__.py":   "",
				"src/m/reg.py":        "def register(c):\n    return c\n",
				"src/m/units.py":      oldMod,
				"tests/test_unit.py":  "from m.units import Unit\n\n\ndef test_lt():\n    assert Unit() < Unit()\n",
				"tests/test_other.py": "from m import units\n\n\ndef test_other():\n    assert units\n",
			}
			imp, lt, other := "", "tests/test_unit.py::test_lt|run", "tests/test_other.py::test_other|run"
			cov := coverage{
				"src/m/reg.py":        {1: {imp}, 2: {imp}},
				"src/m/units.py":      {1: {imp}, 3: {imp}, 6: {imp}, 7: {imp}, 8: {imp}, 9: {lt}, 12: {imp}, 13: {imp}, 14: {imp}},
				"tests/test_unit.py":  {1: {imp}, 4: {imp}, 5: {lt}},
				"tests/test_other.py": {1: {imp}, 4: {imp}, 5: {other}},
			}
			edit := func(c map[string]string) { c["src/m/units.py"] = tt.edit(mod) }
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/units.py")}, nil, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
