// Package exitcode names every exit status impacted can end with, in one
// place, so the CLI, the docs and the tests cannot drift apart.
//
// Codes 0 to 5 belong to pytest and pass through `impacted run` unchanged.
// The tool's own failures use the BSD sysexits range (64-78), which neither
// pytest nor uv uses, and a run ended by a signal exits 128+N like a shell.
package exitcode

const (
	// OK: selection printed (select), or the tests ran and passed (run).
	OK = 0
	// Fallback is `impacted select` saying "run the whole suite"; the reason
	// is in the metrics (fallback_reason). It is pytest's "interrupted" code
	// only under `impacted run`, where pytest's own codes pass through.
	Fallback = 2
	// Usage: a flag, argument or configuration value is wrong.
	Usage = 64
	// DataErr: the coverage map is corrupt, truncated, empty or foreign.
	DataErr = 65
	// NoInput: the coverage map (or another input file) does not exist.
	NoInput = 66
	// Unavailable: a required tool (git, uv, the pytest launcher) is missing
	// or failed before pytest could start.
	Unavailable = 69
	// Software: an internal error; a bug in impacted.
	Software = 70
	// CantCreate: an output file (map, cache, metrics) could not be written.
	CantCreate = 73
	// Config: the repository state or configuration cannot be used (not a
	// git repository, unknown base revision, bad [tool.impacted] table).
	Config = 78
	// SignalBase is added to the signal number when a run ends by a signal.
	SignalBase = 128
)
