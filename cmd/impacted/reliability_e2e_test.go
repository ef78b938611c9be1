package main

import (
	"encoding/json"
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

// TestBadLauncherFlags: a worker count or colour pytest would reject (or
// silently ignore) is a usage error, exit 64, naming the accepted values,
// before anything runs; --dry-run included.
func TestBadLauncherFlags(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	if err := os.RemoveAll(filepath.Join(p.dir, ".pytest_cache")); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"run", "--xdist", "abc"}, {"run", "--xdist", "-3"}, {"run", "--xdist", "0"},
		{"run", "--dry-run", "--xdist", "0"}, {"run", "--color", "purple"},
		{"run", "--dry-run", "--color", "purple"}, {"map", "build", "--xdist", "abc"},
	} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			out, errOut, code := impacted(t, p.dir, nil, args...)
			want := "want a number of workers (1 or more), auto or logical"
			if strings.Contains(strings.Join(args, " "), "color") {
				want = "want auto, yes or no"
			}
			if code != 64 || !strings.Contains(errOut, want) || strings.Contains(out, "mode=") {
				t.Errorf("exit %d, want 64 with %q and no plan\n%s\n%s", code, want, out, errOut)
			}
		})
	}
	if out, errOut, code := impacted(t, p.dir, []string{"IMPACTED_XDIST=lots"}, "run", "--xdist"); code != 64 {
		t.Errorf("IMPACTED_XDIST=lots: exit %d, want 64\n%s\n%s", code, out, errOut)
	}
	if _, err := os.Stat(filepath.Join(p.dir, ".pytest_cache")); err == nil {
		t.Error("pytest ran")
	}
}

// TestNoCommitsNamed: in a repository without commits, select and map
// build name that cause instead of a missing origin/main.
func TestNoCommitsNamed(t *testing.T) {
	shared := sharedShop(t)
	dir := filepath.Join(t.TempDir(), "fresh")
	copyTree(t, filepath.Join(repoRoot(t), "examples", "shop"), dir)
	git(t, dir, "init", "-q", "-b", "main")
	// A map without provenance, as the ADR's Justfile wrote it.
	data, err := os.ReadFile(filepath.Join(shared.dir, defaultMap))
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	delete(doc, "impacted")
	plain, _ := json.Marshal(doc)
	shopCopy{t: t, dir: dir}.write("coverage.json", string(plain))
	const want = "the repository has no commits yet: commit once, then build the map"
	for _, args := range [][]string{{"select", "--map", "coverage.json"}, {"map", "build"}} {
		out, errOut, code := impacted(t, dir, nil, args...)
		if code != 78 || !strings.Contains(errOut, want) || strings.Contains(errOut, "origin/main") {
			t.Errorf("%v: exit %d, want 78 and %q\n%s\n%s", args, code, want, out, errOut)
		}
	}
}

// makeReadOnly makes dirs unwritable for the rest of the test: by mode,
// or for root (whom modes do not stop) by the immutable attribute.
func makeReadOnly(t *testing.T, dirs ...string) {
	t.Helper()
	for _, d := range dirs {
		if err := os.Chmod(d, 0o555); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = os.Chmod(d, 0o755) })
	}
	probe := filepath.Join(dirs[0], "probe")
	if err := os.WriteFile(probe, nil, 0o644); err != nil {
		return
	}
	os.Remove(probe)
	for _, d := range dirs {
		mustRun(t, d, nil, "chattr", "+i", d)
		t.Cleanup(func() { runCmd(t, d, nil, "chattr", "-i", d) })
	}
	if err := os.WriteFile(probe, nil, 0o644); err == nil {
		os.Remove(probe)
		t.Fatalf("cannot make %s read-only", dirs[0])
	}
}

// TestReadOnlyCache: with a .cache/ that cannot be written, run still runs
// the selected tests (it exited 73 and ran none), keeps its scratch files in
// a temporary directory, and says so once.
func TestReadOnlyCache(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	mustRun(t, p.dir, nil, impactedBin, "run", "--dry-run") // .cache/impacted/runs exists, as after any run
	cache := filepath.Join(p.dir, ".cache")
	if err := os.MkdirAll(filepath.Join(cache, "impacted", "runs"), 0o755); err != nil {
		t.Fatal(err)
	}
	makeReadOnly(t, cache, filepath.Join(cache, "impacted"), filepath.Join(cache, "impacted", "runs"))
	for _, args := range [][]string{{"run"}, {"run", "--xdist", "2"}} {
		out, errOut, code := impacted(t, p.dir, nil, args...)
		if code != 0 || passedCount(out) != 7 {
			t.Errorf("%v: exit %d, %d passed; want 0 and 7\n%s\n%s", args, code, passedCount(out), out, errOut)
		}
		if n := strings.Count(errOut, "warning"); n != 1 || !strings.Contains(errOut, "cannot write .cache/impacted/runs") {
			t.Errorf("%v: want one warning naming .cache/impacted/runs, got %d:\n%s", args, n, errOut)
		}
	}
}
