package covmap

import (
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"
)

// Counting and sorting group the same hits the same way: every line once,
// ascending, with all of its keys.
func TestLineGrouperDenseMatchesSparse(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	hs := make([]uint64, 5000)
	for i := range hs {
		hs[i] = uint64(1+r.IntN(300))<<32 | uint64(r.IntN(40))
	}
	collect := func(dense bool) string {
		var g lineGrouper
		out := ""
		each := func(line uint32, keys []uint32) {
			keys = slices.Sorted(slices.Values(keys))
			out += fmt.Sprintln(line, keys)
		}
		if dense {
			g.group(slices.Clone(hs), 300, each)
		} else {
			g.sorted(slices.Clone(hs), each)
		}
		return out
	}
	dense, sparse := collect(true), collect(false)
	if dense != sparse || len(dense) == 0 {
		t.Errorf("dense grouping:\n%.300s\nsorted grouping:\n%.300s", dense, sparse)
	}
}

// A hit whose code id the header does not pair with a file is bad data,
// not a line of some other file.
func TestLoadCollectedRejectsUnknownCodeIDs(t *testing.T) {
	good := writeCollected(t, "y.hits", nil, seg{"t.py::x|run", hits("a.py", 1, 2)})
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	data[len(data)-24] ^= 0xff // the first code id's low byte (2 pairs: 16 bytes of ids, then 8 of lines)
	bad := writeFile(t, "bad.hits", string(data))
	if _, err := LoadCollected([]string{bad}); err == nil || !strings.Contains(err.Error(), "code id") {
		t.Error("a hit of an unknown code id was accepted")
	}
}
