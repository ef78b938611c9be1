package main

import (
	"fmt"
	"path/filepath"
	"time"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/history"
	"github.com/impacted/impacted/pkg/metrics"
	"github.com/impacted/impacted/pkg/selector"
	"github.com/impacted/impacted/pkg/shard"
)

// historyFile is where `run` appends its metrics and `stats` reads them.
func (p *project) historyFile() string { return filepath.Join(p.cacheDir(), "history.jsonl") }

// appendHistory appends a run's metrics to the history. It never fails the
// run: the history is a report, pytest's exit code is the result. A run
// whose scratch went to a temporary directory has already warned that
// .cache cannot be written, and keeps no history.
func appendHistory(g *globals, proj *project, m metrics.Metrics, mp *covmap.Map, sel *selector.Selection, sh *sharding, scratch *runScratch) {
	if scratch == nil || scratch.lock == nil {
		return
	}
	if m.FallbackReason == "" {
		m.FallbackReason = "none" // as in the metrics line and its JSON
	}
	rec := history.Record{Time: time.Now().UTC(), Metrics: m, FullSuiteS: fullSuiteS(mp)}
	switch {
	case rec.FullSuiteS == 0:
	case sh != nil:
		rec.FullSuiteS /= float64(sh.spec.N)
		rec.RanS = sh.split.Expected[sh.spec.Index()]
	case m.Full:
		rec.RanS = rec.FullSuiteS
	default:
		rec.RanS = expectedS(mp, knownTests(mp, sel, false))
	}
	if err := history.Append(proj.historyFile(), rec, history.DefaultLimit); err != nil {
		fmt.Fprintf(g.io.ErrOut, "impacted: warning: %v\n", err)
	}
}

// fullSuiteS is the whole suite's time when the map was built: the sum of
// its tests' recorded durations, 0 when it records none.
func fullSuiteS(m *covmap.Map) float64 {
	if m == nil || m.Provenance() == nil {
		return 0
	}
	return expectedS(m, m.Tests())
}

// expectedS is the recorded time of the tests (untimed ones at the median).
func expectedS(m *covmap.Map, ids []string) float64 {
	return shard.Balance(timed(m, ids), 1).Expected[0]
}
