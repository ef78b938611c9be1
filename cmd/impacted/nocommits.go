package main

import (
	"context"
	"errors"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/gitdiff"
)

// errNoCommits names the real cause when a fresh repository has no
// revision to diff from or to record: blaming a missing origin/main
// sent users looking for a remote.
func errNoCommits() error {
	return fail(exitcode.Config, "the repository has no commits yet: commit once, then build the map (impacted map build)")
}

// hasNoCommits reports whether HEAD names no commit at all (an unborn
// branch).
func (p *project) hasNoCommits(ctx context.Context) bool {
	_, err := p.repo.Head(ctx)
	return errors.Is(err, gitdiff.ErrUnknownRevision)
}
