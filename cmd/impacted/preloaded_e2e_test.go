package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMapPreloaded: a project module that pytest imports before any
// collector starts (pluggy, when the project is one of pytest's own
// dependencies; here a plugin that addopts loads with -p ahead of
// impacted's) ran code no map can hold. The build records it, and a change
// to it runs the whole suite, saying why.
func TestMapPreloaded(t *testing.T) {
	dir := newProject(t, "shop")
	early := "\"\"\"A plugin the suite loads with -p, before any other.\"\"\"\n\nfrom shop import formatting\n\nSYMBOL = formatting.format_money(1)\n"
	if err := os.WriteFile(filepath.Join(dir, "src/shop/early.py"), []byte(early), 0o644); err != nil {
		t.Fatal(err)
	}
	editFile(t, dir, "pyproject.toml", "testpaths = [\"tests\"]\n", "testpaths = [\"tests\"]\naddopts = [\"-p\", \"shop.early\"]\n")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-qm", "an early plugin")
	buildMap(t, dir, nil)
	pre := provenanceOf(t, dir).Preloaded
	for _, want := range []string{"src/shop/early.py", "src/shop/formatting.py"} {
		if !slices.Contains(pre, want) {
			t.Fatalf("the map's preloaded modules %q lack %s", pre, want)
		}
	}
	if slices.ContainsFunc(pre, func(p string) bool { return strings.HasPrefix(p, "tests/") || strings.HasPrefix(p, ".venv/") }) {
		t.Errorf("preloaded %q holds a test module or the venv", pre)
	}
	formatMoneyEdit(t, dir)
	_, errOut, code := impacted(t, dir, nil, "select")
	if code != 2 || !strings.Contains(errOut, "fallback_reason=runs-inside-pytest:src/shop/formatting.py") {
		t.Errorf("select after editing a preloaded module: exit %d, want 2 with fallback_reason=runs-inside-pytest:src/shop/formatting.py:\n%s", code, errOut)
	}
}
