package history

import (
	"cmp"
	"maps"
	"slices"
	"strings"
	"time"
)

// Summary is what `impacted stats` reports.
type Summary struct {
	Runs     int       `json:"runs"`
	Since    time.Time `json:"since"`
	Selected int       `json:"selected_runs"` // ran a trusted selection
	// ShareMedian and ShareMean are the share of the map that trusted
	// selections ran.
	ShareMedian float64 `json:"selection_share_median"`
	ShareMean   float64 `json:"selection_share_mean"`
	Fallbacks   int     `json:"fallback_runs"`
	// FallbackRate is Fallbacks / Runs; ByReason counts them by the
	// reason's name (the part before ':').
	FallbackRate float64        `json:"fallback_rate"`
	ByReason     map[string]int `json:"fallback_by_reason"`
	// Saved compares, over the runs whose map recorded durations, the
	// recorded time of the tests each run ran with the whole suite's.
	ComparedRuns int     `json:"compared_runs"`
	RanS         float64 `json:"ran_s"`
	FullSuiteS   float64 `json:"full_suite_s"`
	SavedS       float64 `json:"saved_s"`
	// WallSelected and WallFull are the median measured wall times of the
	// runs that ran a selection and of those that ran the whole suite
	// (pytest's start and collection included), 0 without such runs.
	WallSelected float64 `json:"wall_selected_median_s"`
	WallFull     float64 `json:"wall_full_median_s"`
	Unreadable   int     `json:"unreadable_lines"`
}

// Summarize reduces records to a Summary.
func Summarize(recs []Record) Summary {
	s := Summary{Runs: len(recs), ByReason: map[string]int{}}
	var shares, wallSel, wallFull []float64
	for _, r := range recs {
		if s.Since.IsZero() || r.Time.Before(s.Since) {
			s.Since = r.Time
		}
		if reason := r.FallbackReason; r.Full || (reason != "" && reason != "none") {
			s.Fallbacks++
			name, _, _ := strings.Cut(cmp.Or(reason, "forced"), ":")
			s.ByReason[name]++
			wallFull = append(wallFull, r.WallS)
		} else {
			s.Selected++
			shares = append(shares, r.P)
			wallSel = append(wallSel, r.WallS)
		}
		if r.FullSuiteS > 0 {
			s.ComparedRuns++
			s.RanS += r.RanS
			s.FullSuiteS += r.FullSuiteS
		}
	}
	s.SavedS = s.FullSuiteS - s.RanS
	s.WallSelected, s.WallFull = median(wallSel), median(wallFull)
	if s.Runs > 0 {
		s.FallbackRate = float64(s.Fallbacks) / float64(s.Runs)
	}
	if len(shares) > 0 {
		s.ShareMedian = median(shares)
		for _, p := range shares {
			s.ShareMean += p
		}
		s.ShareMean /= float64(len(shares))
	}
	return s
}

// Reasons are the fallback reasons, most frequent first.
func (s Summary) Reasons() []string {
	keys := slices.Collect(maps.Keys(s.ByReason))
	slices.SortFunc(keys, func(a, b string) int {
		return cmp.Or(cmp.Compare(s.ByReason[b], s.ByReason[a]), cmp.Compare(a, b))
	})
	return keys
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	xs = slices.Clone(xs)
	slices.Sort(xs)
	if len(xs)%2 == 0 {
		return (xs[len(xs)/2-1] + xs[len(xs)/2]) / 2
	}
	return xs[len(xs)/2]
}
