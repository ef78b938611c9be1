package main

import (
	"path/filepath"
	"strings"
	"testing"
)

// TestMapFailedAtBuildIsSelected: a test that failed while the map was
// built has partial coverage, so the map cannot say what it depends on; it
// must be selected whatever the change, here one the map does not relate
// to it. The failure comes from the build's own pytest arguments, so the
// run after it passes without touching the code it covers.
func TestMapFailedAtBuildIsSelected(t *testing.T) {
	dir := newProject(t, "shop")
	const failed = "tests/test_pricing.py::test_price_with_tax_legacy_callers"
	_, errOut, code := impacted(t, dir, nil, "map", "build", "--", "-W", "error::DeprecationWarning")
	if code != 0 && code != 1 {
		t.Fatalf("map build with a failing test: exit %d\n%s", code, errOut)
	}
	doc := readMapDoc(t, filepath.Join(dir, defaultMap))
	if doc.Impacted == nil || doc.Impacted.Tests[failed].Outcome != "failed" {
		t.Fatalf("the map does not record %s as failed: %+v", failed, doc.Impacted)
	}
	for id, rec := range doc.Impacted.Tests {
		if id != failed && rec.Outcome != "passed" {
			t.Errorf("%s: outcome %s at build, want passed", id, rec.Outcome)
		}
	}
	all := doc.tests()

	clean := mustSelect(t, dir, nil)
	sameSet(t, "no change", clean.runs(all), map[string]bool{failed: true})

	editFile(t, dir, "src/shop/formatting.py", `slug = _NOT_SLUG.sub("-", text.lower())`, `slug = _NOT_SLUG.sub("-", text.lower().strip())`)
	slugify := doc.ran(t, funcBody(t, dir, "src/shop/formatting.py", "slugify"))
	if slugify[failed] {
		t.Fatalf("the map relates slugify to %s: the change is not unrelated", failed)
	}
	sel := mustSelect(t, dir, nil)
	sameSet(t, "an unrelated change", sel.runs(all), unionSets(slugify, map[string]bool{failed: true}))

	out, errOut, code := impacted(t, dir, nil, "run", "--", "-rA")
	if code != 0 || !strings.Contains(out, "PASSED "+failed) {
		t.Errorf("impacted run: exit %d, want 0 with %s passed\n%s\n%s", code, failed, out, errOut)
	}
}
