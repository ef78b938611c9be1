package main

import (
	"fmt"
	"strings"

	"github.com/impacted/impacted/pkg/covmap"
)

// fallbackLine is the one line `run` prints before it runs the whole suite:
// why, and what would let the next run select instead. The metrics line at
// the end names the same reason, but only after the whole suite has run.
func fallbackLine(reason string, problem error) string {
	why := reason
	if problem != nil {
		why = reason + ": " + problem.Error()
	}
	if h := fallbackHint(reason); h != "" {
		return fmt.Sprintf("impacted: running the whole suite (%s); to avoid it: %s", why, h)
	}
	return fmt.Sprintf("impacted: running the whole suite (%s)", why)
}

// fallbackHint says what would avoid a fallback, by its reason's kind; ""
// when nothing narrower would be safe.
func fallbackHint(reason string) string {
	kind, detail, _ := strings.Cut(reason, ":")
	switch kind {
	case "no-map":
		return "build the map (impacted map build) on the base commit, or restore it to " + detail + " from CI"
	case "map-unreadable", "broad-fixture-unknown":
		return "rebuild the map (impacted map build)"
	case "base-unknown":
		return "fetch the base (git fetch origin main) or pass --base, or build a map that records its commit (impacted map build)"
	case "map-commit-unknown":
		return "fetch the map's commit " + detail + " (git fetch --unshallow, or git fetch origin " + detail + "), or rebuild the map here"
	case "map-built-on-dirty-tree":
		return "rebuild the map on a clean commit (commit or stash, then impacted map build)"
	case "python-changed", "lockfile-changed":
		return "rebuild the map with this environment (impacted map build)"
	case "threshold":
		return "nothing: the change reaches more than the threshold of the map (raise --threshold / [tool.impacted] threshold if a large selection still pays)"
	case "outside-project":
		return fmt.Sprintf("if it cannot affect the tests, add its glob to [tool.impacted] ignore (ignore = [%q])", strings.TrimPrefix(detail, "../"))
	case "unreferenced-file":
		return fmt.Sprintf("if no test can depend on it, add it to [tool.impacted] ignore (ignore = [%q]); if code reads it, name it in that code", detail)
	case "invalidated":
		return "nothing when it configures the tests; if it is listed in [tool.impacted] invalidate and cannot affect them, remove it there"
	case "package-structure":
		return "nothing until the map knows the new package layout: commit the change and rebuild the map"
	case "lazy-import-unnamed":
		return "name the module where it is loaded (a string or an import), or rebuild the map"
	case "project-unreadable":
		return "make the project's files readable"
	case "forced":
		return "drop --full / IMPACTED_FULL"
	}
	return ""
}

// baseNote says which commit a selection diffs from and why: the commit a
// map records, or --base for a map without a build record (an ADR-style
// map, or one restored by a git checkout), which is easy to miss.
func baseNote(m *covmap.Map, base, sha string) string {
	if prov := m.Provenance(); prov != nil && prov.Commit != "" {
		return "diffing from " + short(sha) + ", the commit the map was built on"
	}
	return fmt.Sprintf("the map has no build record (an ADR-style map, or one a git checkout restored): diffing from %s (%s), the --base; rebuild it with impacted map build to diff from the commit it describes", base, short(sha))
}
