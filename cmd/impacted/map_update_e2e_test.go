package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestMapUpdate: after each of a few scenario commits (a body edit, a
// deleted function that shifts lines, docstrings in two files), `map
// update` re-records only what the change selects and carries the rest
// through the diff; for the next change, the updated map must select
// every test the map rebuilt from scratch selects (it may credit a broad
// fixture's setup to one more test, never fewer), on Python 3.12's sysmon
// collector. It also must not touch the map on a dirty tree.
func TestMapUpdate(t *testing.T) {
	dir := newProject(t, "shop")
	mustRun(t, dir, []string{"UV_PYTHON=/root/.pyenv/versions/3.12.1/bin/python3"}, "uv", "sync", "-q", "--frozen")
	buildMap(t, dir, nil)
	scenarios := loadScenarios(t, "shop")
	byName := map[string]scenario{}
	for _, sc := range scenarios {
		byName[sc.name] = sc
	}
	same, compared := 0, 0
	for _, step := range []string{"02-body-edit-harmless", "25-delete-function-unused", "33-docstring-only"} {
		resetTree(t, dir)
		git(t, dir, "apply", byName[step].patch)
		git(t, dir, "commit", "-qam", step)
		out, _ := mustRun(t, dir, nil, impactedBin, "map", "update")
		if !strings.Contains(out, "map updated") || !strings.Contains(out, "carried forward") {
			t.Fatalf("after %s, map update did not update:\n%s", step, out)
		}
		if c := provenanceOf(t, dir); c.Commit != strings.TrimSpace(git(t, dir, "rev-parse", "HEAD")) || c.UpdatedFrom == "" {
			t.Fatalf("after %s the updated map records commit %s (updated from %q), not HEAD", step, c.Commit, c.UpdatedFrom)
		}
		copyFile(t, filepath.Join(dir, defaultMap), filepath.Join(dir, ".cache", "updated.json"))
		buildMap(t, dir, nil)
		suite := readMapDoc(t, filepath.Join(dir, defaultMap)).tests()
		applied := 0
		for i, next := range scenarios {
			if i%6 != 0 || next.name == step {
				continue
			}
			resetTree(t, dir)
			if exec.Command("git", "-C", dir, "apply", next.patch).Run() != nil {
				continue // written against the first commit; this step's edit overlaps it
			}
			applied++
			rebuilt := dryRun(t, dir)
			updated := dryRun(t, dir, "--map", ".cache/updated.json")
			var missing []string
			equal := true
			for _, id := range suite {
				r, u := rebuilt.runs(id), updated.runs(id)
				equal = equal && r == u
				if r && !u {
					missing = append(missing, id)
				}
			}
			if len(missing) > 0 {
				t.Errorf("after %s, for %s the updated map misses what the rebuilt one selects: %v", step, next.name, missing)
			}
			compared++
			if equal {
				same++
			}
		}
		if applied < 5 {
			t.Fatalf("after %s only %d later scenarios applied: the check proves little", step, applied)
		}
	}
	t.Logf("updated vs rebuilt maps: the same selection for %d of %d next changes, never fewer tests", same, compared)
	t.Run("dirty tree", func(t *testing.T) {
		resetTree(t, dir)
		git(t, dir, "commit", "-q", "--allow-empty", "-m", "empty")
		before := mustReadFile(t, filepath.Join(dir, defaultMap))
		formatMoneyEdit(t, dir)
		_, errOut, code := impacted(t, dir, nil, "map", "update")
		if code == 0 || !strings.Contains(errOut, "clean work tree") {
			t.Errorf("map update on a dirty tree: exit %d, want a refusal naming the clean tree:\n%s", code, errOut)
		}
		if string(mustReadFile(t, filepath.Join(dir, defaultMap))) != string(before) {
			t.Error("a refused update changed the map")
		}
	})
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	if err := os.WriteFile(to, mustReadFile(t, from), 0o644); err != nil {
		t.Fatal(err)
	}
}
