package main

import (
	"fmt"
	"strings"
	"testing"
)

// newTestFile exists only in the working tree: the map has never seen it,
// so its tests are placed by the hash rule.
const newTestFile = `from shop.pricing import gross


def test_new_one():
    assert gross(1) > 0


def test_new_two():
    assert gross(2) > gross(1)


def test_new_three():
    assert gross(0) == 0
`

// TestShardsPartitionTheRun runs every shard of a narrow selection and of
// the whole suite: together they run exactly what the unsharded run runs,
// each test in one shard, tests the map does not know included.
func TestShardsPartitionTheRun(t *testing.T) {
	p := sharedShop(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	p.write("tests/test_new_shard.py", newTestFile)
	const n = 3
	for _, mode := range [][]string{nil, {"--full"}} {
		t.Run(fmt.Sprintf("%v", mode), func(t *testing.T) {
			whole := setOf(collected(t, p.dir, mode...))
			for _, id := range []string{"tests/test_new_shard.py::test_new_one", "tests/test_new_shard.py::test_new_three"} {
				if !whole[id] {
					t.Fatalf("the unsharded run misses %s: %v", id, whole)
				}
			}
			owner := map[string]int{}
			var parts []map[string]bool
			for k := 1; k <= n; k++ {
				part := setOf(collected(t, p.dir, append([]string{"--shard", fmt.Sprintf("%d/%d", k, n)}, mode...)...))
				for id := range part {
					if prev, dup := owner[id]; dup {
						t.Errorf("%s runs in shard %d and %d", id, prev, k)
					}
					owner[id] = k
				}
				if len(part) == len(whole) && n > 1 {
					t.Errorf("shard %d/%d runs all %d tests", k, n, len(whole))
				}
				parts = append(parts, part)
			}
			t.Logf("%d tests, shards of %d %d %d", len(whole), len(parts[0]), len(parts[1]), len(parts[2]))
			sameSet(t, "union of the shards", unionSets(parts...), whole)
		})
	}
}

func TestShardBadValues(t *testing.T) {
	p := sharedShop(t)
	for _, v := range []string{"0/4", "5/4", "abc", "1/0", "2"} {
		for _, cmd := range [][]string{{"select"}, {"run", "--dry-run"}, {"map", "build"}} {
			_, errOut, code := impacted(t, p.dir, nil, append(cmd, "--shard", v)...)
			if code != 64 || !strings.Contains(errOut, "--shard") || strings.Count(strings.TrimSpace(errOut), "\n") > 0 {
				t.Errorf("%v --shard %s: exit %d, want 64 with one line naming --shard\n%s", cmd, v, code, errOut)
			}
		}
	}
}
