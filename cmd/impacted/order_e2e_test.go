package main

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestRunOrdersLikelyFailuresFirst: with a body edit of gross() and a
// constant edit in formatting.py, the tests that ran the changed line of
// gross() run first, shortest first by the map's durations, then the
// tests the constant reaches; --order none keeps pytest's order; and both
// run the same tests.
func TestRunOrdersLikelyFailuresFirst(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	p.replace("src/shop/formatting.py", `[^a-z0-9]+`, `[^a-z0-9_]+`)
	doc := readMapDoc(t, filepath.Join(p.dir, defaultMap))
	touched := doc.ran(t, funcBody(t, p.dir, "src/shop/pricing.py", "gross"))

	ordered := collected(t, p.dir)
	plain := collected(t, p.dir, "--order", "none")
	if len(ordered) <= len(touched) || !sameItems(ordered, plain) {
		t.Fatalf("the two orders run different tests, or the constant reached nothing:\n%v\n%v", ordered, plain)
	}
	head := ordered[:len(touched)]
	for _, id := range head {
		if !touched[id] {
			t.Errorf("%s runs among the first %d but did not run the changed line; order: %v", id, len(touched), ordered)
		}
	}
	for i := 1; i < len(head); i++ {
		if a, b := doc.Impacted.Tests[head[i-1]].DurationS, doc.Impacted.Tests[head[i]].DurationS; a > b {
			t.Errorf("%s (%.4fs) runs before the shorter %s (%.4fs)", head[i-1], a, head[i], b)
		}
	}
	if !slices.IsSortedFunc(plain, func(a, b string) int { return strings.Compare(fileOfID(a), fileOfID(b)) }) || slices.Equal(plain, ordered) {
		t.Errorf("--order none should keep pytest's file order: %v", plain)
	}
}

// collected is the node ids `impacted run` would run, in order.
func collected(t *testing.T, dir string, args ...string) []string {
	t.Helper()
	out, errOut, code := impacted(t, dir, nil, append(append([]string{"run"}, args...), "--", "--collect-only")...)
	if code != 0 {
		t.Fatalf("run --collect-only: exit %d\n%s\n%s", code, out, errOut)
	}
	var ids []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "tests/") && strings.Contains(l, "::") {
			ids = append(ids, strings.TrimSpace(l))
		}
	}
	return ids
}

func sameItems(a, b []string) bool {
	a, b = slices.Clone(a), slices.Clone(b)
	slices.Sort(a)
	slices.Sort(b)
	return slices.Equal(a, b)
}

func fileOfID(id string) string { f, _, _ := strings.Cut(id, "::"); return f }
