package runner

import (
	"context"
	"os/exec"
	"testing"
	"time"
)

// BenchmarkRunOverhead measures Run against a bare exec.Command("true").Run()
// in the same loop, so the ratios hold on a loaded machine too. Reported:
// ns per run of each, and pty/exec and direct/exec ratios.
func BenchmarkRunOverhead(b *testing.B) {
	truePath, err := exec.LookPath("true")
	if err != nil {
		b.Fatal(err)
	}
	var base, direct, ptyd time.Duration
	ctx := context.Background()
	for b.Loop() {
		start := time.Now()
		if err := exec.Command(truePath).Run(); err != nil {
			b.Fatal(err)
		}
		base += time.Since(start)
		for _, m := range []struct {
			mode Mode
			sum  *time.Duration
		}{{ModeDirect, &direct}, {ModePTY, &ptyd}} {
			start = time.Now()
			if res, err := Run(ctx, Options{Argv: []string{truePath}, Mode: m.mode}); err != nil || res.ExitCode != 0 {
				b.Fatalf("%+v, %v", res, err)
			}
			*m.sum += time.Since(start)
		}
	}
	n := float64(b.N)
	b.ReportMetric(float64(base.Nanoseconds())/n, "exec-ns/op")
	b.ReportMetric(float64(direct.Nanoseconds())/n, "direct-ns/op")
	b.ReportMetric(float64(ptyd.Nanoseconds())/n, "pty-ns/op")
	b.ReportMetric(float64(direct)/float64(base), "direct/exec")
	b.ReportMetric(float64(ptyd)/float64(base), "pty/exec")
}
