package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunFromSubdirectory: from tests/ or src/shop/, impacted finds the
// project like git and pytest do: the same selection, pytest run from the
// root, and no .cache/ written into the subdirectory.
func TestRunFromSubdirectory(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	want, _ := mustRun(t, p.dir, nil, impactedBin, "select")
	for _, sub := range []string{"tests", "src/shop"} {
		t.Run(sub, func(t *testing.T) {
			dir := filepath.Join(p.dir, sub)
			got, errOut, code := impacted(t, dir, nil, "select")
			if code != 0 || got != want {
				t.Errorf("select from %s: exit %d\n%s\nwant:\n%s\n%s", sub, code, got, want, errOut)
			}
			out, errOut, code := impacted(t, dir, nil, "run")
			if code != 0 || passedCount(out) != 7 {
				t.Errorf("run from %s: exit %d, %d passed, want 0 and 7\n%s\n%s", sub, code, passedCount(out), out, errOut)
			}
			if _, err := os.Stat(filepath.Join(dir, ".cache")); err == nil {
				t.Errorf("a .cache/ was written into %s", sub)
			}
		})
	}
}

// TestSelectDropsDeletedFiles: a deleted test file the change would select
// is neither printed nor left in .cache/impacted_nodeids.txt, so
// `pytest $(impacted select)` runs (it exited 4 on the missing path).
func TestSelectDropsDeletedFiles(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	if err := os.Remove(filepath.Join(p.dir, "tests", "test_catalog.py")); err != nil {
		t.Fatal(err)
	}
	sel, errOut := mustRun(t, p.dir, nil, impactedBin, "select")
	if strings.Contains(sel, "test_catalog.py") || sel == "" {
		t.Errorf("select printed the deleted file (or nothing):\n%s\n%s", sel, errOut)
	}
	mustRun(t, p.dir, nil, impactedBin, "run", "--dry-run")
	ids, err := os.ReadFile(filepath.Join(p.dir, nodeIDsFile))
	if err != nil || strings.Contains(string(ids), "test_catalog.py") || len(ids) == 0 {
		t.Errorf("%s = %q, %v: want the selection without the deleted file", nodeIDsFile, ids, err)
	}
	args := append([]string{"run", "pytest", "-q", "-p", "no:cacheprovider"}, strings.Fields(sel)...)
	if out, errOut, code := runCmd(t, p.dir, nil, "uv", args...); code != 0 {
		t.Errorf("pytest $(impacted select): exit %d\n%s\n%s", code, out, errOut)
	}
}
