package pytestplugin

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// shopSource is the example project the end-to-end tests run pytest on.
const shopSource = "../../examples/shop"

// recorderPlugin records, on the controller, every test that reached setup,
// so a test can compare what ran with what was selected, under xdist too.
const recorderPlugin = `import json, os

_ran = []


def pytest_runtest_logreport(report):
    if report.when == "setup":
        _ran.append(report.nodeid)


def pytest_sessionfinish(session):
    if not hasattr(session.config, "workerinput"):
        with open(os.environ["IMPACTED_RECORD_OUT"], "w", encoding="utf-8") as handle:
            json.dump(_ran, handle)
`

// pyProject is a synced scratch copy of examples/shop plus installed plugins.
type pyProject struct {
	dir       string
	pluginDir string
}

// newShop copies examples/shop into a temp dir, runs `uv sync --locked` (a
// missing uv is a failure, not a skip) and installs the plugins.
func newShop(t *testing.T) pyProject {
	t.Helper()
	if _, err := exec.LookPath("uv"); err != nil {
		t.Fatalf("uv is required for the pytest plugin tests: %v", err)
	}
	project := pyProject{dir: filepath.Join(t.TempDir(), "shop"), pluginDir: filepath.Join(t.TempDir(), "plugins")}
	if err := copyTree(shopSource, project.dir); err != nil {
		t.Fatalf("copy %s: %v", shopSource, err)
	}
	if _, err := Install(project.pluginDir); err != nil {
		t.Fatalf("Install: %v", err)
	}
	recorder := filepath.Join(project.pluginDir, "impacted_record.py")
	if err := os.WriteFile(recorder, []byte(recorderPlugin), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := project.command(nil, "uv", "sync", "--locked", "--quiet").CombinedOutput(); err != nil {
		t.Fatalf("uv sync in %s: %v\n%s", project.dir, err, out)
	}
	return project
}

// command builds a child in the project with a hermetic environment: the
// plugins on PYTHONPATH and no inherited pytest or uv project settings.
func (p pyProject) command(env map[string]string, name string, args ...string) *exec.Cmd {
	cmd := exec.Command(name, args...)
	cmd.Dir = p.dir
	for _, kv := range os.Environ() {
		key, _, _ := strings.Cut(kv, "=")
		switch key {
		case "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "VIRTUAL_ENV", "UV_PROJECT_ENVIRONMENT", "PYTHONPATH", "COVERAGE_CORE", SelectionEnv, MapInfoOutEnv:
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, "PYTHONPATH="+p.pluginDir, "PYTHONDONTWRITEBYTECODE=1")
	for key, value := range env {
		cmd.Env = append(cmd.Env, key+"="+value)
	}
	return cmd
}

// pytest runs `uv run --locked pytest args...` and returns pytest's exit
// code and combined output; failing to start at all fails the test.
func (p pyProject) pytest(t *testing.T, env map[string]string, args ...string) (int, string) {
	t.Helper()
	cmd := p.command(env, "uv", append([]string{"run", "--locked", "pytest"}, args...)...)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case err == nil:
		return 0, out.String()
	case errors.As(err, &exit):
		return exit.ExitCode(), out.String()
	default:
		t.Fatalf("run pytest: %v\n%s", err, out.String())
		return -1, ""
	}
}

// writeFile writes content to a path relative to the project.
func (p pyProject) writeFile(t *testing.T, rel, content string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(p.dir, rel), []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readRecorded(t *testing.T, path string) []string {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read recorded node ids: %v", err)
	}
	var ids []string
	if err := json.Unmarshal(content, &ids); err != nil {
		t.Fatalf("decode recorded node ids: %v", err)
	}
	sort.Strings(ids)
	return ids
}

// copyTree copies a project without its virtualenv and caches.
func copyTree(src, dst string) error {
	skip := map[string]bool{".venv": true, ".pytest_cache": true, "__pycache__": true, ".cache": true}
	return filepath.WalkDir(src, func(path string, entry fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		if skip[entry.Name()] || strings.HasPrefix(entry.Name(), ".coverage") {
			if entry.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		target := filepath.Join(dst, rel)
		if entry.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		content, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, content, 0o644)
	})
}
