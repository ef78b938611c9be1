package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// bgRun is an `impacted` started in the background, for the tests where
// two processes must overlap.
type bgRun struct {
	cmd         *exec.Cmd
	out, errOut syncBuf
	done        chan struct{}
	code        int
}

func startImpacted(t *testing.T, dir string, env []string, args ...string) *bgRun {
	t.Helper()
	r := &bgRun{cmd: exec.Command(impactedBin, args...), done: make(chan struct{})}
	r.cmd.Dir, r.cmd.Env = dir, append(gitEnv(), env...)
	r.cmd.Stdout, r.cmd.Stderr = &r.out, &r.errOut
	if err := r.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		_ = r.cmd.Wait()
		r.code = r.cmd.ProcessState.ExitCode()
		close(r.done)
	}()
	t.Cleanup(func() {
		_ = r.cmd.Process.Kill()
		select {
		case <-r.done:
		case <-time.After(30 * time.Second):
			// Wait waits for the output pipes, which an orphaned pytest
			// can hold open; the test has already failed.
			t.Errorf("impacted's children outlived it and hold its output")
		}
	})
	return r
}

// syncBuf is an output buffer a test can wait on for a line, instead of
// sleeping.
type syncBuf struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.changed != nil {
		close(s.changed)
		s.changed = nil
	}
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// waitFor blocks until the output contains text, failing if r ends first.
func (r *bgRun) waitFor(t *testing.T, s *syncBuf, text string) {
	t.Helper()
	for {
		s.mu.Lock()
		found := strings.Contains(s.b.String(), text)
		if s.changed == nil {
			s.changed = make(chan struct{})
		}
		ch := s.changed
		s.mu.Unlock()
		if found {
			return
		}
		select {
		case <-ch:
		case <-r.done:
			if !strings.Contains(s.String(), text) {
				t.Fatalf("impacted ended (exit %d) without printing %q\n%s\n%s", r.code, text, r.out.String(), r.errOut.String())
			}
			return
		}
	}
}

// wait returns the exit code once the run has ended.
func (r *bgRun) wait(t *testing.T) int {
	t.Helper()
	select {
	case <-r.done:
		return r.code
	case <-time.After(2 * time.Minute):
		t.Fatalf("impacted did not end\n%s\n%s", r.out.String(), r.errOut.String())
		return -1
	}
}

// holdPlugin stops pytest's main process in pytest_configure, before
// pytest-xdist starts its workers, until the test lets it go: it writes
// to the HOLD_HELD fifo (which blocks until the test reads), then reads
// HOLD_RELEASE (which blocks until the test writes). No timing involved.
const holdPlugin = `import os


def pytest_configure(config):
    if hasattr(config, "workerinput") or "HOLD_HELD" not in os.environ:
        return
    with open(os.environ["HOLD_HELD"], "w") as f:
        f.write("held\n")
    with open(os.environ["HOLD_RELEASE"]) as f:
        f.read()
`

// holder drives holdPlugin from the test side.
type holder struct {
	dir, held, release string
}

func newHolder(t *testing.T) holder {
	t.Helper()
	dir := t.TempDir()
	h := holder{dir: dir, held: filepath.Join(dir, "held"), release: filepath.Join(dir, "release")}
	for _, f := range []string{h.held, h.release} {
		if err := syscall.Mkfifo(f, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "hold.py"), []byte(holdPlugin), 0o644); err != nil {
		t.Fatal(err)
	}
	return h
}

// env lets a run load the plugin (with `-p hold` after --).
func (h holder) env() []string {
	return []string{"PYTHONPATH=" + h.dir, "HOLD_HELD=" + h.held, "HOLD_RELEASE=" + h.release}
}

// await blocks until r's pytest is held, failing if r ends first.
func (h holder) await(t *testing.T, r *bgRun) {
	t.Helper()
	h.pipe(t, r, h.held, os.O_RDONLY)
}

// let releases the held pytest.
func (h holder) let(t *testing.T, r *bgRun) {
	t.Helper()
	h.pipe(t, r, h.release, os.O_WRONLY)
}

// pipe opens one end of a fifo, which blocks until the other end is open;
// if r ends instead, the test fails with its output.
func (h holder) pipe(t *testing.T, r *bgRun, path string, flag int) {
	t.Helper()
	opened := make(chan error, 1)
	go func() {
		f, err := os.OpenFile(path, flag, 0)
		if err == nil {
			if flag == os.O_RDONLY {
				_, err = f.Read(make([]byte, 16))
			}
			f.Close()
		}
		opened <- err
	}()
	select {
	case err := <-opened:
		if err != nil {
			t.Fatal(err)
		}
	case <-r.done:
		t.Fatalf("impacted ended (exit %d) before pytest reached the hold\n%s\n%s", r.code, r.out.String(), r.errOut.String())
	}
}

// TestConcurrentRunsKeepTheirSelections: run A (xdist) is held after it
// wrote its selection but before its workers read it; the work tree
// changes, and run B selects and runs other tests to completion. A then
// runs exactly its own seven tests: with one shared selection file, A's
// workers ran B's two.
func TestConcurrentRunsKeepTheirSelections(t *testing.T) {
	p := sharedShop(t)
	h := newHolder(t)
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	a := startImpacted(t, p.dir, h.env(), "run", "--xdist", "2", "--", "-p", "hold")
	h.await(t, a)

	git(t, p.dir, "checkout", "-q", "--", "src/shop/pricing.py")
	p.replace("src/shop/formatting.py", `return f"{Decimal(fraction) * 100:.{places}f}%"`, `return f"{(Decimal(fraction) * 100):.{places}f}%"`)
	out, errOut, code := impacted(t, p.dir, nil, "run")
	if code != 0 || passedCount(out) != 2 {
		t.Fatalf("run B: exit %d, %d passed, want 0 and 2\n%s\n%s", code, passedCount(out), out, errOut)
	}
	wantMetrics(t, metricsLine(t, out), map[string]string{"impacted_count": "2"})

	h.let(t, a)
	if code := a.wait(t); code != 0 {
		t.Fatalf("run A: exit %d\n%s\n%s", code, a.out.String(), a.errOut.String())
	}
	if n := passedCount(a.out.String()); n != 7 {
		t.Errorf("run A ran %d tests, want its own 7\n%s", n, a.out.String())
	}
	wantMetrics(t, metricsLine(t, a.out.String()), map[string]string{"impacted_count": "7", "mode": "xdist"})
	if left, _ := os.ReadDir(filepath.Join(p.dir, ".cache", "impacted", "runs")); len(left) != 0 {
		t.Errorf("the runs left %d scratch directories behind", len(left))
	}
}

// TestConcurrentMapBuilds: a second `map build` while the first is held
// inside pytest says it waits, and does; the previous map stays usable
// meanwhile; both builds then succeed. Sharing one build directory, the
// second deleted the first's coverage data (INTERNALERROR, exit 3).
func TestConcurrentMapBuilds(t *testing.T) {
	p := sharedShop(t)
	h := newHolder(t)
	a := startImpacted(t, p.dir, h.env(), "map", "build", "--", "-p", "hold")
	h.await(t, a)
	b := startImpacted(t, p.dir, nil, "map", "build")
	b.waitFor(t, &b.errOut, "waiting for it to finish")
	if out, errOut, code := impacted(t, p.dir, nil, "select"); code != 0 {
		t.Errorf("the previous map was not usable during a build: exit %d\n%s\n%s", code, out, errOut)
	}
	h.let(t, a)
	for name, r := range map[string]*bgRun{"first": a, "second": b} {
		if code := r.wait(t); code != 0 || !strings.Contains(r.out.String(), "impacted: map: 79 tests") {
			t.Errorf("%s build: exit %d\n%s\n%s", name, code, r.out.String(), r.errOut.String())
		}
	}
	entries, _ := os.ReadDir(filepath.Join(p.dir, ".cache", "impacted"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "build") {
			t.Errorf("a build directory was left behind: %s", e.Name())
		}
	}
}
