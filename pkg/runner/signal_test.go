package runner

import (
	"context"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// grandchild starts `sleep 60` as a grandchild in the same process group
// and waits; with ignore set, both ignore SIGTERM and SIGHUP (ignored
// dispositions survive exec), so only SIGKILL ends them.
func grandchildScript(ignore bool) string {
	s := "import os, signal, subprocess, time\n"
	if ignore {
		s += "signal.signal(signal.SIGTERM, signal.SIG_IGN)\nsignal.signal(signal.SIGHUP, signal.SIG_IGN)\n"
	}
	return s + `p = subprocess.Popen(["sleep", "60"])
print("ready", os.getpgrp(), p.pid, flush=True)
for _ in range(1200):  # SIGINT is a KeyboardInterrupt at Python's next check: short sleeps keep one near
    time.sleep(0.05)
`
}

func TestForwardedSignalEndsGroup(t *testing.T) {
	py := python(t)
	const grace = 30 * time.Second // far above the expected time: returning early proves no SIGKILL was needed
	for _, mode := range []Mode{ModePTY, ModeDirect} {
		for _, sig := range []syscall.Signal{syscall.SIGINT, syscall.SIGTERM, syscall.SIGHUP} {
			t.Run(modeName(mode)+"/"+sig.String(), func(t *testing.T) {
				sigs := make(chan os.Signal, 1)
				out := newOutBuf()
				done := startRun(context.Background(), Options{Argv: []string{py, "-c", grandchildScript(false)},
					Env: testEnv(), Mode: mode, Stdout: out, Stderr: out, Signals: sigs, KillGrace: grace})
				pgid := readyPgid(t, out)
				sigs <- sig
				r := await(t, done)
				if r.err != nil || r.res.Signal != sig || r.res.ExitCode != 128+int(sig) {
					t.Errorf("got %+v, %v; want signal %v, exit %d", r.res, r.err, sig, 128+int(sig))
				}
				if r.elapsed > grace/2 {
					t.Errorf("Run took %s: the group needed the SIGKILL fallback", r.elapsed)
				}
				assertGroupGone(t, pgid)
			})
		}
	}
}

func TestKillEscalation(t *testing.T) {
	py := python(t)
	const grace = 300 * time.Millisecond
	tests := []struct {
		name   string
		mode   Mode
		first  syscall.Signal
		second syscall.Signal // 0: none, the grace timeout must escalate
	}{
		{"pty/grace", ModePTY, syscall.SIGTERM, 0},
		{"direct/grace", ModeDirect, syscall.SIGTERM, 0},
		{"pty/second SIGINT", ModePTY, syscall.SIGINT, syscall.SIGINT},
		{"direct/second SIGINT", ModeDirect, syscall.SIGINT, syscall.SIGINT},
	}
	trapINT := "import signal\nsignal.signal(signal.SIGINT, lambda *a: print('got INT', flush=True))\n"
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			sigs := make(chan os.Signal, 1)
			out := newOutBuf()
			var after time.Duration // none: only the second signal can end it
			if tc.second == 0 {
				after = grace
			}
			done := startRun(context.Background(), Options{Argv: []string{py, "-c", trapINT + grandchildScript(true)},
				Env: testEnv(), Mode: tc.mode, Stdout: out, Stderr: out, Signals: sigs, KillGrace: time.Hour, KillAfter: after})
			pgid := readyPgid(t, out)
			sigs <- tc.first
			if tc.second != 0 {
				out.waitFor(t, regexp.MustCompile("got INT"))
				sigs <- tc.second
			}
			r := await(t, done)
			if r.err != nil || r.res.Signal != tc.first || r.res.ExitCode != 128+int(syscall.SIGKILL) {
				t.Errorf("got %+v, %v; want signal %v, exit 137", r.res, r.err, tc.first)
			}
			if tc.second == 0 && r.elapsed < grace {
				t.Errorf("killed after %s, before the %s grace", r.elapsed, grace)
			}
			assertGroupGone(t, pgid)
		})
	}
}

func TestContextCancelIsSIGTERM(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	out := newOutBuf()
	done := startRun(ctx, Options{Argv: []string{python(t), "-c", grandchildScript(false)},
		Env: testEnv(), Mode: ModeDirect, Stdout: out, Stderr: out})
	pgid := readyPgid(t, out)
	cancel()
	r := await(t, done)
	if r.err != nil || r.res.Signal != syscall.SIGTERM || r.res.ExitCode != 143 {
		t.Errorf("got %+v, %v; want SIGTERM, exit 143", r.res, r.err)
	}
	assertGroupGone(t, pgid)
}

// TestLeftoversAfterExit: the child exits 0 but leaves a grandchild holding
// its output; it is terminated (or killed after the grace) and the output
// up to that point is complete.
func TestLeftoversAfterExit(t *testing.T) {
	py := python(t)
	const grace = 300 * time.Millisecond
	for _, mode := range []Mode{ModePTY, ModeDirect} {
		for _, ignore := range []bool{false, true} {
			name := modeName(mode) + map[bool]string{false: "/polite", true: "/ignores-TERM"}[ignore]
			t.Run(name, func(t *testing.T) {
				script := grandchildScript(ignore)
				script = script[:strings.LastIndex(script, "for _ in range")] + "print('bye', flush=True)\n"
				g := time.Hour
				if ignore {
					g = grace
				}
				out := newOutBuf()
				r := await(t, startRun(context.Background(), Options{Argv: []string{py, "-c", script},
					Env: testEnv(), Mode: mode, Stdout: out, Stderr: out, KillGrace: g}))
				if r.err != nil || r.res.ExitCode != 0 || r.res.Signal != nil {
					t.Errorf("got %+v, %v; want exit 0, no signal", r.res, r.err)
				}
				if ignore && r.elapsed < grace {
					t.Errorf("returned after %s, before the %s grace", r.elapsed, grace)
				}
				out.waitFor(t, regexp.MustCompile("bye"))
				assertGroupGone(t, readyPgid(t, out))
			})
		}
	}
}

// TestEscapedHolderDoesNotBlock: a process that left the group (new
// session) keeps the pty slave open; Run stops reading after the grace.
func TestEscapedHolderDoesNotBlock(t *testing.T) {
	script := `import os, subprocess
p = subprocess.Popen(["sleep", "60"], start_new_session=True)
print("ready", os.getpgrp(), p.pid, flush=True)
`
	out := newOutBuf()
	r := await(t, startRun(context.Background(), Options{Argv: []string{python(t), "-c", script},
		Env: testEnv(), Mode: ModePTY, Stdout: out, KillGrace: 200 * time.Millisecond}))
	m := regexp.MustCompile(`ready \d+ (\d+)`).FindStringSubmatch(out.String())
	if m == nil {
		t.Fatalf("no ready line in %q", out.String())
	}
	pid := atoi(t, m[1])
	defer syscall.Kill(pid, syscall.SIGKILL)
	if r.err != nil || r.res.ExitCode != 0 {
		t.Errorf("got %+v, %v", r.res, r.err)
	}
}

func modeName(m Mode) string {
	if m == ModePTY {
		return "pty"
	}
	return "direct"
}

// TestStoppedChildGetsSignal: a stopped child (SIGSTOP, or SIGTTIN from
// reading a terminal in ModeDirect) only acts on a forwarded signal once it
// is continued, which the forwarding does.
func TestStoppedChildGetsSignal(t *testing.T) {
	script := `import os, signal
print("ready", os.getpgrp(), flush=True)
os.kill(os.getpid(), signal.SIGSTOP)
`
	const grace = 30 * time.Second
	for _, mode := range []Mode{ModePTY, ModeDirect} {
		t.Run(modeName(mode), func(t *testing.T) {
			sigs := make(chan os.Signal, 1)
			out := newOutBuf()
			done := startRun(context.Background(), Options{Argv: []string{python(t), "-c", script},
				Env: testEnv(), Mode: mode, Stdout: out, Signals: sigs, KillGrace: grace})
			pgid := readyPgid(t, out)
			waitStopped(t, pgid)
			sigs <- syscall.SIGTERM
			r := await(t, done)
			if r.err != nil || r.res.ExitCode != 143 || r.elapsed > grace/2 {
				t.Errorf("got %+v, %v after %s; want exit 143 without the SIGKILL fallback", r.res, r.err, r.elapsed)
			}
		})
	}
}

// waitStopped waits until pid is in state T, watching /proc: the kernel
// gives no event for another process's stop that we could wait on.
func waitStopped(t *testing.T, pid int) {
	t.Helper()
	deadline := time.Now().Add(testTimeout)
	for time.Now().Before(deadline) {
		if st, _ := procState(pid); st == "T" {
			return
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("process %d never stopped", pid)
}
