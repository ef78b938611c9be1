package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestVersionEverywhere: --version, `impacted version` and the map's build
// record name the same version, and `impacted help CMD` is a command's help.
func TestVersionEverywhere(t *testing.T) {
	p := sharedShop(t)
	out, _ := mustRun(t, p.dir, nil, impactedBin, "--version")
	v, ok := strings.CutPrefix(strings.TrimSpace(out), "impacted version ")
	if !ok || v == "" {
		t.Fatalf("--version printed %q", out)
	}
	out, _ = mustRun(t, p.dir, nil, impactedBin, "version")
	if first, _, _ := strings.Cut(out, "\n"); first != "impacted "+v || !strings.Contains(out, "go:      go1.") {
		t.Errorf("`impacted version` printed %q, want \"impacted %s\" and the Go version", out, v)
	}
	doc := readMapDoc(t, filepath.Join(p.dir, defaultMap))
	if doc.Impacted == nil || doc.Impacted.Version != v {
		t.Errorf("the map's build record names impacted %+v, want %q", doc.Impacted, v)
	}
	out, _ = mustRun(t, p.dir, nil, impactedBin, "help", "run")
	if !strings.HasPrefix(out, "NAME:\n   impacted run - ") {
		t.Errorf("`impacted help run` is not run's help:\n%s", out)
	}
}
