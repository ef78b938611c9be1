package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestAuditCatchesAPlantedMiss: gross() breaks six tests. With the real
// map, audit finds every failure in the selection (exit 0); with a map
// edited to forget that test_tax_part ran pricing.py, the selection leaves
// a failing test out, and audit must name it, point at the change, and
// exit 1.
func TestAuditCatchesAPlantedMiss(t *testing.T) {
	p := sharedShop(t)
	forgetful := filepath.Join(p.dir, ".cache", "forgetful.json")
	const forgotten = "tests/test_pricing.py::test_tax_part"
	forget(t, filepath.Join(p.dir, defaultMap), forgetful, "src/shop/pricing.py", forgotten)
	p.replace("src/shop/pricing.py", grossLine, grossBroken)

	out, errOut, code := impacted(t, p.dir, nil, "audit")
	if code != 0 || !regexp.MustCompile(`(?m)^impacted-audit: verdict=ok selected=7 failed_selected=6 failed_full=6 missed=0 `).MatchString(out) {
		t.Fatalf("audit with the real map: exit %d, want 0 and no miss\n%s\n%s", code, out, errOut)
	}

	out, errOut, code = impacted(t, p.dir, []string{"IMPACTED_XDIST=2"}, "audit", "--map", forgetful, "--xdist")
	if code != 1 || !regexp.MustCompile(`(?m)^impacted-audit: verdict=missed selected=6 failed_selected=5 failed_full=6 missed=1 `).MatchString(out) {
		t.Fatalf("audit with a map that forgets %s: exit %d, want 1 and one miss\n%s\n%s", forgotten, code, out, errOut)
	}
	miss := regexp.MustCompile(`(?m)^impacted-audit: MISSED (\S+) \(failed in the whole suite, not selected\); nearest change: (.*)$`).FindAllStringSubmatch(out, -1)
	if len(miss) != 1 || miss[0][1] != forgotten || !strings.Contains(miss[0][2], "its own file") && !strings.Contains(miss[0][2], "src/shop/pricing.py:") {
		t.Errorf("audit names %q, want %s with the change in pricing.py\n%s", miss, forgotten, out)
	}
}

// forget writes a copy of the map at src to dst in which test never ran
// any line of file.
func forget(t *testing.T, src, dst, file, test string) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(mustReadFile(t, src), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc["files"].(map[string]any)[file].(map[string]any)
	removed := 0
	for line, v := range f["contexts"].(map[string]any) {
		kept := []any{}
		for _, c := range v.([]any) {
			if strings.HasPrefix(c.(string), test+"|") {
				removed++
				continue
			}
			kept = append(kept, c)
		}
		f["contexts"].(map[string]any)[line] = kept
	}
	if removed == 0 {
		t.Fatalf("%s never ran %s: nothing to forget", test, file)
	}
	data, err := json.Marshal(doc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(dst, data, 0o644); err != nil {
		t.Fatal(err)
	}
}
