package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/creack/pty"
)

// ttyTest prints which terminal pytest's stdout is, if any (run with -s).
const ttyTest = "import os\nimport sys\n\n\ndef test_tty():\n" +
	"    print(f\"STDOUT-TTY={os.ttyname(1) if sys.stdout.isatty() else None}\")\n"

// colourEnv is the environment with pytest's colour left to --color auto:
// none of the variables that force it either way, and a TERM that allows it.
func colourEnv() []string {
	var env []string
	for _, kv := range gitEnv() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "NO_COLOR", "PY_COLORS", "FORCE_COLOR", "TERM", "PYTEST_ADDOPTS", "IMPACTED_NO_PTY", "IMPACTED_COLOR":
			continue
		}
		env = append(env, kv)
	}
	return append(env, "TERM=xterm-256color")
}

// TestRunUnderPty: with stdin, stdout and stderr on a terminal, pytest runs
// on a pseudo-terminal of its own (it sees a tty, not ours, and colours its
// output) and the metrics line is still the last line; --no-pty hands it our
// terminal; through pipes, pytest sees no tty.
func TestRunUnderPty(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.write("tests/test_tty.py", ttyTest)
	for _, tt := range []struct {
		name, flag string
		ownPty     bool
	}{
		{"terminal", "--serial", true},
		{"terminal with --no-pty", "--no-pty", false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(impactedBin, "run", tt.flag, "--", "-s")
			cmd.Dir, cmd.Env = dir, colourEnv()
			out, ours, code := runOnPty(t, cmd)
			if code != 0 {
				t.Fatalf("exit %d\n%q", code, out)
			}
			tty := regexp.MustCompile(`STDOUT-TTY=(\S+)`).FindStringSubmatch(out)
			switch {
			case tty == nil || tty[1] == "None":
				t.Errorf("pytest's stdout is not a terminal:\n%q", out)
			case tt.ownPty && tty[1] == ours:
				t.Errorf("pytest ran on our terminal %s, not on a pseudo-terminal of its own", ours)
			case !tt.ownPty && tty[1] != ours:
				t.Errorf("pytest ran on %s, want our terminal %s", tty[1], ours)
			}
			if !strings.Contains(out, "\x1b[") {
				t.Errorf("no colour escape in pytest's output:\n%q", out)
			}
			wantMetrics(t, metricsLine(t, out), map[string]string{"pytest_exit": "0", "full": "false"})
		})
	}
	t.Run("pipe", func(t *testing.T) {
		cmd := exec.Command(impactedBin, "run", "--", "-s")
		cmd.Dir, cmd.Env = dir, colourEnv()
		var out bytes.Buffer
		cmd.Stdout, cmd.Stderr = &out, &out
		if err := cmd.Run(); err != nil {
			t.Fatalf("%v\n%s", err, out.String())
		}
		if !strings.Contains(out.String(), "STDOUT-TTY=None") {
			t.Errorf("pytest's stdout is a terminal through a pipe:\n%q", out.String())
		}
		if strings.Contains(out.String(), "\x1b[") {
			t.Errorf("colour escapes through a pipe:\n%q", out.String())
		}
		wantMetrics(t, metricsLine(t, out.String()), map[string]string{"pytest_exit": "0"})
	})
}

// runOnPty runs cmd in a new session with its stdin, stdout and stderr on a
// new terminal, and returns what it wrote there, the terminal's name and the
// exit code.
func runOnPty(t *testing.T, cmd *exec.Cmd) (string, string, int) {
	t.Helper()
	ptmx, tty, err := pty.Open()
	if err != nil {
		t.Fatalf("open a pty: %v", err)
	}
	defer ptmx.Close()
	if err := pty.Setsize(ptmx, &pty.Winsize{Rows: 40, Cols: 120}); err != nil {
		t.Fatal(err)
	}
	cmd.Stdin, cmd.Stdout, cmd.Stderr = tty, tty, tty
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true}
	err = cmd.Start()
	tty.Close() // the child holds it now
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	read := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, ptmx)
		read <- err
	}()
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	select {
	case <-exited:
	case <-time.After(2 * time.Minute):
		_ = cmd.Process.Kill()
		t.Fatal("impacted did not exit within 2 minutes")
	}
	// Linux reports EIO once every holder of the terminal is gone.
	select {
	case err := <-read:
		var pe *os.PathError
		if err != nil && !(errors.As(err, &pe) && errors.Is(pe.Err, syscall.EIO)) {
			t.Fatalf("read the pty: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the pty stayed open after impacted exited: a process of the run is left")
	}
	return out.String(), tty.Name(), cmd.ProcessState.ExitCode()
}

// slowTest announces itself on stderr (which pytest-xdist workers share
// with the controller) and then sleeps far longer than the test waits.
const slowTest = "import sys\nimport time\n\n\ndef test_slow():\n" +
	"    sys.stderr.write(\"SLOW-TEST-STARTED\\n\")\n    sys.stderr.flush()\n    time.sleep(30)\n"

// TestRunSIGINT: SIGINT sent to impacted during a slow test ends the run
// promptly with 130, and no process of the run is left behind.
func TestRunSIGINT(t *testing.T) {
	for _, args := range [][]string{{"--serial"}, {"--xdist", "2"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			p := sharedShop(t)
			dir := p.dir
			p.write("tests/test_slow.py", slowTest)
			out := &markerWriter{marker: "SLOW-TEST-STARTED", seen: make(chan struct{})}
			cmd := exec.Command(impactedBin, append(append([]string{"run"}, args...), "--", "-s")...)
			cmd.Dir, cmd.Env, cmd.Stdout, cmd.Stderr = dir, gitEnv(), out, out
			cmd.WaitDelay = 10 * time.Second // a leftover holding the pipe must not hang Wait
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { killProcessesUnder(t, dir) }) // when the test fails half-way
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()
			select {
			case <-out.seen:
			case err := <-exited:
				t.Fatalf("impacted exited (%v) before the slow test started:\n%s", err, out.String())
			case <-time.After(time.Minute):
				_ = cmd.Process.Kill()
				t.Fatalf("the slow test did not start within a minute:\n%s", out.String())
			}
			if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
				t.Fatal(err)
			}
			sent := time.Now()
			select {
			case <-exited:
			case <-time.After(20 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("impacted did not exit within 20s of SIGINT:\n%s", out.String())
			}
			if took := time.Since(sent); took > 10*time.Second {
				t.Errorf("impacted took %v to exit after SIGINT", took)
			}
			if code := cmd.ProcessState.ExitCode(); code != 130 {
				t.Errorf("exit %d, want 130\n%s", code, out.String())
			}
			if left := processesUnder(t, dir); len(left) > 0 {
				t.Errorf("processes of the run are left: %v", left)
			}
		})
	}
}

// markerWriter collects output and closes seen when marker first appears.
type markerWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	marker string
	seen   chan struct{}
	once   sync.Once
}

func (w *markerWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.buf.Write(p)
	if bytes.Contains(w.buf.Bytes(), []byte(w.marker)) {
		w.once.Do(func() { close(w.seen) })
	}
	return len(p), nil
}

func (w *markerWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// processesUnder lists the live processes whose working directory or
// command line is under dir.
func processesUnder(t *testing.T, dir string) []string {
	t.Helper()
	procs, err := filepath.Glob("/proc/[0-9]*")
	if err != nil {
		t.Fatal(err)
	}
	var found []string
	for _, p := range procs {
		cwd, _ := os.Readlink(filepath.Join(p, "cwd"))
		cmdline, _ := os.ReadFile(filepath.Join(p, "cmdline"))
		args := strings.ReplaceAll(string(cmdline), "\x00", " ")
		if cwd == dir || strings.HasPrefix(cwd, dir+"/") || strings.Contains(args, dir) {
			found = append(found, filepath.Base(p)+": "+args)
		}
	}
	return found
}

// killProcessesUnder kills, by pid, what processesUnder finds.
func killProcessesUnder(t *testing.T, dir string) {
	for _, p := range processesUnder(t, dir) {
		pid, _, _ := strings.Cut(p, ":")
		if n, err := strconv.Atoi(pid); err == nil {
			_ = syscall.Kill(n, syscall.SIGKILL)
		}
	}
}

// TestRunLaunchers: `--runner 'python3 -m'` runs pytest with the python
// found in PATH (the project's venv), and a missing launcher exits 69 with
// one line that says what to do.
func TestRunLaunchers(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	path := "PATH=" + filepath.Join(dir, ".venv", "bin") + string(os.PathListSeparator) + os.Getenv("PATH")
	out, errOut, code := impacted(t, dir, []string{path}, "run", "--runner", "python3 -m")
	if code != 0 || passedCount(out) != 7 {
		t.Errorf("--runner 'python3 -m': exit %d, %d passed, want 0 and 7\n%s\n%s", code, passedCount(out), out, errOut)
	}
	out, _ = mustRun(t, dir, []string{path}, impactedBin, "run", "--dry-run", "--runner", "python3 -m")
	if !strings.Contains(out, "impacted: command: python3 -m pytest -q ") {
		t.Errorf("the plan does not use the runner:\n%s", out)
	}

	out, errOut, code = impacted(t, dir, nil, "run", "--runner", "no-such-tool")
	if code != 69 {
		t.Fatalf("--runner no-such-tool: exit %d, want 69\n%s\n%s", code, out, errOut)
	}
	lines := strings.Split(strings.TrimSpace(errOut), "\n")
	if len(lines) != 1 || !strings.HasPrefix(lines[0], "impacted: ") || !strings.Contains(lines[0], `"no-such-tool"`) ||
		!strings.Contains(lines[0], "--runner") {
		t.Errorf("want one line naming the launcher and the fix (--runner), got:\n%s", errOut)
	}
	wantMetrics(t, metricsLine(t, out), map[string]string{"pytest_exit": "-"})
}
