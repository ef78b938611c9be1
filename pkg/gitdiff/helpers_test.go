package gitdiff

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// testRepo is a real git repository in a temporary directory, driven with
// an isolated environment: no global or system config, a private HOME.
type testRepo struct {
	t   testing.TB
	dir string
	env []string
}

// cleanEnv isolates git from the machine's configuration.
func cleanEnv(t testing.TB, globalConfig string) []string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Fatalf("git is required: %v", err)
	}
	home := t.TempDir()
	return []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"GIT_CONFIG_GLOBAL=" + globalConfig,
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CEILING_DIRECTORIES=" + filepath.Dir(home),
	}
}

func newRepo(t testing.TB) *testRepo {
	t.Helper()
	g := &testRepo{t: t, dir: t.TempDir(), env: cleanEnv(t, "/dev/null")}
	g.git("init", "-q", "-b", "main")
	g.git("config", "user.name", "Test")
	g.git("config", "user.email", "test@example.com")
	g.git("config", "core.autocrlf", "false")
	return g
}

// git runs a git command in the repository and returns its trimmed stdout.
func (g *testRepo) git(args ...string) string {
	g.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = g.dir
	cmd.Env = g.env
	out, err := cmd.CombinedOutput()
	if err != nil {
		g.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

func (g *testRepo) write(path, content string) {
	g.t.Helper()
	full := filepath.Join(g.dir, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
		g.t.Fatal(err)
	}
	if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
		g.t.Fatal(err)
	}
}

func (g *testRepo) remove(path string) {
	g.t.Helper()
	if err := os.Remove(filepath.Join(g.dir, filepath.FromSlash(path))); err != nil {
		g.t.Fatal(err)
	}
}

func (g *testRepo) symlink(target, path string) {
	g.t.Helper()
	full := filepath.Join(g.dir, filepath.FromSlash(path))
	_ = os.Remove(full)
	if err := os.Symlink(target, full); err != nil {
		g.t.Fatal(err)
	}
}

func (g *testRepo) chmod(path string, mode os.FileMode) {
	g.t.Helper()
	if err := os.Chmod(filepath.Join(g.dir, filepath.FromSlash(path)), mode); err != nil {
		g.t.Fatal(err)
	}
}

// commitAll stages everything and commits; it returns the new HEAD.
func (g *testRepo) commitAll(msg string) string {
	g.t.Helper()
	g.git("add", "-A")
	g.git("commit", "-q", "--allow-empty", "-m", msg)
	return g.git("rev-parse", "HEAD")
}

func (g *testRepo) open() *Repo {
	g.t.Helper()
	r, err := OpenEnv(context.Background(), g.dir, g.env)
	if err != nil {
		g.t.Fatal(err)
	}
	return r
}

// numbered renders lines "1\n2\n...n\n".
func numbered(n int) string {
	var b strings.Builder
	for i := 1; i <= n; i++ {
		b.WriteString(strconv.Itoa(i) + "\n")
	}
	return b.String()
}

// replaceLine returns content with 1-based line n replaced by text.
func replaceLine(content string, n int, text string) string {
	ls := strings.SplitAfter(content, "\n")
	ls[n-1] = text + "\n"
	return strings.Join(ls, "")
}

// tryGit runs git and returns its combined output and error, for commands
// expected to fail.
func (g *testRepo) tryGit(args ...string) (string, error) {
	cmd := exec.Command("git", args...)
	cmd.Dir = g.dir
	cmd.Env = g.env
	out, err := cmd.CombinedOutput()
	return string(out), err
}
