package runner

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// testTimeout bounds every wait in these tests; reaching it is a failure.
const testTimeout = 30 * time.Second

// outBuf collects a child's output and lets a test wait for a marker in it
// instead of sleeping.
type outBuf struct {
	mu      sync.Mutex
	b       bytes.Buffer
	changed chan struct{}
}

func newOutBuf() *outBuf { return &outBuf{changed: make(chan struct{})} }

func (o *outBuf) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	n, err := o.b.Write(p)
	close(o.changed)
	o.changed = make(chan struct{})
	return n, err
}

func (o *outBuf) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// waitFor blocks until re matches the output and returns the submatches.
func (o *outBuf) waitFor(t *testing.T, re *regexp.Regexp) []string {
	t.Helper()
	deadline := time.After(testTimeout)
	for {
		o.mu.Lock()
		m := re.FindStringSubmatch(o.b.String())
		ch := o.changed
		o.mu.Unlock()
		if m != nil {
			return m
		}
		select {
		case <-ch:
		case <-deadline:
			t.Fatalf("output never matched %q; got:\n%s", re, o.String())
		}
	}
}

type runResult struct {
	res     Result
	err     error
	elapsed time.Duration
}

// startRun runs Run in the background so the test can drive it.
func startRun(ctx context.Context, opts Options) <-chan runResult {
	ch := make(chan runResult, 1)
	go func() {
		start := time.Now()
		res, err := Run(ctx, opts)
		ch <- runResult{res, err, time.Since(start)}
	}()
	return ch
}

func await(t *testing.T, ch <-chan runResult) runResult {
	t.Helper()
	select {
	case r := <-ch:
		return r
	case <-time.After(testTimeout):
		t.Fatalf("Run did not return within %s", testTimeout)
		return runResult{}
	}
}

func python(t *testing.T) string {
	t.Helper()
	p, err := exec.LookPath("python3")
	if err != nil {
		t.Fatalf("python3 is required: %v", err)
	}
	return p
}

// testEnv is our environment without COLUMNS/LINES, which would otherwise
// decide the pty size.
func testEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "COLUMNS=") && !strings.HasPrefix(kv, "LINES=") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// liveMembers lists the non-zombie processes of group pgid, read from /proc
// independently of the code under test.
func liveMembers(t *testing.T, pgid int) []string {
	t.Helper()
	entries, err := os.ReadDir("/proc")
	if err != nil {
		t.Fatal(err)
	}
	var live []string
	for _, e := range entries {
		if _, err := strconv.Atoi(e.Name()); err != nil {
			continue
		}
		b, err := os.ReadFile("/proc/" + e.Name() + "/stat")
		if err != nil {
			continue
		}
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) > 2 && f[2] == strconv.Itoa(pgid) && f[0] != "Z" {
			live = append(live, e.Name()+" "+string(b))
		}
	}
	return live
}

func assertGroupGone(t *testing.T, pgid int) {
	t.Helper()
	if live := liveMembers(t, pgid); len(live) > 0 {
		t.Errorf("process group %d still has live members:\n%s", pgid, strings.Join(live, "\n"))
		_ = unix.Kill(-pgid, unix.SIGKILL)
	}
}

func getTermios(t *testing.T, f *os.File) unix.Termios {
	t.Helper()
	tio, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	if err != nil {
		t.Fatal(err)
	}
	return *tio
}

var readyRE = regexp.MustCompile(`ready (\d+)`)

// readyPgid waits for the child's "ready <pgid>" line.
func readyPgid(t *testing.T, out *outBuf) int {
	t.Helper()
	return atoi(t, out.waitFor(t, readyRE)[1])
}

func atoi(t *testing.T, s string) int {
	t.Helper()
	n, err := strconv.Atoi(s)
	if err != nil {
		t.Fatal(err)
	}
	return n
}
