package gitdiff

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"strings"
)

// errFoundDirty stops reading `git status` at the first relevant entry.
var errFoundDirty = errors.New("dirty")

// Dirty reports whether the working tree differs from HEAD: a staged or
// unstaged change to a tracked file (submodules included) or an untracked,
// non-ignored file, outside the ignore prefixes. A prefix names a directory
// (".cache/" or ".cache") or a single file. Untracked directories are
// listed file by file so a prefix deep inside one still applies.
func (r *Repo) Dirty(ctx context.Context, ignore ...string) (bool, error) {
	args := []string{"status", "--porcelain=v1", "-z", "--no-renames",
		"--untracked-files=all", "--ignore-submodules=none", "--ignored=no"}
	err := r.stream(ctx, args, nil, func(br *bufio.Reader) error {
		return eachField(br, func(rec string) error {
			if len(rec) < 4 {
				return fmt.Errorf("malformed status record %q", rec)
			}
			if !underAny(rec[3:], ignore) {
				return errFoundDirty
			}
			return nil
		})
	})
	if errors.Is(err, errFoundDirty) {
		return true, nil
	}
	if err != nil {
		return false, fmt.Errorf("check for uncommitted changes: %w", err)
	}
	return false, nil
}

// underAny reports whether path is one of the prefixes or lies below one.
func underAny(path string, prefixes []string) bool {
	path = strings.TrimSuffix(path, "/")
	for _, p := range prefixes {
		p = strings.TrimSuffix(p, "/")
		if p != "" && (path == p || strings.HasPrefix(path, p+"/")) {
			return true
		}
	}
	return false
}
