package runner

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestLookPathUsesChildEnv: the launcher is found in the child's PATH, not
// ours, and a miss names the launcher and the fix.
func TestLookPathUsesChildEnv(t *testing.T) {
	dir := t.TempDir()
	bin := filepath.Join(dir, "bin")
	if err := os.Mkdir(bin, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(bin, "fakeuv"), []byte("#!/bin/sh\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, argv0, dir string
		env              []string
		want             string // "" means ErrNotFound
	}{
		{"child PATH", "fakeuv", "", []string{"PATH=/nonexistent:" + bin}, filepath.Join(bin, "fakeuv")},
		{"last PATH wins", "fakeuv", "", []string{"PATH=" + bin, "PATH=/nonexistent"}, ""},
		{"relative PATH entry from Dir", "fakeuv", dir, []string{"PATH=bin"}, "./bin/fakeuv"},
		{"path with slash", "./bin/fakeuv", dir, nil, "./bin/fakeuv"},
		{"no PATH", "fakeuv", "", nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := lookPath(tc.argv0, tc.env, tc.dir)
			if tc.want == "" {
				if !errors.Is(err, ErrNotFound) || !errors.Is(err, exec.ErrNotFound) ||
					!strings.Contains(err.Error(), tc.argv0) || !strings.Contains(err.Error(), "install") {
					t.Errorf("got %q, %v; want a not-found error naming %q and the fix", got, err, tc.argv0)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Errorf("got %q, %v; want %q", got, err, tc.want)
			}
		})
	}
}
