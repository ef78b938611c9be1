package runner

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
)

// bigOutput prints an isatty line, a coloured line and about 1 MB, then
// exits 3; expectedBigOutput is the same text built in Go.
const bigOutput = `
import sys
w = sys.stdout.write
w("isatty=%s\n" % sys.stdout.isatty())
w("\x1b[31mred\x1b[0m\n")
for i in range(14400):
    w("%07d %s\n" % (i, "0123456789abcdef" * 4))
sys.stdout.flush()
sys.exit(3)
`

func expectedBigOutput(tty bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "isatty=%v\n", map[bool]string{true: "True", false: "False"}[tty])
	b.WriteString("\x1b[31mred\x1b[0m\n")
	for i := range 14400 {
		fmt.Fprintf(&b, "%07d %s\n", i, strings.Repeat("0123456789abcdef", 4))
	}
	return b.String()
}

func TestOutputComplete(t *testing.T) {
	py := python(t)
	file, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		mode   Mode
		stdout func() (io.Writer, func() string)
		tty    bool
	}{
		{"pty", ModePTY, bufWriter, true},
		{"direct-pipe", ModeDirect, bufWriter, false},
		{"direct-file", ModeDirect, func() (io.Writer, func() string) {
			return file, func() string { b, _ := os.ReadFile(file.Name()); return string(b) }
		}, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			w, got := tc.stdout()
			var stderr bytes.Buffer
			res, err := Run(context.Background(), Options{Argv: []string{py, "-c", bigOutput},
				Env: testEnv(), Mode: tc.mode, Stdout: w, Stderr: &stderr})
			if err != nil {
				t.Fatal(err)
			}
			out := strings.ReplaceAll(got(), "\r\n", "\n")
			if want := expectedBigOutput(tc.tty); out != want {
				t.Errorf("output differs: got %d bytes, want %d; first 200 bytes: %q", len(out), len(want), out[:min(200, len(out))])
			}
			if res.ExitCode != 3 || res.Signal != nil || stderr.Len() != 0 {
				t.Errorf("got %+v, stderr %q; want exit 3, no signal", res, stderr.String())
			}
		})
	}
}

func bufWriter() (io.Writer, func() string) {
	b := newOutBuf()
	return b, b.String
}

func TestWindowSize(t *testing.T) {
	py := python(t)
	tests := []struct {
		name     string
		terminal *pty.Winsize
		env      []string
		want     string
	}{
		{"from terminal", &pty.Winsize{Rows: 33, Cols: 97}, []string{"COLUMNS=120", "LINES=40"}, "columns=97, lines=33"},
		{"from env", nil, []string{"COLUMNS=120", "LINES=40"}, "columns=120, lines=40"},
		{"default", nil, nil, "columns=80, lines=24"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			opts := Options{Argv: []string{py, "-c", "import os; print(os.get_terminal_size())"},
				Env: testEnv(tc.env...), Mode: ModePTY}
			var before unix.Termios
			if tc.terminal != nil {
				m, s := openTestPTY(t)
				if err := pty.Setsize(m, tc.terminal); err != nil {
					t.Fatal(err)
				}
				before = getTermios(t, s)
				opts.Terminal, opts.Stdin = s, s
				defer func() {
					if after := getTermios(t, s); after != before {
						t.Errorf("terminal not restored:\nbefore %+v\nafter  %+v", before, after)
					}
				}()
			}
			out := newOutBuf()
			opts.Stdout = out
			if _, err := Run(context.Background(), opts); err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(out.String(), tc.want) {
				t.Errorf("child saw %q, want %q", out.String(), tc.want)
			}
		})
	}
}

// openTestPTY gives the test a pty pair standing for the user's terminal:
// writing to m is the user typing, s is what impacted sees as its terminal.
func openTestPTY(t *testing.T) (m, s *os.File) {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = m.Close(); _ = s.Close() })
	return m, s
}

func TestWindowSizeFollowsSIGWINCH(t *testing.T) {
	m, s := openTestPTY(t)
	if err := pty.Setsize(m, &pty.Winsize{Rows: 20, Cols: 70}); err != nil {
		t.Fatal(err)
	}
	script := `
import os, signal, sys, time
def winch(*_):
    c, l = os.get_terminal_size()
    print("size %dx%d" % (c, l), flush=True)
    sys.exit(0)
signal.signal(signal.SIGWINCH, winch)
print("ready", os.getpgrp(), flush=True)
while True:  # Python runs the handler at its next check: short sleeps keep one near
    time.sleep(0.05)
`
	out := newOutBuf()
	done := startRun(context.Background(), Options{Argv: []string{python(t), "-c", script},
		Env: testEnv(), Mode: ModePTY, Stdin: s, Terminal: s, Stdout: out})
	readyPgid(t, out)
	if err := pty.Setsize(m, &pty.Winsize{Rows: 50, Cols: 132}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGWINCH); err != nil {
		t.Fatal(err)
	}
	out.waitFor(t, regexp.MustCompile(`size 132x50`))
	if r := await(t, done); r.err != nil || r.res.ExitCode != 0 {
		t.Errorf("got %+v, %v", r.res, r.err)
	}
}
