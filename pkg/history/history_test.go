package history

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/impacted/impacted/pkg/metrics"
)

// TestConcurrentAppendsWithRotation: writers at once, one rotation on the
// way; every line arrives whole, once.
func TestConcurrentAppendsWithRotation(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	const writers, each = 8, 200
	probe := Record{Metrics: metrics.Metrics{Mode: "serial", FallbackReason: "probe"}}
	if err := Append(path, probe, 1<<30); err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(path)
	limit := st.Size() * writers * each * 6 / 10 // rotates once, about 60% of the way
	var wg sync.WaitGroup
	errs := make(chan error, writers*each)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				r := Record{Time: time.Unix(int64(i), 0), Metrics: metrics.Metrics{Mode: "serial", FallbackReason: fmt.Sprintf("w%d-%d", w, i)}}
				if err := Append(path, r, limit); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".1"); err != nil {
		t.Fatalf("no rotation happened: %v", err)
	}
	recs, bad, err := Read(path)
	if err != nil || bad != 0 {
		t.Fatalf("read: %v, %d unreadable lines", err, bad)
	}
	seen := map[string]int{}
	for _, r := range recs {
		seen[r.FallbackReason]++
	}
	for w := range writers {
		for i := range each {
			if k := fmt.Sprintf("w%d-%d", w, i); seen[k] != 1 {
				t.Errorf("%s appears %d times", k, seen[k])
			}
		}
	}
}

func TestAppendKeepsTwoFilesAtMost(t *testing.T) {
	path := filepath.Join(t.TempDir(), "history.jsonl")
	for i := range 50 {
		if err := Append(path, Record{Metrics: metrics.Metrics{Mode: fmt.Sprint(i)}}, 200); err != nil {
			t.Fatal(err)
		}
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	total := int64(0)
	for _, e := range entries {
		info, _ := e.Info()
		total += info.Size()
	}
	if total > 2*(200+300) {
		t.Errorf("history takes %d bytes with a 200-byte limit", total)
	}
	recs, _, _ := Read(path)
	if len(recs) == 0 || recs[len(recs)-1].Mode != "49" {
		t.Errorf("the newest record is missing: %v", recs)
	}
}

func TestSummarize(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	rec := func(h int, full bool, reason string, p, wall, fullS float64) Record {
		ran := fullS
		if !full {
			ran = p * fullS
		}
		return Record{Time: day.Add(time.Duration(h) * time.Hour), FullSuiteS: fullS, RanS: ran,
			Metrics: metrics.Metrics{Full: full, FallbackReason: reason, P: p, WallS: wall}}
	}
	s := Summarize([]Record{
		rec(3, false, "none", 0.1, 2, 20),
		rec(1, false, "", 0.3, 4, 20),
		rec(2, true, "no-map:.cache/coverage.json", 0, 30, 0),
		rec(4, true, "threshold:p=0.5", 0.5, 21, 20),
		rec(5, true, "threshold:p=0.6", 0.6, 22, 20),
		rec(6, true, "", 0, 20, 20),
	})
	want := Summary{Runs: 6, Since: day.Add(time.Hour), Selected: 2, ShareMedian: 0.2, ShareMean: 0.2, Fallbacks: 4, FallbackRate: 4.0 / 6,
		ByReason: map[string]int{"no-map": 1, "threshold": 2, "forced": 1}, ComparedRuns: 5, RanS: 68, FullSuiteS: 100, SavedS: 32,
		WallSelected: 3, WallFull: 21.5}
	if fmt.Sprint(s) != fmt.Sprint(want) {
		t.Errorf("Summarize:\n got %+v\nwant %+v", s, want)
	}
	if r := s.Reasons(); fmt.Sprint(r) != "[threshold forced no-map]" {
		t.Errorf("Reasons() = %v", r)
	}
}
