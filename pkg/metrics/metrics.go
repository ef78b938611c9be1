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

// NA marks a numeric field that does not apply to this run: the line
// shows "-" and the JSON null, never a placeholder that reads like a fact.
const NA = -1

// Metrics are the ADR's selector metrics plus the run's outcome. Every
// field is a fact about this run, or NA ("-" for Workers).
type Metrics struct {
	Mode    string `json:"mode"`    // serial, xdist, select
	Workers string `json:"workers"` // the number of pytest processes that ran the tests; "-" when unknown or none
	Full    bool   `json:"full"`    // the whole suite ran (or must run)
	// ImpactedCount is the number of tests selected that exist: counted by
	// the filter plugin when pytest ran; NA when the whole suite runs.
	ImpactedCount  int     `json:"impacted_count"`
	TotalInMap     int     `json:"total_in_map"`
	P              float64 `json:"p"` // ImpactedCount / TotalInMap; NA with it
	SelectorMS     float64 `json:"selector_ms"`
	FallbackReason string  `json:"fallback_reason"` // "none" when the selection was trusted
	PytestExit     int     `json:"pytest_exit"`     // NA when pytest did not run
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
		{"impacted_count", count(m.ImpactedCount)},
		{"total_in_map", strconv.Itoa(m.TotalInMap)},
		{"p", share(m.P)},
		{"selector_ms", strconv.FormatFloat(m.SelectorMS, 'f', 1, 64)},
		{"fallback_reason", reason},
		{"pytest_exit", count(m.PytestExit)},
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

func count(n int) string {
	if n < 0 {
		return "-"
	}
	return strconv.Itoa(n)
}

func share(p float64) string {
	if p < 0 {
		return "-"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
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
	doc := map[string]any{"mode": m.Mode, "workers": naString(m.Workers), "full": m.Full,
		"impacted_count": naInt(m.ImpactedCount), "total_in_map": m.TotalInMap, "p": naFloat(m.P),
		"selector_ms": m.SelectorMS, "fallback_reason": m.FallbackReason,
		"pytest_exit": naInt(m.PytestExit), "wall_s": m.WallS}
	data, err := json.MarshalIndent(doc, "", "  ")
	if err != nil {
		return fmt.Errorf("encode metrics: %w", err)
	}
	return atomicfile.Write(path, append(data, '\n'))
}

// naInt, naFloat and naString turn "does not apply" into JSON null.
func naInt(n int) any {
	if n < 0 {
		return nil
	}
	return n
}

func naFloat(f float64) any {
	if f < 0 {
		return nil
	}
	return f
}

func naString(s string) any {
	if s == "-" || s == "" {
		return nil
	}
	return s
}
