package runner

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// lookPath resolves name like a shell would, but in the PATH of the child's
// environment rather than ours, since that is the PATH the user configured
// for the run (exec.LookPath only sees the current process's PATH).
func lookPath(name string, env []string, dir string) (string, error) {
	if strings.Contains(name, "/") {
		if err := checkExecutable(resolveIn(dir, name)); err != nil {
			return "", notFound(name, err)
		}
		return name, nil
	}
	for _, d := range filepath.SplitList(envValue(env, "PATH")) {
		if d == "" {
			d = "."
		}
		p := filepath.Join(d, name)
		if checkExecutable(resolveIn(dir, p)) == nil {
			if !filepath.IsAbs(p) {
				p = "./" + p
			}
			return p, nil
		}
	}
	return "", notFound(name, fmt.Errorf("not in PATH"))
}

// notFound names the launcher and the fix for how it was named: a path
// that is wrong is the user's to correct, a missing uv is the most common
// first-run failure.
func notFound(name string, cause error) error {
	switch {
	case strings.Contains(name, "/"):
		return &notFoundError{fmt.Sprintf("the launcher %s cannot run (%v): fix the path given by --runner, IMPACTED_RUNNER or [tool.impacted] runner", name, cause)}
	case name == "uv":
		return &notFoundError{"uv is not in PATH: install it (https://docs.astral.sh/uv/getting-started/installation/), or choose another launcher with --runner"}
	}
	return &notFoundError{fmt.Sprintf("the launcher %q is not in PATH: install it, put it in PATH, or give its full path with --runner", name)}
}

// notFoundError is a launcher that cannot be started; it is ErrNotFound
// for errors.Is, with a message that says what to do.
type notFoundError struct{ msg string }

func (e *notFoundError) Error() string { return e.msg }
func (e *notFoundError) Unwrap() error { return ErrNotFound }

// resolveIn interprets a relative path the way the child will: from its
// working directory.
func resolveIn(dir, p string) string {
	if dir == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(dir, p)
}

func checkExecutable(p string) error {
	fi, err := os.Stat(p)
	if err != nil {
		return err
	}
	if fi.IsDir() || fi.Mode()&0o111 == 0 {
		return fmt.Errorf("%s is not an executable file", p)
	}
	return nil
}

// envValue returns the last value of key in env, the one exec would use.
func envValue(env []string, key string) string {
	val := ""
	for _, kv := range env {
		if k, v, ok := strings.Cut(kv, "="); ok && k == key {
			val = v
		}
	}
	return val
}
