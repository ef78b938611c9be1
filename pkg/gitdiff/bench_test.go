package gitdiff

import (
	"context"
	"fmt"
	"os/exec"
	"testing"
	"time"
)

// benchRepo builds 2,000 files of 60 lines in 40 packages, then changes 20
// of them every way Changes must see: committed, staged, unstaged, renamed
// with an edit, untracked. It returns the base commit.
func benchRepo(b *testing.B) (*testRepo, string) {
	b.Helper()
	g := newRepo(b)
	body := numbered(60)
	name := func(i int) string { return fmt.Sprintf("pkg%02d/mod_%04d.py", i%40, i) }
	for i := range 2000 {
		g.write(name(i), body)
	}
	base := g.commitAll("base")
	for i := range 4 {
		g.write(name(i*97), replaceLine(body, 10, "committed"))
	}
	g.commitAll("since base")
	for i := 4; i < 8; i++ {
		g.write(name(i*97), replaceLine(body, 20, "staged"))
		g.git("add", name(i*97))
	}
	for i := 8; i < 16; i++ {
		g.write(name(i*97), replaceLine(replaceLine(body, 1, "a"), 50, "b"))
	}
	for i := 16; i < 18; i++ {
		g.git("mv", name(i*97), name(i*97)+".moved.py")
		g.write(name(i*97)+".moved.py", replaceLine(body, 30, "moved"))
	}
	g.write("new/untracked_1.py", body)
	g.write("new/untracked_2.py", body)
	return g, base
}

// BenchmarkChanges also times, interleaved and off the clock, the floor it
// is compared against: one bare `git status --porcelain -z`, the cheapest
// full answer to "what changed". The ratio survives a noisy shared machine
// better than two separate benchmarks would.
func BenchmarkChanges(b *testing.B) {
	g, base := benchRepo(b)
	r := g.open()
	ctx := context.Background()
	var changesTime, statusTime time.Duration
	for b.Loop() {
		start := time.Now()
		changes, err := r.Changes(ctx, base)
		changesTime += time.Since(start)
		if err != nil || len(changes) != 20 {
			b.Fatalf("Changes = %d changes, %v; want 20", len(changes), err)
		}
		b.StopTimer()
		statusTime += timeStatus(b, g)
		b.StartTimer()
	}
	b.ReportMetric(float64(changesTime)/float64(statusTime), "x-git-status")
}

func timeStatus(b *testing.B, g *testRepo) time.Duration {
	cmd := exec.Command("git", "-C", g.dir, "status", "--porcelain", "-z")
	cmd.Env = append(g.env, "GIT_OPTIONAL_LOCKS=0")
	start := time.Now()
	out, err := cmd.Output()
	elapsed := time.Since(start)
	if err != nil || len(out) == 0 {
		b.Fatalf("git status: %v", err)
	}
	return elapsed
}

func BenchmarkFiles(b *testing.B) {
	g, _ := benchRepo(b)
	r := g.open()
	for b.Loop() {
		files, err := r.Files(context.Background())
		if err != nil || len(files) != 2002 {
			b.Fatalf("Files = %d files, %v; want 2002", len(files), err)
		}
	}
}
