// Package gitdiff reports what changed between a base commit and the working
// tree (committed, staged, unstaged and untracked), with line ranges on both
// sides, by running git's plumbing in a handful of processes per call.
//
// Every call runs `git -C Root` with LC_ALL=C, no pager, no colour, no
// external diff or textconv, and `-c` overrides for the user settings that
// reshape diff output, so a customised ~/.gitconfig cannot break parsing.
package gitdiff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
)

var (
	// ErrNotRepo means the directory is not inside a git work tree.
	ErrNotRepo = errors.New("not a git repository")
	// ErrUnknownRevision means a revision names no commit in this clone.
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrShallow accompanies ErrUnknownRevision or ErrNoMergeBase when the
	// clone is shallow, so the caller can suggest fetching more history.
	ErrShallow = errors.New("shallow clone")
	// ErrNoMergeBase means two commits share no history this clone knows of.
	ErrNoMergeBase = errors.New("no merge base")
	// ErrGitMissing means the git executable is not on PATH.
	ErrGitMissing = errors.New("git executable not found")
)

// Repo is a git work tree. Env, when non-nil, replaces os.Environ() as the
// environment git runs with, so callers and tests inject it instead of
// mutating the process environment.
type Repo struct {
	Root string
	Env  []string

	mu       sync.Mutex
	resolved map[string]string // full commit names already verified, so Changes and Show do not ask again
}

// Open finds the work tree containing dir, with the process environment.
func Open(ctx context.Context, dir string) (*Repo, error) {
	return OpenEnv(ctx, dir, nil)
}

// OpenEnv is Open with an explicit environment (see Repo.Env).
func OpenEnv(ctx context.Context, dir string, env []string) (*Repo, error) {
	probe := &Repo{Root: dir, Env: env}
	out, err := probe.run(ctx, "rev-parse", "--show-toplevel")
	if err != nil {
		var gerr *GitError
		if errors.As(err, &gerr) && notRepo(gerr.Stderr) {
			return nil, fmt.Errorf("open %s: %w: run impacted inside a git work tree", dir, ErrNotRepo)
		}
		return nil, fmt.Errorf("open %s: %w", dir, err)
	}
	root := strings.TrimSuffix(string(out), "\n")
	if root == "" {
		return nil, fmt.Errorf("open %s: %w: no work tree (bare repository?)", dir, ErrNotRepo)
	}
	return &Repo{Root: root, Env: env}, nil
}

// notRepo recognises git's "no work tree here" failures (LC_ALL=C keeps the
// wording stable).
func notRepo(stderr string) bool {
	return strings.Contains(stderr, "not a git repository") ||
		strings.Contains(stderr, "must be run in a work tree")
}

// Resolve returns the full object name of rev^{commit}. A revision missing
// from a shallow clone is reported with ErrShallow as well, since fetching
// more history is then the fix.
func (r *Repo) Resolve(ctx context.Context, rev string) (string, error) {
	if rev == "" {
		return "", fmt.Errorf("resolve revision: %w: empty name", ErrUnknownRevision)
	}
	r.mu.Lock()
	known := r.resolved[rev]
	r.mu.Unlock()
	if known != "" {
		return known, nil
	}
	out, err := r.run(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	var gerr *GitError
	if errors.As(err, &gerr) && gerr.exitCode() == 1 {
		return "", r.unknown(ctx, fmt.Sprintf("resolve revision %q", rev), ErrUnknownRevision)
	}
	if err != nil {
		return "", fmt.Errorf("resolve revision %q: %w", rev, err)
	}
	// Remember the full object name only: it names the same commit
	// forever, while HEAD or a branch can move.
	sha := string(bytes.TrimSpace(out))
	r.mu.Lock()
	if r.resolved == nil {
		r.resolved = map[string]string{}
	}
	r.resolved[sha] = sha
	r.mu.Unlock()
	return sha, nil
}

// unknown builds the error for a missing revision or merge base, adding the
// shallow-clone hint when that is the likely cause.
func (r *Repo) unknown(ctx context.Context, what string, sentinel error) error {
	out, err := r.run(ctx, "rev-parse", "--is-shallow-repository")
	if err == nil && strings.TrimSpace(string(out)) == "true" {
		return fmt.Errorf("%s: %w (%w: fetch more history with `git fetch --unshallow` or `--deepen=N`)",
			what, sentinel, ErrShallow)
	}
	return fmt.Errorf("%s: %w", what, sentinel)
}

// Head returns the commit checked out in the work tree.
func (r *Repo) Head(ctx context.Context) (string, error) {
	return r.Resolve(ctx, "HEAD")
}

// MergeBase returns the best common ancestor of a and b.
func (r *Repo) MergeBase(ctx context.Context, a, b string) (string, error) {
	shaA, err := r.Resolve(ctx, a)
	if err != nil {
		return "", err
	}
	shaB, err := r.Resolve(ctx, b)
	if err != nil {
		return "", err
	}
	out, err := r.run(ctx, "merge-base", shaA, shaB)
	var gerr *GitError
	if errors.As(err, &gerr) && gerr.exitCode() == 1 {
		return "", r.unknown(ctx, fmt.Sprintf("merge base of %q and %q", a, b), ErrNoMergeBase)
	}
	if err != nil {
		return "", fmt.Errorf("merge base of %q and %q: %w", a, b, err)
	}
	return string(bytes.TrimSpace(out)), nil
}
