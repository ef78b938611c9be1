package gitdiff

import (
	"bufio"
	"context"
	"fmt"
	"sort"
	"strings"
)

// Files lists the files in the working tree an import graph can read: the
// tracked ones still on disk plus the untracked, non-ignored ones, sorted
// and unique. Tracked files deleted from disk and sparse-checkout entries
// (skip-worktree) are left out because there is nothing to read; so are
// nested repositories. One git process: `ls-files -t` tags every entry.
func (r *Repo) Files(ctx context.Context) ([]string, error) {
	args := []string{"ls-files", "-z", "-t", "--cached", "--deleted", "--others", "--exclude-standard"}
	present := map[string]bool{}
	err := r.stream(ctx, args, nil, func(br *bufio.Reader) error {
		return eachField(br, func(rec string) error {
			tag, path, ok := strings.Cut(rec, " ")
			if !ok || len(tag) != 1 {
				return fmt.Errorf("malformed ls-files record %q", rec)
			}
			switch tag {
			case "R", "S": // removed from disk; skip-worktree
				present[path] = false
			default:
				if _, seen := present[path]; !seen && !strings.HasSuffix(path, "/") {
					present[path] = true
				}
			}
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list files: %w", err)
	}
	files := make([]string, 0, len(present))
	for p, ok := range present {
		if ok {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	return files, nil
}
