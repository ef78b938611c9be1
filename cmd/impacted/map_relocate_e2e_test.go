package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestMapWorksFromAnotherCheckoutPath: without coverage's relative_files,
// coverage.py records absolute paths; the map holds project-relative ones
// anyway, so a project and its map copied to another directory (another
// CI runner's workspace) select the same tests, with exact path matching.
func TestMapWorksFromAnotherCheckoutPath(t *testing.T) {
	dir := newProject(t, "shop")
	editFile(t, dir, "pyproject.toml", "[tool.coverage.run]\nrelative_files = true\n", "")
	git(t, dir, "commit", "-qam", "coverage records absolute paths")
	m := readJSONMap(t, filepath.Join(dir, string(buildMapPath(t, dir))))
	for path := range m.Files {
		if filepath.IsAbs(path) || strings.HasPrefix(path, "..") {
			t.Errorf("the map holds %s, want project-relative paths only", path)
		}
	}
	if len(m.Files) == 0 {
		t.Fatal("the map holds no files")
	}
	// Another checkout path: the repository, the map, no venv, no index cache.
	moved := filepath.Join(t.TempDir(), "elsewhere", "shop")
	mustRun(t, t.TempDir(), nil, "mkdir", "-p", filepath.Dir(moved))
	mustRun(t, t.TempDir(), nil, "cp", "-a", dir, moved)
	mustRun(t, moved, nil, "rm", "-rf", ".venv", ".cache/impacted")
	for _, d := range []string{dir, moved} {
		editFile(t, d, "src/shop/pricing.py", grossLine, grossSafe)
	}
	here := mustSelect(t, dir, nil, "--strict-paths")
	there := mustSelect(t, moved, nil, "--strict-paths")
	if len(here.args) == 0 || !slices.Equal(here.args, there.args) {
		t.Errorf("selected %v here and %v from %s", here.args, there.args, moved)
	}
}

// buildMapPath builds the map in dir and returns its project-relative path.
func buildMapPath(t *testing.T, dir string) string {
	t.Helper()
	mustRun(t, dir, nil, impactedBin, "map", "build")
	return defaultMap
}
