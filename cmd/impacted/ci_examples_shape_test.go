package main

import (
	"fmt"
	"strings"
	"testing"
)

// path walks nested maps by key.
func path(v any, keys ...string) any {
	for _, k := range keys {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// checkGitHub: the map is built on pushes to main and nightly, in the same
// matrix the pull requests' tests run in, stored by commit, restored by
// ancestor, and every shard writes its metrics to the job summary.
func checkGitHub(t *testing.T, doc map[string]any) {
	t.Helper()
	on := doc["true"] // YAML 1.1 reads the key `on` as a boolean
	triggers, _ := on.(map[string]any)
	if _, pr := triggers["pull_request"]; !pr || path(on, "push", "branches") == nil || path(on, "schedule") == nil {
		t.Errorf("github-actions.yml: triggers %v, want push to main, schedule and pull_request", on)
	}
	build := fmt.Sprint(path(doc, "jobs", "map-build", "strategy", "matrix", "shard"))
	tests := fmt.Sprint(path(doc, "jobs", "impacted-tests", "strategy", "matrix", "shard"))
	if build != tests || build != "[1 2 3 4]" || path(doc, "env", "SHARDS") != "4" {
		t.Errorf("github-actions.yml: matrices %s and %s, SHARDS %v; want the same 4 shards", build, tests, path(doc, "env", "SHARDS"))
	}
	text := fmt.Sprint(doc)
	for _, want := range []string{"actions/cache/save", "actions/cache/restore", "restore-keys", "impacted-map-${{ github.sha }}", "git merge-base", "GITHUB_STEP_SUMMARY", "fetch-depth:0"} {
		if !strings.Contains(text, want) {
			t.Errorf("github-actions.yml lacks %q", want)
		}
	}
}

// checkGitLab: the same shape with parallel jobs and caches keyed by commit.
func checkGitLab(t *testing.T, doc map[string]any) {
	t.Helper()
	for _, job := range []string{"impacted-map-build", "impacted-tests"} {
		if p := path(doc, job, "parallel"); fmt.Sprint(p) != "4" {
			t.Errorf("gitlab-ci.yml: %s runs parallel: %v, want 4", job, p)
		}
	}
	if k := path(doc, "impacted-tests", "cache", "key"); k != "impacted-map-$CI_MERGE_REQUEST_DIFF_BASE_SHA" {
		t.Errorf("gitlab-ci.yml: merge requests restore %v, want the merge-base's map", k)
	}
	if !strings.Contains(fmt.Sprint(path(doc, "impacted-map-merge", "cache")), "impacted-map-$CI_COMMIT_SHA") {
		t.Errorf("gitlab-ci.yml: the merged map is not cached by commit")
	}
}
