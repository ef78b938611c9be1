package config

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func writePyproject(t *testing.T, body string) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return dir
}

func TestLoadDefaultsWithoutPyproject(t *testing.T) {
	_, r, err := Load(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	if r.Threshold != DefaultThreshold || MatchAny(r.Invalidate, "pytest.ini") == "" || !r.IsTestFile("tests/test_a.py") {
		t.Fatalf("defaults not applied: %+v", r)
	}
}

func TestLoadMergesUserLists(t *testing.T) {
	dir := writePyproject(t, `
[project]
name = "x"
[tool.impacted]
threshold = 0.25
invalidate = ["src/x/settings.py"]
ignore = ["notebooks/**"]
[tool.pytest.ini_options]
python_files = "check_*.py"
`)
	f, r, err := Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if r.Threshold != 0.25 || *f.Threshold != 0.25 {
		t.Errorf("threshold = %v", r.Threshold)
	}
	if MatchAny(r.Invalidate, "src/x/settings.py") == "" || MatchAny(r.Invalidate, "pytest.ini") == "" {
		t.Errorf("invalidate did not extend defaults: %v", r.Invalidate)
	}
	if MatchAny(r.Ignore, "notebooks/a.ipynb") == "" || MatchAny(r.Ignore, "README.md") == "" {
		t.Errorf("ignore did not extend defaults: %v", r.Ignore)
	}
	if !r.IsTestFile("tests/check_a.py") || r.IsTestFile("tests/test_a.py") {
		t.Errorf("python_files not honoured: %v", r.TestFiles)
	}
}

func TestLoadRejectsBadInput(t *testing.T) {
	tests := map[string]string{
		"typo":      "[tool.impacted]\nthreshhold = 0.3\n",
		"range":     "[tool.impacted]\nthreshold = 3\n",
		"syntax":    "[tool.impacted\n",
		"wrongtype": "[tool.impacted]\nthreshold = \"high\"\n",
	}
	for name, body := range tests {
		t.Run(name, func(t *testing.T) {
			_, _, err := Load(writePyproject(t, body))
			if err == nil || !strings.Contains(err.Error(), "pyproject.toml") {
				t.Fatalf("want an error naming pyproject.toml, got %v", err)
			}
		})
	}
}
