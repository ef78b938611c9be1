package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// slowTeardownTest counts the SIGINTs pytest receives (then behaves as
// Python's default handler does) and has a teardown longer than the fixed
// 5 s kill timer impacted used to arm; it writes TEARDOWN_DONE only if it
// runs to its end. The test itself waits, held, for the signal.
const slowTeardownTest = `import os
import signal
import time

import pytest


def _count(signum, frame):
    with open(os.environ["SIG_COUNT"], "a") as f:
        f.write("INT\n")
    signal.default_int_handler(signum, frame)


@pytest.fixture
def slow_teardown():
    signal.signal(signal.SIGINT, _count)
    yield
    time.sleep(6)
    with open(os.environ["TEARDOWN_DONE"], "w") as f:
        f.write("done\n")


def test_held(slow_teardown):
    with open(os.environ["HOLD_HELD"], "w") as f:
        f.write("held\n")
    with open(os.environ["HOLD_RELEASE"]) as f:
        f.read()
`

// TestSIGINTWithoutTerminal: SIGINT to `impacted run` with no terminal (a
// CI cancel) reaches pytest exactly once, and impacted waits for pytest's
// teardown to finish, like pytest run directly; it then exits 130 with
// pytest's own "interrupted" status in the metrics.
func TestSIGINTWithoutTerminal(t *testing.T) {
	p := sharedShop(t)
	h := newHolder(t)
	p.write("tests/test_slow_teardown.py", slowTeardownTest)
	count, done := filepath.Join(h.dir, "count"), filepath.Join(h.dir, "done")
	env := append(h.env(), "SIG_COUNT="+count, "TEARDOWN_DONE="+done)
	r := startImpacted(t, p.dir, env, "run")
	h.await(t, r)
	if err := r.cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	code := r.wait(t)
	out := r.out.String()
	if code != 130 {
		t.Errorf("exit %d, want 130\n%s\n%s", code, out, r.errOut.String())
	}
	wantMetrics(t, metricsLine(t, out), map[string]string{"pytest_exit": "2"})
	if _, err := os.Stat(done); err != nil {
		t.Errorf("the fixture's teardown did not finish: %v\n%s", err, out)
	}
	got, _ := os.ReadFile(count)
	if n := strings.Count(string(got), "INT"); n != 1 {
		t.Errorf("pytest received SIGINT %d times, want once\n%s", n, out)
	}
}

// heldPIDTest writes pytest's pid, then waits, held.
const heldPIDTest = `import os


def test_held():
    with open(os.environ["PYTEST_PID"], "w") as f:
        f.write(str(os.getpid()))
    with open(os.environ["HOLD_HELD"], "w") as f:
        f.write("held\n")
    with open(os.environ["HOLD_RELEASE"]) as f:
        f.read()
`

// TestKill9LeavesNoOrphans: `kill -9` of impacted can run no clean-up of
// its own, yet pytest does not run on as an orphan: the kernel's
// parent-death signal reaches uv, which passes it on to pytest.
func TestKill9LeavesNoOrphans(t *testing.T) {
	p := sharedShop(t)
	h := newHolder(t)
	p.write("tests/test_held.py", heldPIDTest)
	pidFile := filepath.Join(h.dir, "pid")
	r := startImpacted(t, p.dir, append(h.env(), "PYTEST_PID="+pidFile), "run")
	h.await(t, r)
	data, err := os.ReadFile(pidFile)
	if err != nil {
		t.Fatal(err)
	}
	pid, err := strconv.Atoi(string(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = syscall.Kill(pid, syscall.SIGKILL) }) // an orphan, if the test fails
	if err := r.cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	// Nothing tells another process's end to us but its parent; look, with a deadline.
	deadline := time.Now().Add(30 * time.Second)
	for alive(pid) {
		if time.Now().After(deadline) {
			t.Fatalf("pytest (pid %d) still runs 30 s after impacted was killed", pid)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// alive reports whether pid is a live (not zombie) process.
func alive(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	f := strings.Fields(string(b[strings.LastIndexByte(string(b), ')')+1:]))
	return len(f) > 0 && f[0] != "Z" && f[0] != "X"
}
