package order

import (
	"slices"
	"testing"
)

func TestSort(t *testing.T) {
	got := Sort([]Test{
		{ID: "slow_touch", Class: RanChange, DurationS: 2},
		{ID: "rest", Class: Rest, DurationS: 0.1},
		{ID: "fast_touch", Class: RanChange, DurationS: 0.5},
		{ID: "failed", Class: FailedAtBuild, DurationS: 9},
		{ID: "new_test", Class: RanChange},
		{ID: "rare_touch", Class: RanChange, DurationS: 3, Spread: 1},
		{ID: "common_touch", Class: RanChange, DurationS: 0.1, Spread: 9},
	})
	want := []string{"failed", "new_test", "fast_touch", "slow_touch", "rare_touch", "common_touch"}
	if !slices.Equal(got, want) {
		t.Errorf("Sort = %v, want %v", got, want)
	}
}
