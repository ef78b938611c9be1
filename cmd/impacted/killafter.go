package main

import (
	"path/filepath"
	"time"

	"github.com/impacted/impacted/pkg/exitcode"
)

// killAfter reads IMPACTED_KILL_AFTER: how long after the first signal
// pytest may take to finish before its whole process tree is killed. By
// default there is no limit, as with pytest run directly: a teardown is
// never cut short, and a second signal kills at once.
func killAfter(g *globals) (time.Duration, error) {
	v := g.getenv("IMPACTED_KILL_AFTER")
	if v == "" {
		return 0, nil
	}
	d, err := time.ParseDuration(v)
	if err != nil || d <= 0 {
		return 0, fail(exitcode.Usage, "IMPACTED_KILL_AFTER=%q: want a duration such as 30s or 2m", v)
	}
	return d, nil
}

// forwardsSignals reports whether the launcher passes the signals it
// receives on to pytest itself, as `uv run` does; impacted then signals
// pytest and its workers, not uv, so that pytest gets each signal once.
func forwardsSignals(argv0 string) bool {
	return filepath.Base(argv0) == "uv"
}
