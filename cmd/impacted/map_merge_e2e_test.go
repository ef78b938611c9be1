package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// jsonMap is the part of a coverage.py JSON map the merge tests compare.
type jsonMap struct {
	Files map[string]struct {
		Contexts map[string][]string `json:"contexts"`
	} `json:"files"`
	Impacted struct {
		Commit string `json:"commit"`
		Tests  map[string]struct {
			Outcome   string  `json:"outcome"`
			DurationS float64 `json:"duration_s"`
		} `json:"tests"`
		Shard *struct{ K, N int } `json:"shard"`
	} `json:"impacted"`
}

func readJSONMap(t *testing.T, path string) jsonMap {
	t.Helper()
	var m jsonMap
	if err := json.Unmarshal(mustReadFile(t, path), &m); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return m
}

// buildShards builds the n shard maps of the project into dir and returns their paths.
func buildShards(t *testing.T, project, dir string, n int) []string {
	t.Helper()
	var parts []string
	for k := 1; k <= n; k++ {
		part := filepath.Join(dir, fmt.Sprintf("part-%d-of-%d.json", k, n))
		mustRun(t, project, nil, impactedBin, "map", "build", "--shard", fmt.Sprintf("%d/%d", k, n), "-o", part)
		parts = append(parts, part)
	}
	return parts
}

// TestMapMergeOfShardsIsTheSingleBuild: the shards of 2 and 3 merged hold
// the same tests, files, lines and outcomes as one build. Code that runs
// once per process (a fixture wider than a function, a cache filled on
// first use) runs once per shard instead of once, so the merged map also
// credits it to the first test of each shard that ran it. Since a shard
// keeps the collection order, the test one build credited is also the
// first in its shard: contexts may be extra, never missing.
func TestMapMergeOfShardsIsTheSingleBuild(t *testing.T) {
	p := sharedShop(t)
	single := readJSONMap(t, filepath.Join(p.dir, defaultMap))
	tmp := t.TempDir()
	for _, n := range []int{2, 3} {
		parts := buildShards(t, p.dir, tmp, n)
		for _, part := range parts {
			if m := readJSONMap(t, part); m.Impacted.Shard == nil || len(m.Impacted.Tests) >= len(single.Impacted.Tests) {
				t.Fatalf("%s: shard record %v, %d tests of %d: not one shard's part", part, m.Impacted.Shard, len(m.Impacted.Tests), len(single.Impacted.Tests))
			}
		}
		// A part alone is not a usable map.
		if s := selectIn(t, p.dir, nil, "--map", parts[0]); s.code != 2 || !strings.HasPrefix(s.fallback(), "map-is-one-shard:1/") {
			t.Errorf("select on one shard's map: exit %d, fallback %q; want 2, map-is-one-shard", s.code, s.fallback())
		}
		out := filepath.Join(tmp, fmt.Sprintf("merged-%d.json", n))
		mustRun(t, p.dir, nil, impactedBin, append(append([]string{"map", "merge"}, parts...), "-o", out)...)
		compareMaps(t, fmt.Sprintf("%d shards merged", n), single, readJSONMap(t, out))
		// The merged map selects what the single one selects.
		p.replace("src/shop/pricing.py", grossLine, grossSafe)
		want, got := mustSelect(t, p.dir, nil), mustSelect(t, p.dir, nil, "--map", out)
		if !slices.Equal(got.args, want.args) {
			t.Errorf("%d shards merged select %v, the single map %v", n, got.args, want.args)
		}
		resetTree(t, p.dir)
	}
}

func compareMaps(t *testing.T, what string, single, merged jsonMap) {
	t.Helper()
	if merged.Impacted.Shard != nil || merged.Impacted.Commit != single.Impacted.Commit {
		t.Errorf("%s: shard record %v, commit %s; want none and %s", what, merged.Impacted.Shard, merged.Impacted.Commit, single.Impacted.Commit)
	}
	for id, r := range single.Impacted.Tests {
		m, ok := merged.Impacted.Tests[id]
		if !ok || m.Outcome != r.Outcome || m.DurationS <= 0 {
			t.Errorf("%s: test %s is %+v, want outcome %s with a duration", what, id, m, r.Outcome)
		}
	}
	if len(merged.Impacted.Tests) != len(single.Impacted.Tests) {
		t.Errorf("%s: %d tests, want %d", what, len(merged.Impacted.Tests), len(single.Impacted.Tests))
	}
	if len(merged.Files) != len(single.Files) {
		t.Errorf("%s: %d files, want %d", what, len(merged.Files), len(single.Files))
	}
	extra := 0
	for path, f := range single.Files {
		mf := merged.Files[path].Contexts
		if len(mf) != len(f.Contexts) {
			t.Errorf("%s: %s has %d lines, want %d", what, path, len(mf), len(f.Contexts))
		}
		for line, ctxs := range f.Contexts {
			for _, c := range ctxs {
				if !slices.Contains(mf[line], c) {
					t.Errorf("%s: %s:%s lost context %q", what, path, line, c)
				}
			}
			for _, c := range mf[line] {
				if !slices.Contains(ctxs, c) {
					extra++
				}
			}
		}
	}
	t.Logf("%s: %d tests, %d files; %d extra contexts of once-per-process code", what, len(merged.Impacted.Tests), len(merged.Files), extra)
}

// TestMapMergeRefusesPartsThatDisagree: one line naming the cause and the
// fix, exit 65, and no map written. The commit and the Python of a part are
// changed in its record: building on another commit or Python is what they
// stand for.
func TestMapMergeRefusesPartsThatDisagree(t *testing.T) {
	p := sharedShop(t)
	tmp := t.TempDir()
	parts := buildShards(t, p.dir, tmp, 2)
	edited := func(name, old, new string) string {
		data := string(mustReadFile(t, parts[1]))
		if !strings.Contains(data, old) {
			t.Fatalf("%s does not hold %s", parts[1], old)
		}
		path := filepath.Join(tmp, name)
		if err := os.WriteFile(path, []byte(strings.Replace(data, old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
		return path
	}
	commit := readJSONMap(t, parts[1]).Impacted.Commit
	for _, tc := range []struct {
		name  string
		parts []string
		cause string
	}{
		{"a shard missing", parts[:1], "missing"},
		{"a shard twice", []string{parts[0], parts[0]}, "twice"},
		{"another commit", []string{parts[0], edited("commit.json", `"commit":"`+commit, `"commit":"0000000`)}, "commit"},
		{"another Python", []string{parts[0], edited("python.json", `"python":"`, `"python":"2.7.18 `)}, "Python"},
		{"another uv.lock", []string{parts[0], edited("lock.json", `"uv_lock_sha256":"`, `"uv_lock_sha256":"00`)}, "uv.lock"},
	} {
		out := filepath.Join(tmp, "merged.json")
		_, errOut, code := impacted(t, p.dir, nil, append(append([]string{"map", "merge"}, tc.parts...), "-o", out)...)
		if code != 65 || !strings.Contains(errOut, tc.cause) || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
			t.Errorf("%s: exit %d, want 65 with one line naming %q\n%s", tc.name, code, tc.cause, errOut)
		}
		if _, err := os.Stat(out); err == nil {
			t.Errorf("%s: a map was written", tc.name)
		}
	}
}
