package pydeps

import (
	"os"
	"path/filepath"
	"testing"
)

func write(t *testing.T, path, data string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestHas: a distribution counts when any pyproject.toml from the project
// up to the repository top declares it (in any requirement table, any
// spelling), or when a venv uv would use has it installed.
func TestHas(t *testing.T) {
	top := t.TempDir()
	proj := filepath.Join(top, "packages", "app")
	write(t, filepath.Join(proj, "pyproject.toml"), `[project]
name = "app"
dependencies = ["requests>=2"]
[project.optional-dependencies]
test = ["Pytest_Cov[toml] >=4 ; python_version >= '3.8'"]
[dependency-groups]
lint = [{include-group = "dev"}]
`)
	write(t, filepath.Join(top, "pyproject.toml"), `[tool.uv]
dev-dependencies = ["pytest==8.3"]
`)
	write(t, filepath.Join(top, ".venv", "lib", "python3.12", "site-packages", "pytest_xdist-3.6.1.dist-info", "METADATA"), "")
	p := Locate(proj, top, "")
	for dist, want := range map[string]bool{"pytest": true, "pytest-cov": true, "pytest-xdist": true, "requests": true, "pytest-randomly": false} {
		if got := p.Has(dist); got != want {
			t.Errorf("Has(%q) = %v, want %v", dist, got, want)
		}
	}
	if Locate(proj, proj, "").Has("pytest-xdist") {
		t.Error("a venv above the repository top must not count")
	}
	env := filepath.Join(t.TempDir(), "env")
	write(t, filepath.Join(env, "lib", "python3.11", "site-packages", "pytest_randomly-3.0.dist-info", "RECORD"), "")
	if !Locate(proj, proj, env).Has("pytest-randomly") {
		t.Error("UV_PROJECT_ENVIRONMENT's venv must count")
	}
}
