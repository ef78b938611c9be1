package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// helperAtTop shifts every line of pricing.py below its imports by five.
const helperAtTop = `from decimal import ROUND_HALF_UP, Decimal

def _is_whole(amount: Decimal) -> bool:
    """Return whether an amount has no cents (added on main after the map)."""
    return amount == amount.to_integral_value()

`

// commentAtTop shifts every line of formatting.py below its docstring by five.
const commentAtTop = `"""Text helpers shared by the cart receipt, the discounts and the catalog."""
# Receipts are printed in a fixed-width font,
# so every helper here keeps to a known width.
#
# Added on main after the map was built.
#
`

// TestMapMainMovesOn: the map was built at commit A; main then committed a
// change that shifts the line numbers of pricing.py and formatting.py and
// edits plural(), and the work tree edits convert(), lower in pricing.py.
// Only a diff from A relates the map's line numbers to functions, so
// `impacted select` must diff from the commit the map records, whatever
// --base says, and an ADR-style map (no provenance) needs --base A. The
// selection must be exactly the tests the map credits with plural() and
// with the edited line of convert() (a test that convert() rejects before
// that line runs is left out), and hold every test that really fails.
func TestMapMainMovesOn(t *testing.T) {
	dir := newProject(t, "shop")
	buildMap(t, dir, nil)
	mapCommit := strings.TrimSpace(git(t, dir, "rev-parse", "HEAD"))
	mustRun(t, dir, nil, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test", "--cov-report=")
	mustRun(t, dir, nil, "uv", "run", "coverage", "json", "--show-contexts", "-o", ".cache/adr.json")

	doc := readMapDoc(t, filepath.Join(dir, defaultMap))
	all := doc.tests()
	pluralTests := doc.ran(t, funcBody(t, dir, "src/shop/formatting.py", "plural"))
	convertTests := doc.ran(t, funcBody(t, dir, "src/shop/pricing.py", "convert"))
	convertLine := doc.ran(t, lineWith(t, dir, "src/shop/pricing.py", "return round_money(to_decimal(amount) * rate)"))
	if len(convertLine) == 0 || len(convertLine) >= len(convertTests) {
		t.Fatalf("%d of convert()'s %d tests ran its last line: the check below would not tell the line from the function", len(convertLine), len(convertTests))
	}

	editFile(t, dir, "src/shop/pricing.py", "from decimal import ROUND_HALF_UP, Decimal\n", helperAtTop)
	editFile(t, dir, "src/shop/formatting.py", commentAtTop[:strings.Index(commentAtTop, "\n")+1], commentAtTop)
	editFile(t, dir, "src/shop/formatting.py", `else f"{count} {word}s"`, `else f"{count} {word}es"`)
	git(t, dir, "commit", "-qam", "main moves on: line numbers shift")

	committed := mustSelect(t, dir, nil)
	sameSet(t, "the committed change alone", committed.runs(all), pluralTests)

	editFile(t, dir, "src/shop/pricing.py", "return round_money(to_decimal(amount) * rate)", "return round_money(to_decimal(amount) / rate)")
	failing := failingTests(t, dir)
	if len(failing) == 0 {
		t.Fatal("the changes break no test: the check below would prove nothing")
	}
	want := unionSets(pluralTests, convertLine)
	for _, tc := range []struct {
		name string
		args []string
	}{
		{"built map", nil},
		{"built map ignores --base HEAD", []string{"--base", "HEAD"}},
		{"ADR map with --base <map commit>", []string{"--map", ".cache/adr.json", "--base", mapCommit}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := mustSelect(t, dir, nil, tc.args...).runs(all)
			sameSet(t, "committed and uncommitted change", got, want)
			for _, f := range failing {
				if !got[f] {
					t.Errorf("failing test %s is not selected", f)
				}
			}
		})
	}
}
