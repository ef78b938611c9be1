package main

import (
	"strconv"
	"strings"

	"github.com/impacted/impacted/pkg/metrics"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/selector"
)

// runMetrics starts the metrics with what is known before pytest runs;
// settleMetrics then puts in what pytest saw. A field that does not apply
// (the count of a whole-suite run, the exit of a pytest that did not run)
// or is not known (auto's worker count without a report) says "-".
func runMetrics(proj *project, p plan.Plan, sel *selector.Selection, ms float64, reason string) metrics.Metrics {
	m := metrics.Metrics{Mode: p.Mode, Workers: p.Workers, Full: p.Full, TotalInMap: sel.Total,
		SelectorMS: ms, FallbackReason: reason, ImpactedCount: metrics.NA, P: metrics.NA, PytestExit: metrics.NA}
	if _, err := strconv.Atoi(m.Workers); err != nil {
		m.Workers = "-" // auto, logical: pytest-xdist decides when it starts
	}
	if !p.Full {
		m.ImpactedCount = 0
		if !p.Empty {
			m.ImpactedCount = sel.Impacted
		}
		m.P = shareOf(m.ImpactedCount, m.TotalInMap)
	}
	return m
}

// settleMetrics takes the counts the filter plugin reported from inside
// pytest: the tests it kept (selected, and still there to collect) and
// the number of xdist workers that ran them.
func settleMetrics(m *metrics.Metrics, scratch *runScratch) {
	if scratch == nil {
		return
	}
	r := pytestplugin.ReadReport(scratch.dir)
	if !r.OK {
		return
	}
	if !m.Full {
		m.ImpactedCount, m.P = r.Kept, shareOf(r.Kept, m.TotalInMap)
	}
	if r.Workers > 0 {
		m.Workers = strconv.Itoa(r.Workers)
	}
}

// existingSelected counts the map's tests the selection runs (by the
// filter plugin's rules: exact id, base, or whole file) whose file still
// exists: a deleted test file's tests cannot run, and counting them made
// the metrics claim tests that never ran.
func existingSelected(proj *project, sel *selector.Selection, tests []string) int {
	ids, bases, files := setOf(sel.IDs), setOf(sel.Bases), setOf(sel.Files)
	exists := testFileExists(proj)
	n := 0
	for _, id := range tests {
		f, _, _ := strings.Cut(id, "::")
		if (ids[id] || files[f] || bases[pytestplugin.NodeBase(id)]) && exists(id) {
			n++
		}
	}
	return n
}

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func shareOf(n, total int) float64 {
	if total == 0 {
		return 0
	}
	return float64(n) / float64(total)
}
