package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestExplain: for a body edit of gross() and a rebound constant in
// formatting.py, `explain --json` accounts for exactly the tests `select`
// runs, each with the changed file, its lines and a chain made of the
// selector's own decisions (the notes `select -v` prints): the body edit
// in one step, the constant through the line of the function that uses it. A named
// test that does not run says so with the nearest change; on a fallback,
// explain names the rule, the path and what would avoid it.
func TestExplain(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	p.replace("src/shop/formatting.py", `"EUR": "€"`, `"EUR": "EUR "`)
	doc := readMapDoc(t, filepath.Join(p.dir, defaultMap))
	sel := mustSelect(t, p.dir, nil, "-v")
	want := sel.runs(doc.tests())

	got := explainJSON(t, p.dir)
	ran := map[string]bool{}
	for _, w := range got.Tests {
		ran[w.Test] = w.Runs
		if !w.Runs || w.Change == "" || w.Lines == "" || len(w.Chain) == 0 {
			t.Errorf("%s: runs=%v change=%q lines=%q chain=%q: want all", w.Test, w.Runs, w.Change, w.Lines, w.Chain)
		}
		for _, step := range w.Chain {
			if !strings.Contains(sel.stderr, "impacted: "+step+"\n") {
				t.Errorf("%s: chain step %q is not a decision select -v printed", w.Test, step)
			}
		}
	}
	sameSet(t, "explain vs select", ran, want)
	byTest := map[string]testWhy{}
	for _, w := range got.Tests {
		byTest[w.Test] = w
	}
	if w := byTest["tests/test_pricing.py::test_tax_part"]; w.Change != "src/shop/pricing.py" || !slices.Equal(w.Chain, []string{"src/shop/pricing.py: body of gross: 7 of the 7 tests that ran it reach the edited lines"}) {
		t.Errorf("a body edit: %+v", w)
	}
	w := byTest["tests/test_formatting.py::test_receipt_line_is_fixed_width"]
	if w.Change != "src/shop/formatting.py" || len(w.Chain) != 3 || !strings.Contains(w.Chain[0], "names rebound: CURRENCY_SYMBOLS") ||
		w.Chain[1] != "src/shop/formatting.py: format_money uses CURRENCY_SYMBOLS" || !strings.Contains(w.Chain[2], "format_money uses it on line 17: ") {
		t.Errorf("a rebound constant: want rebound -> format_money uses it -> its tests, got %+v", w)
	}

	const other = "tests/test_cart.py::TestCart::test_new_cart_is_empty"
	named := explainJSON(t, p.dir, other)
	if len(named.Tests) != 1 || named.Tests[0].Runs || !strings.Contains(named.Tests[0].Reason, "nearest change: ") {
		t.Errorf("explain %s: want one test that does not run, with the nearest change: %+v", other, named.Tests)
	}
	text, _ := mustRun(t, p.dir, nil, impactedBin, "explain")
	if !strings.Contains(text, "src/shop/pricing.py:47 → src/shop/pricing.py: body of gross: 7 of the 7 tests that ran it reach the edited lines\n  runs tests/test_catalog.py::test_regional_price\n") {
		t.Errorf("explain text does not group the body edit's tests under its chain:\n%s", text)
	}

	if err := os.WriteFile(filepath.Join(p.dir, "notes.dat"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	fb := explainJSON(t, p.dir)
	if f := fb.Fallback; f == nil || f.Rule != "unreferenced-file" || f.Path != "notes.dat" || !strings.Contains(f.Avoid, `ignore = ["notes.dat"]`) {
		t.Errorf("explain on a fallback: %+v", fb.Fallback)
	}
}

func explainJSON(t *testing.T, dir string, args ...string) explainDoc {
	t.Helper()
	out, _ := mustRun(t, dir, nil, impactedBin, append([]string{"explain", "--json"}, args...)...)
	var doc explainDoc
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("explain --json: %v\n%s", err, out)
	}
	return doc
}
