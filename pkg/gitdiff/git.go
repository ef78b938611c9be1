package gitdiff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// configOverrides neutralise every user setting known to change the output we
// parse. They go on every call because `-c` beats global, system and repo
// config alike, so a hostile ~/.gitconfig cannot break parsing.
func configOverrides() []string {
	return []string{
		"core.quotePath=off",
		"color.ui=false",
		"color.diff=false",
		"color.status=false",
		"diff.noprefix=false",
		"diff.mnemonicPrefix=false",
		"diff.relative=false",
		"diff.interHunkContext=0",
		"diff.autoRefreshIndex=true",
		"status.relativePaths=false",
	}
}

// droppedEnv reports variables that would point git at another repository
// or index than Root, or reshape diff output behind our back (GIT_DIFF_OPTS
// can override -U0). Root alone decides which repository we read.
func droppedEnv(key string) bool {
	switch key {
	case "GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE",
		"GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_PREFIX",
		"GIT_IMPLICIT_WORK_TREE", "GIT_DIFF_OPTS", "GIT_EXTERNAL_DIFF",
		"GIT_PAGER", "PAGER", "LC_ALL", "LANG", "LANGUAGE",
		"GIT_OPTIONAL_LOCKS", "GIT_TERMINAL_PROMPT":
		return true
	}
	return false
}

// gitEnv builds the child environment from base (os.Environ when nil).
// GIT_OPTIONAL_LOCKS=0 keeps us from racing the user's own git commands for
// index.lock: the index refresh we need happens in memory only.
func gitEnv(base []string) []string {
	if base == nil {
		base = os.Environ()
	}
	env := make([]string, 0, len(base)+3)
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if !droppedEnv(k) {
			env = append(env, kv)
		}
	}
	return append(env, "LC_ALL=C", "GIT_OPTIONAL_LOCKS=0", "GIT_TERMINAL_PROMPT=0")
}

// command builds `git -C Root <overrides> args...` bound to ctx.
func (r *Repo) command(ctx context.Context, args ...string) *exec.Cmd {
	overrides := configOverrides()
	full := make([]string, 0, 3+2*len(overrides)+len(args))
	full = append(full, "-C", r.Root, "--no-pager")
	for _, kv := range overrides {
		full = append(full, "-c", kv)
	}
	bin, found := gitBinary(r.Env)
	cmd := exec.CommandContext(ctx, bin, append(full, args...)...)
	if !found {
		cmd.Err = &exec.Error{Name: "git", Err: exec.ErrNotFound}
	}
	cmd.Env = gitEnv(r.Env)
	cmd.WaitDelay = 5 * time.Second
	return cmd
}

// gitBinary finds git on the PATH of env (the process PATH when env is
// nil), so an injected environment decides which git runs, as a shell would.
// Relative PATH entries are skipped, as os/exec does.
func gitBinary(env []string) (string, bool) {
	if env == nil {
		p, err := exec.LookPath("git")
		return p, err == nil
	}
	path := ""
	for _, kv := range env {
		if v, ok := strings.CutPrefix(kv, "PATH="); ok {
			path = v
		}
	}
	for _, dir := range filepath.SplitList(path) {
		p := filepath.Join(dir, "git")
		if fi, err := os.Stat(p); err == nil && filepath.IsAbs(dir) && fi.Mode().IsRegular() && fi.Mode()&0o111 != 0 {
			return p, true
		}
	}
	return "git", false
}

// GitError is a failed git invocation with git's own words, so the user sees
// why (dubious ownership, corrupt object, ...) rather than "exit status 128".
type GitError struct {
	Args   []string
	Stderr string
	Err    error
}

func (e *GitError) Error() string {
	msg := fmt.Sprintf("git %s: %v", strings.Join(e.Args, " "), e.Err)
	if s := strings.TrimSpace(e.Stderr); s != "" {
		msg += ": " + s
	}
	return msg
}

func (e *GitError) Unwrap() error { return e.Err }

// exitCode returns git's exit status, or -1 when it did not exit normally.
func (e *GitError) exitCode() int {
	var ee *exec.ExitError
	if errors.As(e.Err, &ee) {
		return ee.ExitCode()
	}
	return -1
}

// run executes git in Root and returns its whole stdout; for small outputs.
func (r *Repo) run(ctx context.Context, args ...string) ([]byte, error) {
	var out bytes.Buffer
	err := r.stream(ctx, args, nil, func(br *bufio.Reader) error {
		_, err := io.Copy(&out, br)
		return err
	})
	return out.Bytes(), err
}
