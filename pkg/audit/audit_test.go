package audit

import (
	"slices"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

func TestCompare(t *testing.T) {
	selected := map[string]string{"t.py::a": "failed", "t.py::b": "passed", "u.py::c": "passed"}
	full := map[string]string{"t.py::a": "failed", "t.py::b": "failed", "u.py::c": "passed", "v.py::d": "error", "w.py::e": "passed"}
	r := Compare(selected, full)
	if !slices.Equal(r.Missed, []string{"v.py::d"}) || !slices.Equal(r.FailedFull, []string{"t.py::a", "t.py::b", "v.py::d"}) ||
		!slices.Equal(r.Flaky, []string{"t.py::b"}) || r.Selected != 3 || r.FailedSelected != 1 {
		t.Errorf("Compare = %+v", r)
	}
	if l := r.Line("", 1, 2); !strings.HasPrefix(l, "impacted-audit: verdict=missed selected=3 failed_selected=1 failed_full=3 missed=1 flaky=1 fallback_reason=none") {
		t.Errorf("Line = %q", l)
	}
	// a module that fails to import, met by the selection through its tests
	r = Compare(map[string]string{"x.py::t": "error"}, map[string]string{"x.py": "error"})
	if len(r.Missed) != 0 {
		t.Errorf("collection error the selection met: missed %v", r.Missed)
	}
}

func TestNearest(t *testing.T) {
	changes := []gitdiff.Change{
		{Status: 'M', OldPath: "src/a.py", NewPath: "src/a.py", Hunks: []gitdiff.Hunk{{OldStart: 10, OldCount: 2}, {OldStart: 40, OldCount: 1}}},
		{Status: 'M', OldPath: "data.json", NewPath: "data.json"},
	}
	ran := func(p string) []int {
		if p == "src/a.py" {
			return []int{1, 2, 37}
		}
		return nil
	}
	if got, want := Nearest("tests/t.py::x", changes, ran), "src/a.py:40 (it ran line 37, 3 away)"; got != want {
		t.Errorf("Nearest = %q, want %q", got, want)
	}
	none := func(string) []int { return nil }
	if got, want := Nearest("tests/t.py::x", changes, none), "it ran no changed file; the change: src/a.py:10-11,40, data.json"; got != want {
		t.Errorf("Nearest = %q, want %q", got, want)
	}
}
