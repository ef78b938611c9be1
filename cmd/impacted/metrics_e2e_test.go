package main

import (
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// TestMetricsAreFacts: each field of the metrics line states what this
// run did. impacted_count is the number of tests pytest was given (a new
// test file the map has never seen counted 0; a deleted one still
// counted), workers the number of xdist workers that ran (not "auto"), and
// what does not apply reads "-" (select printed workers=0 pytest_exit=-1).
func TestMetricsAreFacts(t *testing.T) {
	t.Run("new test file", func(t *testing.T) {
		p := sharedShop(t)
		p.write("tests/test_new.py", "def test_a():\n    pass\n\n\ndef test_b():\n    pass\n\n\ndef test_c():\n    pass\n")
		out, errOut, code := impacted(t, p.dir, nil, "run")
		if code != 0 || passedCount(out) != 3 {
			t.Fatalf("exit %d, %d passed\n%s\n%s", code, passedCount(out), out, errOut)
		}
		wantMetrics(t, metricsLine(t, out), map[string]string{"impacted_count": "3", "p": "0.038"})
	})
	t.Run("deleted test file", func(t *testing.T) {
		p := sharedShop(t)
		p.replace("src/shop/pricing.py", grossLine, grossSafe)
		if err := os.Remove(filepath.Join(p.dir, "tests", "test_catalog.py")); err != nil {
			t.Fatal(err)
		}
		out, errOut, code := impacted(t, p.dir, nil, "run")
		n := passedCount(out)
		if code != 0 || n == 0 || n >= 7 {
			t.Fatalf("exit %d, %d passed; want fewer than the 7 selected with test_catalog.py\n%s\n%s", code, n, out, errOut)
		}
		wantMetrics(t, metricsLine(t, out), map[string]string{"impacted_count": strconv.Itoa(n)})
		sel, errOut := mustRun(t, p.dir, nil, impactedBin, "select")
		wantMetrics(t, metricsLine(t, errOut), map[string]string{"impacted_count": strconv.Itoa(n),
			"workers": "-", "pytest_exit": "-", "mode": "select"})
		if sel == "" {
			t.Error("select printed nothing")
		}
	})
	t.Run("xdist auto", func(t *testing.T) {
		p := sharedShop(t)
		p.replace("src/shop/pricing.py", grossLine, grossSafe)
		out, errOut, code := impacted(t, p.dir, []string{"PYTEST_XDIST_AUTO_NUM_WORKERS=2"}, "run", "--xdist", "auto")
		if code != 0 || passedCount(out) != 7 {
			t.Fatalf("exit %d, %d passed\n%s\n%s", code, passedCount(out), out, errOut)
		}
		wantMetrics(t, metricsLine(t, out), map[string]string{"workers": "2", "mode": "xdist", "impacted_count": "7"})
		dry, _ := mustRun(t, p.dir, nil, impactedBin, "run", "--dry-run", "--xdist", "auto")
		wantMetrics(t, metricsLine(t, dry), map[string]string{"workers": "-", "pytest_exit": "-"})
	})
}
