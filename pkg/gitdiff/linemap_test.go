package gitdiff

import (
	"slices"
	"testing"
)

func TestMapLine(t *testing.T) {
	c := Change{Hunks: []Hunk{
		{OldStart: 3, OldCount: 0, NewStart: 4, NewCount: 2},   // two lines inserted after 3
		{OldStart: 5, OldCount: 1, NewStart: 7, NewCount: 1},   // line 5 edited in place
		{OldStart: 8, OldCount: 2, NewStart: 10, NewCount: 0},  // lines 8-9 deleted
		{OldStart: 12, OldCount: 1, NewStart: 12, NewCount: 3}, // line 12 became three
	}}
	for l, want := range map[int][]int{
		1: {1}, 3: {3}, 4: {6}, 5: {7}, 6: {8}, 7: {9}, 8: nil, 9: {}, 10: {10}, 11: {11},
		12: {12, 13, 14}, 13: {15}, 20: {22},
	} {
		got := c.MapLine(l)
		if len(got) == 0 && len(want) == 0 {
			continue
		}
		if !slices.Equal(got, want) {
			t.Errorf("line %d -> %v, want %v", l, got, want)
		}
	}
}
