package shard

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Spec
		bad  bool
	}{
		{in: "1/1", want: Spec{1, 1}},
		{in: "2/4", want: Spec{2, 4}},
		{in: " 4/4 ", want: Spec{4, 4}},
		{in: "0/4", bad: true},
		{in: "5/4", bad: true},
		{in: "1/0", bad: true},
		{in: "-1/4", bad: true},
		{in: "abc", bad: true},
		{in: "1/abc", bad: true},
		{in: "1/", bad: true},
		{in: "", bad: true},
		{in: "1/2/3", bad: true},
		{in: "1/1001", bad: true},
	} {
		got, err := Parse(tc.in)
		if (err != nil) != tc.bad || (!tc.bad && got != tc.want) {
			t.Errorf("Parse(%q) = %v, %v; want %v, bad=%v", tc.in, got, err, tc.want, tc.bad)
		}
	}
}

// skewed is a synthetic suite: durations around 50 ms, a few tests 100x the
// median, some untimed.
func skewed(n int, seed uint64) []Test {
	r := rand.New(rand.NewPCG(seed, 1))
	tests := make([]Test, n)
	for i := range tests {
		d := 0.02 + r.ExpFloat64()*0.03
		tests[i] = Test{ID: fmt.Sprintf("tests/test_m%03d.py::test_%d", i%400, i), DurationS: d, Timed: true}
		switch {
		case i%1000 == 7:
			tests[i].DurationS = 100 * 0.041 // the median of the distribution above, times 100
		case i%97 == 3:
			tests[i].Timed = false
		}
	}
	return tests
}

func TestBalanceSkewed5000On8(t *testing.T) {
	tests := skewed(5000, 42)
	s := Balance(tests, 8)
	slow := 0
	for _, tc := range tests {
		if tc.Timed && tc.DurationS > 50*s.Median {
			slow++
		}
	}
	if slow < 3 {
		t.Fatalf("the synthetic suite has %d tests 100x the median %.3fs, want a few", slow, s.Median)
	}
	t.Logf("5000 tests (%d at 100x the median, %d untimed) on 8 shards: mean %.3fs, slowest %.3fs = %.4fx the mean",
		slow, s.Untimed, s.Mean(), s.Slowest(), s.Ratio())
	// The baseline: the same suite split by count (every test untimed).
	byCount := Balance(untimed(tests), 8)
	cost := map[string]float64{}
	for _, tc := range tests {
		cost[tc.ID] = tc.DurationS
		if !tc.Timed {
			cost[tc.ID] = s.Median
		}
	}
	loads := make([]float64, 8)
	for k, ids := range byCount.Shards {
		for _, id := range ids {
			loads[k] += cost[id]
		}
	}
	countSplit := Split{N: 8, Expected: loads}
	t.Logf("split by count instead: slowest %.3fs = %.4fx the mean", countSplit.Slowest(), countSplit.Ratio())
	if s.Ratio() > 1.05 {
		t.Errorf("slowest shard %.3fs is %.4fx the mean %.3fs, want <= 1.05", s.Slowest(), s.Ratio(), s.Mean())
	}
}

func TestBalanceIsAPartition(t *testing.T) {
	for _, tc := range []struct {
		name  string
		tests []Test
		n     int
	}{
		{"empty", nil, 3},
		{"one test, many shards", []Test{{ID: "t::a", DurationS: 1, Timed: true}}, 4},
		{"untimed only", []Test{{ID: "t::a"}, {ID: "t::b"}, {ID: "t::c"}}, 2},
		{"duplicates", []Test{{ID: "t::a", Timed: true, DurationS: 2}, {ID: "t::a"}, {ID: "t::b"}}, 2},
		{"equal durations", skewedEqual(101), 7},
		{"skewed on 1", skewed(300, 1), 1},
		{"skewed on 8", skewed(5000, 2), 8},
		{"skewed on 13", skewed(999, 3), 13},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := Balance(tc.tests, tc.n)
			want := map[string]bool{}
			for _, x := range tc.tests {
				want[x.ID] = true
			}
			seen := map[string]int{}
			for k, ids := range s.Shards {
				for _, id := range ids {
					if prev, dup := seen[id]; dup {
						t.Fatalf("%s is in shard %d and %d", id, prev+1, k+1)
					}
					seen[id] = k
				}
			}
			if len(seen) != len(want) {
				t.Fatalf("shards hold %d tests, want %d", len(seen), len(want))
			}
			for id := range want {
				if _, ok := seen[id]; !ok {
					t.Fatalf("%s is in no shard", id)
				}
			}
			// Every runner computes the same split, whatever order the
			// tests come in.
			shuffled := slices.Clone(tc.tests)
			rand.New(rand.NewPCG(7, 7)).Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
			again := Balance(shuffled, tc.n)
			for k := range s.Shards {
				if !slices.Equal(s.Shards[k], again.Shards[k]) {
					t.Fatalf("shard %d differs between runs:\n%v\n%v", k+1, s.Shards[k], again.Shards[k])
				}
			}
		})
	}
}

func skewedEqual(n int) []Test {
	out := make([]Test, n)
	for i := range out {
		out[i] = Test{ID: fmt.Sprintf("t::x%d", i), DurationS: 0.5, Timed: true}
	}
	return out
}

func TestUntimedCountAtTheMedian(t *testing.T) {
	s := Balance([]Test{{ID: "a", DurationS: 1, Timed: true}, {ID: "b", DurationS: 3, Timed: true}, {ID: "c", DurationS: 5, Timed: true}, {ID: "d"}}, 2)
	if s.Median != 3 || s.Untimed != 1 {
		t.Fatalf("median %v untimed %d, want 3 and 1", s.Median, s.Untimed)
	}
	if total := s.Expected[0] + s.Expected[1]; total != 12 {
		t.Fatalf("expected total %v, want 12 (the untimed test at the median 3)", total)
	}
}

func TestHashOwnerIsStableAndSpreads(t *testing.T) {
	// Pinned values: impacted_filter.py computes the same (its test checks
	// these ids with Python's hashlib), so a change here breaks every runner's agreement.
	for id, want := range map[string]int{
		"tests/test_new.py::test_a":           4,
		"tests/test_cart.py::test_total[2-3]": 0,
		"tests/t.py::TestX::test_ü":           2,
	} {
		if got := HashOwner(id, 7); got != want {
			t.Errorf("HashOwner(%q, 7) = %d, want %d", id, got, want)
		}
	}
	counts := make([]int, 8)
	for i := range 8000 {
		counts[HashOwner(fmt.Sprintf("tests/test_x.py::test_%d", i), 8)]++
	}
	for k, c := range counts {
		if c < 800 || c > 1200 {
			t.Errorf("shard %d got %d of 8000 hashed tests, want about 1000", k+1, c)
		}
	}
}

func untimed(tests []Test) []Test {
	out := slices.Clone(tests)
	for i := range out {
		out[i].Timed = false
	}
	return out
}
