package gitdiff

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
)

// diffArgs asks for the raw listing and the -U0 patch of base against the
// work tree in one process. Each flag pins down an output detail a user
// setting could otherwise change: prefixes, relative paths, rename detection,
// submodule format, merged hunks.
func diffArgs(sha string) []string {
	return []string{"diff", "--no-color", "--no-ext-diff", "--no-textconv", "--no-relative",
		"--src-prefix=a/", "--dst-prefix=b/", "--submodule=short",
		"--ignore-submodules=none", "-U0", "--inter-hunk-context=0",
		"-M", "--raw", "-p", "-z", sha, "--"}
}

// Changes lists every path that differs between base and the working tree:
// commits since base, staged and unstaged edits (rename detection on), then
// the untracked, non-ignored files as additions. Sorted by Path(); a path
// removed from the index but still on disk appears as deleted and as
// untracked. base need not be an ancestor of HEAD.
func (r *Repo) Changes(ctx context.Context, base string) ([]Change, error) {
	sha, err := r.Resolve(ctx, base)
	if err != nil {
		return nil, err
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	untracked := r.startUntracked(ctx)
	changes, err := r.diff(ctx, sha)
	if err != nil {
		cancel()
		_, _ = untracked()
		return nil, fmt.Errorf("diff %s against the working tree: %w", base, err)
	}
	paths, err := untracked()
	if err != nil {
		return nil, err
	}
	for _, p := range paths {
		changes = append(changes, Change{Status: Added, NewPath: p, Untracked: true})
	}
	sort.SliceStable(changes, func(i, j int) bool { return changes[i].Path() < changes[j].Path() })
	return changes, nil
}

// diff runs the one `git diff` that yields both the file list and the hunks.
func (r *Repo) diff(ctx context.Context, sha string) ([]Change, error) {
	var changes []Change
	err := r.stream(ctx, diffArgs(sha), nil, func(br *bufio.Reader) error {
		var err error
		changes, err = parseDiff(br)
		return err
	})
	return changes, err
}

// parseDiff reads the output of `git diff <diffArgs>`: raw records, then the
// patch, whose sections are matched to the records by path.
func parseDiff(br *bufio.Reader) ([]Change, error) {
	set, err := readRaw(br)
	if err != nil {
		return nil, err
	}
	p := patchParser{done: set.apply}
	lr := lineReader{br: br}
	for {
		l, err := lr.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		if err := p.line(l); err != nil {
			return nil, err
		}
	}
	if err := p.finish(); err != nil {
		return nil, err
	}
	return set.list, nil
}

// startUntracked runs the untracked scan while the caller diffs: the one
// walks the tree as the other hashes it, so on two cores the wall time drops
// by the scan's share. The returned function waits for the result.
func (r *Repo) startUntracked(ctx context.Context) func() ([]string, error) {
	type listing struct {
		paths []string
		err   error
	}
	done := make(chan listing, 1)
	go func() {
		paths, err := r.untracked(ctx)
		done <- listing{paths, err}
	}()
	return func() ([]string, error) {
		l := <-done
		return l.paths, l.err
	}
}

// untracked lists files git does not know and does not ignore. A nested
// repository shows up as "dir/"; it is skipped, as git would not descend.
func (r *Repo) untracked(ctx context.Context) ([]string, error) {
	var paths []string
	err := r.stream(ctx, []string{"ls-files", "-z", "--others", "--exclude-standard"}, nil,
		func(br *bufio.Reader) error {
			return eachField(br, func(p string) error {
				if !strings.HasSuffix(p, "/") {
					paths = append(paths, p)
				}
				return nil
			})
		})
	if err != nil {
		return nil, fmt.Errorf("list untracked files: %w", err)
	}
	return paths, nil
}

// eachField calls fn for every NUL-terminated field until EOF.
func eachField(br *bufio.Reader, fn func(string) error) error {
	for {
		f, err := readField(br)
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := fn(f); err != nil {
			return err
		}
	}
}
