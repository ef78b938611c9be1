package runner

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// blockingSuite is a pytest module whose two tests announce themselves on a
// FIFO (worker pid and process group) and then hang, so the test can
// interrupt a real `uv run pytest -n 2` at a known point.
const blockingSuite = `import os, time

def announce():
    with open(os.environ["READY_FIFO"], "w") as f:
        f.write("ready %d %d\n" % (os.getpid(), os.getpgrp()))

def idle():
    for _ in range(1200):  # a signal is handled at Python's next check: short sleeps keep one near
        time.sleep(0.05)

def test_a():
    announce()
    idle()

def test_b():
    announce()
    idle()
`

// xdistPython is the interpreter of the example project's venv, which has
// pytest and pytest-xdist; uv runs it as it would the project's own.
func xdistPython(t *testing.T) string {
	t.Helper()
	py, err := filepath.Abs("../../examples/shop/.venv/bin/python")
	if err != nil {
		t.Fatal(err)
	}
	if err := exec.Command(py, "-c", "import pytest, xdist").Run(); err != nil {
		t.Fatalf("%s with pytest-xdist is required (uv sync in examples/shop): %v", py, err)
	}
	if _, err := exec.LookPath("uv"); err != nil {
		t.Fatalf("uv is required: %v", err)
	}
	return py
}

// workerAnnouncements makes the FIFO and returns a channel of the pids the
// pytest workers announce. O_RDWR keeps a writer open on our side, so the
// open never blocks and each worker's close is not an EOF.
func workerAnnouncements(t *testing.T, fifo string) <-chan [2]int {
	t.Helper()
	if err := unix.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(fifo, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = f.Close() })
	ch := make(chan [2]int, 4)
	re := regexp.MustCompile(`^ready (\d+) (\d+)$`)
	go func() {
		sc := bufio.NewScanner(f)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				ch <- [2]int{atoi(t, m[1]), atoi(t, m[2])}
			}
		}
	}()
	return ch
}

func TestUVPytestXdistInterrupted(t *testing.T) {
	py := xdistPython(t)
	tests := []struct {
		name   string
		ctrlC  bool // type Ctrl-C on the terminal instead of forwarding SIGINT
		signal os.Signal
	}{
		{"forwarded SIGINT", false, syscall.SIGINT},
		{"Ctrl-C typed", true, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "test_block.py"), []byte(blockingSuite), 0o644); err != nil {
				t.Fatal(err)
			}
			fifo := filepath.Join(dir, "ready.fifo")
			ready := workerAnnouncements(t, fifo)
			m, s := openTestPTY(t)
			sigs := make(chan os.Signal, 1)
			out := newOutBuf()
			const grace = 30 * time.Second
			done := startRun(context.Background(), Options{
				Argv: []string{"uv", "run", "--offline", "--no-project", "--python", py,
					"python", "-m", "pytest", "-n", "2", "-p", "no:cacheprovider", "test_block.py"},
				Env: testEnv("READY_FIFO=" + fifo), Dir: dir, Mode: ModePTY,
				Stdin: s, Terminal: s, Stdout: out, Signals: sigs, KillGrace: grace, ChildForwards: true})
			workers := [][2]int{awaitWorker(t, ready, out), awaitWorker(t, ready, out)}
			if workers[0][1] != workers[1][1] {
				t.Errorf("workers in different process groups: %v", workers)
			}
			if tc.ctrlC {
				_, _ = m.Write([]byte{0x03})
			} else {
				sigs <- syscall.SIGINT
			}
			r := await(t, done)
			if r.err != nil || r.res.ExitCode != 2 || r.res.Signal != tc.signal {
				t.Errorf("got %+v, %v; want exit 2 (pytest interrupted), signal %v\n%s", r.res, r.err, tc.signal, out)
			}
			if r.elapsed > grace/2 {
				t.Errorf("Run took %s: it needed the SIGKILL fallback", r.elapsed)
			}
			if !strings.Contains(out.String(), "KeyboardInterrupt") {
				t.Errorf("no KeyboardInterrupt summary in:\n%s", out)
			}
			for _, w := range workers {
				assertGroupGone(t, w[1])
				if st, ok := procState(w[0]); ok && st != "Z" {
					t.Errorf("worker %d still alive (state %s)", w[0], st)
				}
			}
		})
	}
}

func awaitWorker(t *testing.T, ready <-chan [2]int, out *outBuf) [2]int {
	t.Helper()
	select {
	case w := <-ready:
		return w
	case <-time.After(testTimeout):
		t.Fatalf("pytest workers never started; output:\n%s", out)
		return [2]int{}
	}
}

// procState is the one-letter state of pid, ok=false if it is gone.
func procState(pid int) (string, bool) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return "", false
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return f[0], len(f) > 0
}
