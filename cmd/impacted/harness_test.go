package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"testing"
)

// impactedBin is the binary under test, built once by TestMain.
var impactedBin string

func TestMain(m *testing.M) {
	// Started in the background (`&` in a script ignores SIGINT, nohup
	// SIGHUP), the tests would hand impacted and pytest those signals
	// ignored (exec keeps an ignored disposition): catching them resets
	// them to the default in every child. See pkg/runner's TestMain.
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGHUP, syscall.SIGTERM} {
		if signal.Ignored(sig) {
			signal.Notify(make(chan os.Signal, 1), sig)
		}
	}
	dir, err := os.MkdirTemp("", "impacted-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	impactedBin = filepath.Join(dir, "impacted")
	// Built as scripts/wheel ships it (static, -trimpath), which also lets
	// the wheel test reuse every compiled package; without a version
	// stamp or VCS data, so the golden --help says "dev" everywhere.
	build := exec.Command("go", "build", "-trimpath", "-buildvcs=false", "-o", impactedBin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "go build: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// repoRoot is the impacted repository (for examples/).
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// newProject copies examples/<name> into a fresh git repository with one
// commit and a synced virtual environment, and returns its directory.
func newProject(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), name)
	copyTree(t, filepath.Join(repoRoot(t), "examples", name), dir)
	git(t, dir, "init", "-q", "-b", "main")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "initial")
	mustRun(t, dir, nil, "uv", "sync", "-q")
	return dir
}

var skipDirs = map[string]bool{".venv": true, ".pytest_cache": true, ".cache": true, "__pycache__": true}

func copyTree(t testing.TB, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(src, p)
		if d.IsDir() {
			if skipDirs[d.Name()] || strings.HasPrefix(d.Name(), ".coverage") {
				return filepath.SkipDir
			}
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		if strings.HasPrefix(d.Name(), ".coverage") {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), data, 0o644)
	})
	if err != nil {
		t.Fatalf("copy %s: %v", src, err)
	}
}

// gitEnv isolates git from the user's configuration.
func gitEnv() []string {
	return append(os.Environ(), "GIT_CONFIG_GLOBAL=/dev/null", "GIT_CONFIG_NOSYSTEM=1",
		"GIT_AUTHOR_NAME=t", "GIT_AUTHOR_EMAIL=t@example.invalid", "GIT_COMMITTER_NAME=t", "GIT_COMMITTER_EMAIL=t@example.invalid")
}

func git(t testing.TB, dir string, args ...string) string {
	t.Helper()
	out, _ := mustRun(t, dir, nil, "git", args...)
	return out
}

// mustRun runs a command that must succeed.
func mustRun(t testing.TB, dir string, env []string, name string, args ...string) (string, string) {
	t.Helper()
	out, errOut, code := runCmd(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s\n%s", name, strings.Join(args, " "), code, out, errOut)
	}
	return out, errOut
}

// runCmd runs a command and returns its output and exit code; a missing
// program fails the test (a missing tool is an install step to fix).
func runCmd(t testing.TB, dir string, env []string, name string, args ...string) (string, string, int) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = dir
	cmd.Env = append(gitEnv(), env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var ee *exec.ExitError
	switch {
	case err == nil:
		return out.String(), errOut.String(), 0
	case errors.As(err, &ee):
		return out.String(), errOut.String(), ee.ExitCode()
	default:
		t.Fatalf("%s: %v (install it: see scripts/ensure-tools)", name, err)
		return "", "", -1
	}
}

// impacted runs the binary under test in dir.
func impacted(t testing.TB, dir string, env []string, args ...string) (string, string, int) {
	t.Helper()
	return runCmd(t, dir, env, impactedBin, args...)
}

// failingTests runs the whole suite and returns the node ids pytest reports
// as failed or errored (a collection error names the file).
func failingTests(t testing.TB, dir string) []string {
	t.Helper()
	out, errOut, code := runCmd(t, dir, nil, "uv", "run", "pytest", "-q", "-rfE", "-p", "no:cacheprovider", "--no-header")
	if code > 2 && code != 4 {
		t.Fatalf("full suite: exit %d\n%s\n%s", code, out, errOut)
	}
	var failed []string
	for _, line := range strings.Split(out, "\n") {
		for _, prefix := range []string{"FAILED ", "ERROR "} {
			if rest, ok := strings.CutPrefix(line, prefix); ok {
				id, _, _ := strings.Cut(rest, " - ")
				failed = append(failed, strings.TrimSpace(id))
			}
		}
	}
	if code != 0 && len(failed) == 0 {
		// pytest could not even start (a conftest fails to import, exit 4):
		// every test fails, and any selection at all would show it.
		if strings.Contains(out+errOut, "ImportError while loading conftest") {
			return []string{everything}
		}
		t.Fatalf("full suite exited %d but no failure was parsed:\n%s", code, out)
	}
	return failed
}

// everything stands for "the whole suite fails".
const everything = "<every test>"
