package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// mapInfo is `impacted map info --json`.
type mapInfo struct {
	Map            string `json:"map"`
	Tests          int    `json:"tests"`
	Files          int    `json:"files"`
	Bytes          int64  `json:"bytes"`
	Commit         string `json:"commit"`
	Dirty          bool   `json:"dirty"`
	Age            string `json:"age"`
	Python         string `json:"python"`
	Pytest         string `json:"pytest"`
	Coverage       string `json:"coverage"`
	FailedAtBuild  int    `json:"failed_at_build"`
	Usable         bool   `json:"usable"`
	FallbackReason string `json:"fallback_reason"`
}

// TestMapInfo: `impacted map info` describes the map (tests, files, commit,
// age, versions, size) and says whether it is usable for the current tree
// and why not, in text and in JSON; a map older than HEAD is still usable,
// one built by another Python is not.
func TestMapInfo(t *testing.T) {
	dir := newProject(t, "shop")
	buildMap(t, dir, nil)
	mapCommit := strings.TrimSpace(git(t, dir, "rev-parse", "HEAD"))
	doc := readMapDoc(t, filepath.Join(dir, defaultMap))
	st, err := os.Stat(filepath.Join(dir, defaultMap))
	if err != nil {
		t.Fatal(err)
	}
	venv := venvVersion(t, dir)
	good := mapInfo{Map: defaultMap, Tests: len(doc.tests()), Files: len(doc.Files), Bytes: st.Size(), Commit: mapCommit,
		Python: venv, Pytest: doc.Impacted.Pytest, Coverage: doc.Impacted.Coverage, Usable: true}
	if good.Tests != 79 || good.Pytest == "" || good.Coverage == "" {
		t.Fatalf("the map itself is wrong: %+v", good)
	}

	checkInfo(t, dir, "fresh map", good)
	editFile(t, dir, "src/shop/formatting.py", `"""Return '1 item' or '3 items'."""`, `"""Return '1 item' or '3 items' (main moved on)."""`)
	git(t, dir, "commit", "-qam", "main moves on")
	checkInfo(t, dir, "map older than HEAD", good)

	other := "3.12.1"
	if venv == other {
		other = "3.13.0"
	}
	mustRun(t, dir, []string{"UV_PYTHON=/root/.pyenv/versions/" + other + "/bin/python3"}, "uv", "sync", "-q")
	stale := good
	stale.Usable, stale.FallbackReason = false, "python-changed:"+venv+"->"+other
	checkInfo(t, dir, "map from another Python", stale)

	if err := os.WriteFile(filepath.Join(dir, ".cache", "empty.json"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := impacted(t, dir, nil, "map", "info", "--map", ".cache/empty.json"); code != 65 || strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
		t.Errorf("map info on an empty map: exit %d, want 65 and one line:\n%s", code, errOut)
	}
}

// checkInfo compares `map info --json` with want, and the text form with
// the JSON.
func checkInfo(t *testing.T, dir, what string, want mapInfo) {
	t.Helper()
	out, _ := mustRun(t, dir, nil, impactedBin, "map", "info", "--json")
	var got mapInfo
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%s: map info --json: %v\n%s", what, err, out)
	}
	if age, err := time.ParseDuration(got.Age); err != nil || age < 0 || age > time.Hour {
		t.Errorf("%s: age %q is not the map's age", what, got.Age)
	}
	got.Age = ""
	if got != want {
		t.Errorf("%s: map info --json\n got %+v\nwant %+v", what, got, want)
	}
	var all map[string]any
	if err := json.Unmarshal([]byte(out), &all); err != nil {
		t.Fatal(err)
	}
	text, _ := mustRun(t, dir, nil, impactedBin, "map", "info")
	lines := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(text), "\n") {
		k, v, _ := strings.Cut(line, ":")
		lines[k] = strings.TrimSpace(v)
	}
	for k, v := range all {
		if text, ok := lines[k]; !ok || (k != "age" && text != fmt.Sprint(v)) {
			t.Errorf("%s: the text says %s: %q, the JSON %v", what, k, text, v)
		}
	}
	if len(lines) != len(all) {
		t.Errorf("%s: the text has %d fields, the JSON %d:\n%s", what, len(lines), len(all), text)
	}
}

// venvVersion is the project's Python, as pyvenv.cfg records it.
func venvVersion(t *testing.T, dir string) string {
	t.Helper()
	for _, line := range strings.Split(string(mustReadFile(t, filepath.Join(dir, ".venv", "pyvenv.cfg"))), "\n") {
		if k, v, ok := strings.Cut(line, "="); ok && strings.TrimSpace(k) == "version_info" {
			return strings.TrimSpace(v)
		}
	}
	t.Fatal("pyvenv.cfg has no version_info")
	return ""
}
