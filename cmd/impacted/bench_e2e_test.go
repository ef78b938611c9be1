package main

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/bench"
)

// TestBench: `impacted bench -n 2 --json` measures impacted and the whole
// suite alternately on the current change: the report has both variants
// with every replicate, the tests each ran, the selector's time, and a
// speed-up that is the ratio of the medians it reports. (Structure only:
// timing on a shared machine proves nothing in a test.)
func TestBench(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	out, errOut, code := impacted(t, p.dir, nil, "bench", "-n", "2", "--json")
	if code != 0 {
		t.Fatalf("bench: exit %d\n%s\n%s", code, out, errOut)
	}
	var r bench.Report
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("bench --json: %v\n%s", err, out)
	}
	if r.Replicates != 2 || r.FallbackReason != "none" || r.ImpactedCount != 7 || r.TotalInMap != 79 || len(r.SelectorMS.Runs) != 2 || r.SelectorMS.Median <= 0 {
		t.Errorf("report header: %+v", r)
	}
	if len(r.Variants) != 2 || r.Variants[0].Name != "impacted serial" || r.Variants[0].Tests != 7 || r.Variants[1].Name != "full serial" || r.Variants[1].Tests != 79 {
		t.Fatalf("variants: %+v", r.Variants)
	}
	for _, v := range r.Variants {
		if len(v.WallS.Runs) != 2 || len(v.CPUS.Runs) != 2 || v.WallS.Median != (v.WallS.Runs[0]+v.WallS.Runs[1])/2 || v.CPUS.Median <= 0 {
			t.Errorf("%s: replicates %+v / %+v", v.Name, v.WallS, v.CPUS)
		}
	}
	if len(r.Speedups) != 1 || r.Speedups[0].Mode != "serial" ||
		math.Abs(r.Speedups[0].Wall-r.Variants[1].WallS.Median/r.Variants[0].WallS.Median) > 0.006 ||
		math.Abs(r.Speedups[0].CPU-r.Variants[1].CPUS.Median/r.Variants[0].CPUS.Median) > 0.006 {
		t.Errorf("speed-up %+v is not full/impacted of the medians %+v", r.Speedups, r.Variants)
	}
	if n := strings.Count(errOut, "impacted: bench: "); n != 4 || !strings.Contains(errOut, "impacted: bench: 4/4 ") {
		t.Errorf("want one progress line per run (4), got %d:\n%s", n, errOut)
	}
}
