package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/exitcode"
)

// TestHintsWhereUsersGetStuck: a project without pytest, pytest-cov or
// pytest-xdist, and a --runner that does not exist, each stop before
// anything runs with exit 69 and the command that fixes it.
func TestHintsWhereUsersGetStuck(t *testing.T) {
	tests := []struct {
		name, deps string
		args       []string
		want       []string
		not        string
	}{
		{"pytest missing", `[]`, []string{"run"}, []string{"has no pytest ", "uv add --dev pytest`"}, ""},
		{"xdist missing", `["pytest", "pytest-cov"]`, []string{"run", "--xdist", "2"}, []string{"has no pytest-xdist", "uv add --dev pytest-xdist`", "without --xdist"}, ""},
		{"pytest-cov missing", `["pytest"]`, []string{"map", "build", "--collector", "coverage"}, []string{"has no pytest-cov", "uv add --dev pytest-cov`"}, ""},
		{"runner path missing", `["pytest"]`, []string{"run", "--runner", "/nope/python"}, []string{"/nope/python", "--runner"}, "uv"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			pyproject := "[project]\nname = \"p\"\nversion = \"0\"\n\n[dependency-groups]\ndev = " + tt.deps + "\n"
			if err := os.WriteFile(filepath.Join(dir, "pyproject.toml"), []byte(pyproject), 0o644); err != nil {
				t.Fatal(err)
			}
			git(t, dir, "init", "-q", "-b", "main")
			git(t, dir, "add", "-A")
			git(t, dir, "commit", "-q", "-m", "initial")
			_, errOut, code := impacted(t, dir, nil, tt.args...)
			last := lastLine(errOut)
			if code != exitcode.Unavailable {
				t.Errorf("exit %d, want %d\n%s", code, exitcode.Unavailable, errOut)
			}
			for _, w := range tt.want {
				if !strings.Contains(last, w) {
					t.Errorf("the error lacks %q:\n%s", w, last)
				}
			}
			if tt.not != "" && strings.Contains(last, tt.not) {
				t.Errorf("the error must not mention %q:\n%s", tt.not, last)
			}
			if _, err := os.Stat(filepath.Join(dir, ".venv")); err == nil {
				t.Error("uv ran: .venv exists; the check must come before anything starts")
			}
		})
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
