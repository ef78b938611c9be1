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
	return &cli.StringFlag{Name: "order", Usage: "test order: failing-first (failed when the map was built, then tests that ran the changed lines, then the rest in pytest's order) or none (pytest's)", EnvVars: []string{"IMPACTED_ORDER"}, Value: "failing-first"}
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
	touched, changed := touchedTests(out), map[string]bool{}
	for _, ch := range out.changes {
		changed[ch.Path()] = true
	}
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
		if spread, ok := touched[n]; t.Class == order.Rest && (ok || bases[base] && changed[fileOfNode(n)]) {
			t.Class, t.Spread = order.RanChange, spread
		}
		tests = append(tests, t)
	}
	for _, b := range sel.Bases {
		if changed[fileOfNode(b)] {
			tests = append(tests, order.Test{ID: b, Class: order.RanChange}) // a new or changed test
		}
	}
	return tests
}

// touchedTests are the tests the map says ran a changed line (on the side
// the map was built on; an insertion counts the lines around it), each
// with how many tests ran the rarest such line it ran.
func touchedTests(out *outcome) map[string]int {
	tests, seen := out.m.Tests(), map[string]int{}
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
				for l := h.OldStart; l <= hi; l++ {
					ran, _ := f.Range(l, l)
					for _, id := range ran {
						if old, ok := seen[tests[id]]; !ok || len(ran) < old {
							seen[tests[id]] = len(ran)
						}
					}
				}
			}
		}
	}
	return seen
}
