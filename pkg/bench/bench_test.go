package bench

import (
	"bytes"
	"strings"
	"testing"
)

func TestSummarize(t *testing.T) {
	s := Summarize([]float64{3, 1, 2, 10})
	if s.Median != 2.5 || s.MAD != 1 {
		t.Errorf("Summarize = %+v, want median 2.5, MAD 1", s)
	}
	if s := Summarize(nil); s.Median != 0 || s.Runs == nil {
		t.Errorf("Summarize(nil) = %+v", s)
	}
}

func TestFinishAndTable(t *testing.T) {
	r := Report{Replicates: 2, FallbackReason: "none", Variants: []Variant{
		{Name: "impacted serial", Mode: "serial", Selection: "impacted", WallS: Summarize([]float64{1, 1}), CPUS: Summarize([]float64{0.5})},
		{Name: "full serial", Mode: "serial", Selection: "full", WallS: Summarize([]float64{3, 3}), CPUS: Summarize([]float64{2})},
		{Name: "full xdist", Mode: "xdist", Selection: "full", WallS: Summarize([]float64{2})},
	}}
	r.Finish()
	if len(r.Speedups) != 1 || r.Speedups[0] != (Speedup{Mode: "serial", Wall: 3, CPU: 4}) {
		t.Errorf("Speedups = %+v", r.Speedups)
	}
	var buf bytes.Buffer
	r.Table(&buf)
	if !strings.Contains(buf.String(), "speed-up serial: 3.00x wall, 4.00x CPU") || !strings.Contains(buf.String(), "| full serial      |     0 | 3.000 (0.000)") {
		t.Errorf("Table:\n%s", buf.String())
	}
}
