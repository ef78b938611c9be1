package gitdiff

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strconv"
)

// GrepHit is one line of the work tree that contains a searched string.
type GrepHit struct {
	Path string // slash-separated, relative to Root
	Line int
}

// Grep finds the lines of tracked text files, as they are in the work
// tree, that contain any of the fixed strings, in one `git grep` (which
// searches in parallel and skips binary files). Untracked files are left
// to the caller, who has them from Changes already: making git walk the
// work tree for them would double the cost. Pathspecs limit the files;
// none means every file.
func (r *Repo) Grep(ctx context.Context, fixed []string, pathspecs ...string) ([]GrepHit, error) {
	if len(fixed) == 0 {
		return nil, nil
	}
	args := []string{"grep", "-n", "-z", "-I", "-F", "--no-color"}
	for _, f := range fixed {
		args = append(args, "-e", f)
	}
	args = append(args, "--")
	args = append(args, pathspecs...)
	out, err := r.run(ctx, args...)
	var gerr *GitError
	if errors.As(err, &gerr) && gerr.exitCode() == 1 {
		return nil, nil // no match
	}
	if err != nil {
		return nil, fmt.Errorf("git grep: %w", err)
	}
	var hits []GrepHit
	for _, rec := range bytes.Split(out, []byte("\n")) {
		parts := bytes.SplitN(rec, []byte{0}, 3)
		if len(parts) < 3 {
			continue
		}
		line, err := strconv.Atoi(string(parts[1]))
		if err != nil {
			return nil, fmt.Errorf("git grep: malformed line number in %q", rec)
		}
		hits = append(hits, GrepHit{Path: string(parts[0]), Line: line})
	}
	return hits, nil
}
