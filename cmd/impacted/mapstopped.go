package main

import (
	"errors"
	"os"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// timeoutHint is the fix when a project's own time limits (pytest-timeout's
// per-test --timeout or its --session-timeout) stop the build: a map build
// is not the place to enforce them.
const timeoutHint = "if the project's own time limits stopped it, build with `impacted map build -- --timeout=0` (add `--session-timeout=0` if its pytest configuration sets one)"

// buildStopped says why a map build's pytest did not finish, and how far it
// got, or returns nil when it finished (exit 0, or 1 for failed tests,
// with its session record written). The old map is never touched here: it
// is replaced only once a new one is complete.
func buildStopped(code int, runErr error, infoFile string) error {
	ran := pytestplugin.TestsFinished(infoFile)
	var st exitStatus
	if errors.As(runErr, &st) && int(st) > exitcode.SignalBase {
		code, runErr = int(st), nil
	}
	switch {
	case code > exitcode.SignalBase && code <= exitcode.SignalBase+64:
		// Killed directly, or under a launcher that reports its child's
		// death by a signal as 128+N, as uv run and shells do.
		return fail(code, "pytest was killed by signal %d while building the map, after %d tests; no map written, the old one is kept; %s",
			code-exitcode.SignalBase, ran, timeoutHint)
	case runErr != nil:
		return runErr
	case code == 2 && collectErrors(infoFile) > 0:
		return fail(code, "pytest stopped (exit 2): %d test files failed to collect; no map written, the old one is kept (fix them, or build with `impacted map build -- --continue-on-collection-errors`)", collectErrors(infoFile))
	case code == 2:
		return fail(code, "pytest was interrupted (exit 2: Ctrl-C, a signal, or pytest-timeout's --session-timeout) while building the map, after %d tests; no map written, the old one is kept; %s",
			ran, timeoutHint)
	case code > 2:
		return fail(code, "pytest exited %d while building the map, after %d tests; no map written (fix the run, then retry)", code, ran)
	}
	if _, err := os.Stat(infoFile); err != nil {
		return fail(max(code, 1), "pytest exited %d before its session ended (after %d tests): something ended the process early, as pytest-timeout does on a timeout in its thread method; no map written, the old one is kept; %s",
			code, ran, timeoutHint)
	}
	return nil
}

// collectErrors counts the files that failed to collect, 0 without a record.
func collectErrors(infoFile string) int {
	info, err := pytestplugin.ReadMapInfo(infoFile)
	if err != nil {
		return 0
	}
	return len(info.CollectErrors)
}
