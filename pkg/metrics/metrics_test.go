package metrics

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestLine(t *testing.T) {
	tests := []struct {
		name string
		m    Metrics
		want string
	}{
		{"selection", Metrics{Mode: "serial", Workers: "1", ImpactedCount: 3, TotalInMap: 40, P: 0.075, SelectorMS: 12.34, PytestExit: 0, WallS: 1.234},
			"impacted: mode=serial workers=1 full=false impacted_count=3 total_in_map=40 p=0.075 selector_ms=12.3 fallback_reason=none pytest_exit=0 wall_s=1.23"},
		{"fallback with a space", Metrics{Mode: "xdist", Workers: "auto", Full: true, FallbackReason: "invalidated:my dir/uv.lock", PytestExit: 1},
			`impacted: mode=xdist workers=auto full=true impacted_count=0 total_in_map=0 p=0.000 selector_ms=0.0 fallback_reason="invalidated:my dir/uv.lock" pytest_exit=1 wall_s=0.00`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.m.Line(); got != tt.want {
				t.Errorf("Line() =\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

func TestWriteJSONIsAtomicAndComplete(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "m.json")
	if err := WriteJSON(path, Metrics{Mode: "serial", PytestExit: 5}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var got map[string]any
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got["fallback_reason"] != "none" || got["pytest_exit"] != 5.0 || len(got) != 10 {
		t.Errorf("unexpected JSON: %s", data)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// TestNotApplicable: fields that do not apply read "-", not a placeholder
// such as workers=0 or pytest_exit=-1 that looks like a fact.
func TestNotApplicable(t *testing.T) {
	m := Metrics{Mode: "select", Workers: "-", ImpactedCount: NA, TotalInMap: 9, P: NA, PytestExit: NA}
	want := "impacted: mode=select workers=- full=false impacted_count=- total_in_map=9 p=- selector_ms=0.0 fallback_reason=none pytest_exit=- wall_s=0.00"
	if got := m.Line(); got != want {
		t.Errorf("Line() =\n%s\nwant\n%s", got, want)
	}
}
