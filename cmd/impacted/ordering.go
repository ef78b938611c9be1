package main

import (
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/order"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/selector"
)

// orderFlag chooses whether `run` puts the likely failures first.
func orderFlag() cli.Flag {
	return &cli.StringFlag{Name: "order", Usage: "test order: failing-first (failed when the map was built, then tests that ran the changed lines, then the rest; shortest first) or none (pytest's)", EnvVars: []string{"IMPACTED_ORDER"}, Value: "failing-first"}
}

// testOrder returns the order the filter plugin applies, nil for pytest's.
func testOrder(c *cli.Context, out *outcome) ([]string, error) {
	switch c.String("order") {
	case "none":
		return nil, nil
	case "failing-first", "":
	default:
		return nil, fail(exitcode.Usage, "--order %q: want failing-first or none", c.String("order"))
	}
	if out.m == nil {
		return nil, nil
	}
	return order.Sort(orderCandidates(out)), nil
}

// orderCandidates classifies every map test the selection runs, and the
// selected bases (which stand for tests the map has not seen).
func orderCandidates(out *outcome) []order.Test {
	sel, prov := &out.sel, out.m.Provenance()
	ids, bases, files := setOf(sel.IDs), setOf(sel.Bases), setOf(sel.Files)
	touched := touchedTests(out)
	var tests []order.Test
	for _, n := range out.m.Tests() {
		base := pytestplugin.NodeBase(n)
		if !ids[n] && !bases[base] && !files[strings.SplitN(n, "::", 2)[0]] {
			continue
		}
		t := order.Test{ID: n, Class: order.Rest}
		if prov != nil {
			rec := prov.Tests[n]
			t.DurationS = rec.DurationS
			if rec.Outcome == "failed" || rec.Outcome == "error" {
				t.Class = order.FailedAtBuild
			}
		}
		if t.Class == order.Rest && (touched[n] || bases[base]) {
			t.Class = order.RanChange
		}
		tests = append(tests, t)
	}
	for _, b := range sel.Bases {
		tests = append(tests, order.Test{ID: b, Class: order.RanChange})
	}
	return tests
}

// touchedTests are the tests the map says ran a changed line (on the side
// the map was built on; an insertion counts the lines around it).
func touchedTests(out *outcome) map[string]bool {
	tests, seen := out.m.Tests(), map[string]bool{}
	for _, ch := range out.changes {
		if ch.OldPath == "" || len(ch.Hunks) == 0 {
			continue
		}
		for _, f := range selector.MapFiles(out.m, out.proj.root, false, ch.OldPath) {
			for _, h := range ch.Hunks {
				hi := h.OldStart + h.OldCount - 1
				if h.OldCount == 0 {
					hi = h.OldStart + 1
				}
				ran, _ := f.Range(h.OldStart, hi)
				for _, id := range ran {
					seen[tests[id]] = true
				}
			}
		}
	}
	return seen
}

func setOf(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}
