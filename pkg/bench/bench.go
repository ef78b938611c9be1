// Package bench summarises alternating replicates of impacted against the
// whole suite: medians and median absolute deviations, and the speed-up as
// a ratio of medians measured in the same session (the ADR's single runs
// could not tell a gain from the machine's noise).
package bench

import (
	"fmt"
	"io"
	"math"
	"slices"
	"strings"
)

// Summary is a robust summary of one measurement's replicates.
type Summary struct {
	Median float64   `json:"median"`
	MAD    float64   `json:"mad"` // median absolute deviation from the median
	Runs   []float64 `json:"runs"`
}

// Summarize returns the median and MAD of xs (zero for none).
func Summarize(xs []float64) Summary {
	s := Summary{Runs: slices.Clone(xs)}
	if s.Runs == nil {
		s.Runs = []float64{}
	}
	s.Median = median(xs)
	dev := make([]float64, len(xs))
	for i, x := range xs {
		dev[i] = math.Abs(x - s.Median)
	}
	s.MAD = median(dev)
	return s
}

func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	s := slices.Clone(xs)
	slices.Sort(s)
	if n := len(s); n%2 == 1 {
		return s[n/2]
	} else {
		return (s[n/2-1] + s[n/2]) / 2
	}
}

// Variant is one way of running the tests ("impacted serial", "full xdist").
type Variant struct {
	Name      string  `json:"name"`
	Mode      string  `json:"mode"`      // serial or xdist
	Selection string  `json:"selection"` // impacted or full
	Tests     int     `json:"tests"`     // tests that ran (last replicate)
	WallS     Summary `json:"wall_s"`    // impacted: selector time included
	CPUS      Summary `json:"cpu_s"`     // user+system time of pytest and its children
}

// Speedup is full over impacted, median against median.
type Speedup struct {
	Mode string  `json:"mode"`
	Wall float64 `json:"wall"`
	CPU  float64 `json:"cpu"`
}

// Report is the whole benchmark.
type Report struct {
	Replicates     int       `json:"replicates"`
	FallbackReason string    `json:"fallback_reason"` // "none" when the selection was trusted
	ImpactedCount  int       `json:"impacted_count"`
	TotalInMap     int       `json:"total_in_map"`
	SelectorMS     Summary   `json:"selector_ms"`
	Variants       []Variant `json:"variants"`
	Speedups       []Speedup `json:"speedups"`
}

// Finish computes the speed-ups of every mode that has both selections.
func (r *Report) Finish() {
	r.Speedups = nil
	for _, imp := range r.Variants {
		if imp.Selection != "impacted" {
			continue
		}
		for _, full := range r.Variants {
			if full.Selection == "full" && full.Mode == imp.Mode {
				r.Speedups = append(r.Speedups, Speedup{Mode: imp.Mode,
					Wall: ratio(full.WallS.Median, imp.WallS.Median), CPU: ratio(full.CPUS.Median, imp.CPUS.Median)})
			}
		}
	}
}

func ratio(a, b float64) float64 {
	if b <= 0 {
		return 0
	}
	return math.Round(a/b*100) / 100
}

// Table writes the report for people.
func (r *Report) Table(w io.Writer) {
	fmt.Fprintf(w, "%d alternating replicates; selection %d of %d tests (fallback_reason=%s); selector %.1f ms (MAD %.1f)\n\n",
		r.Replicates, r.ImpactedCount, r.TotalInMap, r.FallbackReason, r.SelectorMS.Median, r.SelectorMS.MAD)
	fmt.Fprintf(w, "| %-16s | %5s | %-18s | %-18s |\n", "variant", "tests", "wall s, median (MAD)", "CPU s, median (MAD)")
	fmt.Fprintf(w, "| %s | %s | %s | %s |\n", strings.Repeat("-", 16), strings.Repeat("-", 5), strings.Repeat("-", 20), strings.Repeat("-", 19))
	for _, v := range r.Variants {
		fmt.Fprintf(w, "| %-16s | %5d | %-20s | %-19s |\n", v.Name, v.Tests, cell(v.WallS), cell(v.CPUS))
	}
	fmt.Fprintln(w)
	for _, s := range r.Speedups {
		fmt.Fprintf(w, "speed-up %s: %.2fx wall, %.2fx CPU (full / impacted, medians)\n", s.Mode, s.Wall, s.CPU)
	}
}

func cell(s Summary) string { return fmt.Sprintf("%.3f (%.3f)", s.Median, s.MAD) }
