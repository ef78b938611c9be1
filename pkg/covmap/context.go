package covmap

import "strings"

// SplitContext splits a coverage context into a node id and its phase. It
// splits on the last `|` because parametrize ids may themselves contain `|`
// (`test_x[a|b]|run`). The empty context is import/collection time; a context
// without a recognised suffix is taken whole as a node id run by its test.
func SplitContext(ctx string) (nodeID string, phase Phase) {
	if ctx == "" {
		return "", PhaseImport
	}
	i := strings.LastIndexByte(ctx, '|')
	if i < 0 {
		return ctx, PhaseRun
	}
	if p := suffixPhase(ctx[i+1:]); p != 0 {
		return ctx[:i], p
	}
	return ctx, PhaseRun
}

// suffixPhase maps a pytest-cov context suffix to its phase, 0 if unknown.
func suffixPhase(s string) Phase {
	switch s {
	case "setup":
		return PhaseSetup
	case "run":
		return PhaseRun
	case "teardown":
		return PhaseTeardown
	}
	return 0
}

// joinContext is the inverse of SplitContext for one phase bit; a node id
// recorded without a suffix comes back with `|run`, which loads the same.
func joinContext(nodeID string, phase Phase) string {
	switch phase {
	case PhaseImport:
		return ""
	case PhaseSetup:
		return nodeID + "|setup"
	case PhaseTeardown:
		return nodeID + "|teardown"
	}
	return nodeID + "|run"
}
