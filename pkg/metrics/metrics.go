// Package metrics builds the one line `impacted` ends every run with, and its
// JSON twin for machines.
//
// The line is logfmt (key=value, values quoted only when they must be), has
// the same keys in every mode, and starts with "impacted:" so that
// `grep '^impacted:'` finds it in any CI log.
package metrics

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/impacted/impacted/pkg/atomicfile"
)

// Metrics are the ADR's selector metrics plus the run's outcome.
type Metrics struct {
	Mode           string  `json:"mode"`    // serial, xdist, select
	Workers        string  `json:"workers"` // "1" serially, else pytest-xdist's -n value
	Full           bool    `json:"full"`    // the whole suite ran (or must run)
	ImpactedCount  int     `json:"impacted_count"`
	TotalInMap     int     `json:"total_in_map"`
	P              float64 `json:"p"`
	SelectorMS     float64 `json:"selector_ms"`
	FallbackReason string  `json:"fallback_reason"` // "none" when the selection was trusted
	PytestExit     int     `json:"pytest_exit"`     // -1 when pytest did not run
	WallS          float64 `json:"wall_s"`
	// Shard is set when the run was one shard of a CI matrix (--shard).
	Shard *Shard `json:"shard,omitempty"`
}

// Shard is what one shard of a split expected: its known tests, their
// recorded time, and the slowest shard's expected time over the mean.
type Shard struct {
	Spec      string  `json:"spec"` // K/N
	Tests     int     `json:"tests"`
	ExpectedS float64 `json:"expected_s"`
	Balance   float64 `json:"balance"`
}

// Line renders the metrics line, without a trailing newline.
func (m Metrics) Line() string {
	reason := m.FallbackReason
	if reason == "" {
		reason = "none"
	}
	fields := []struct{ k, v string }{
		{"mode", m.Mode},
		{"workers", m.Workers},
		{"full", strconv.FormatBool(m.Full)},
		{"impacted_count", strconv.Itoa(m.ImpactedCount)},
		{"total_in_map", strconv.Itoa(m.TotalInMap)},
		{"p", strconv.FormatFloat(m.P, 'f', 3, 64)},
		{"selector_ms", strconv.FormatFloat(m.SelectorMS, 'f', 1, 64)},
		{"fallback_reason", reason},
		{"pytest_exit", strconv.Itoa(m.PytestExit)},
		{"wall_s", strconv.FormatFloat(m.WallS, 'f', 2, 64)},
	}
	if sh := m.Shard; sh != nil {
		fields = append(fields, []struct{ k, v string }{
			{"shard", sh.Spec},
			{"shard_tests", strconv.Itoa(sh.Tests)},
			{"shard_expected_s", strconv.FormatFloat(sh.ExpectedS, 'f', 2, 64)},
			{"shard_balance", strconv.FormatFloat(sh.Balance, 'f', 3, 64)},
		}...)
	}
	var b strings.Builder
	b.WriteString("impacted:")
	for _, f := range fields {
		b.WriteByte(' ')
		b.WriteString(f.k)
		b.WriteByte('=')
		b.WriteString(quote(f.v))
	}
	return b.String()
}

// quote leaves plain values bare and quotes the rest, as logfmt does.
func quote(v string) string {
	if v == "" || strings.ContainsAny(v, " \t\"=\\\n") {
		return strconv.Quote(v)
	}
	return v
}

// WriteJSON writes m to path atomically, so a reader never sees half a file.
func WriteJSON(path string, m Metrics) error {
	if m.FallbackReason == "" {
		m.FallbackReason = "none"
	}
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode metrics: %w", err)
	}
	return atomicfile.Write(path, append(data, '\n'))
}
