package main

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// sharedShopState is one mapped copy of examples/shop that the `run` tests
// share: copying, syncing and mapping once keeps the file fast, and each test
// resets the work tree before it changes anything. The tests using it must
// not call t.Parallel.
var sharedShopState struct {
	once sync.Once
	dir  string
}

// sharedShop returns the shared project with a clean work tree and a map
// built on its only commit.
func sharedShop(t *testing.T) shopCopy {
	t.Helper()
	sharedShopState.once.Do(func() {
		// The copy lives beside the binary, which TestMain removes at the
		// end, so it outlives the test that happens to create it.
		dir := newProject(longLived{TB: t, root: filepath.Dir(impactedBin)}, "shop")
		mustRun(t, dir, nil, impactedBin, "map", "build")
		sharedShopState.dir = dir
	})
	if sharedShopState.dir == "" {
		t.Fatal("the shared examples/shop project could not be set up (see the first test that failed)")
	}
	p := shopCopy{t: t, dir: sharedShopState.dir}
	// Back to the mapped commit, keeping the virtual environment and the map.
	git(t, p.dir, "checkout", "-q", "--", ".")
	git(t, p.dir, "clean", "-qfd", "-e", ".venv", "-e", ".cache")
	return p
}

// longLived is a testing.TB whose TempDir outlives the test.
type longLived struct {
	testing.TB
	root string
}

func (l longLived) TempDir() string {
	dir, err := os.MkdirTemp(l.root, "shared")
	if err != nil {
		l.Fatal(err)
	}
	return dir
}

// shopCopy is a scratch copy of examples/shop that a test changes.
type shopCopy struct {
	t   *testing.T
	dir string
}

// grossLine is the body of shop.pricing.gross; a change to it selects the
// seven tests that run gross().
const grossLine = "return round_money(to_decimal(net) * (1 + rate))"

// Edits of examples/shop that the tests apply.
const (
	grossSafe   = "return round_money((1 + rate) * to_decimal(net))"
	grossBroken = "return round_money(to_decimal(net) * (2 + rate))"
)

// replace replaces old with new in a project file; old must be there.
func (p shopCopy) replace(file, old, new string) {
	p.t.Helper()
	data := p.read(file)
	if !strings.Contains(data, old) {
		p.t.Fatalf("%s does not contain %q", file, old)
	}
	p.write(file, strings.Replace(data, old, new, 1))
}

func (p shopCopy) append(file, text string) {
	p.t.Helper()
	p.write(file, p.read(file)+text)
}

func (p shopCopy) read(file string) string {
	p.t.Helper()
	data, err := os.ReadFile(filepath.Join(p.dir, file))
	if err != nil {
		p.t.Fatal(err)
	}
	return string(data)
}

func (p shopCopy) write(file, text string) {
	p.t.Helper()
	if err := os.WriteFile(filepath.Join(p.dir, file), []byte(text), 0o644); err != nil {
		p.t.Fatal(err)
	}
}

// metricsLine returns the metrics line, which must be the last line of out.
func metricsLine(t *testing.T, out string) map[string]string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(strings.ReplaceAll(out, "\r\n", "\n"), "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "impacted: mode=") {
		t.Fatalf("the last line is not the metrics line: %q\noutput:\n%s", last, out)
	}
	m := map[string]string{}
	for _, f := range regexp.MustCompile(`(\w+)=("(?:[^"\\]|\\.)*"|\S+)`).FindAllStringSubmatch(last, -1) {
		v := f[2]
		if u, err := strconv.Unquote(v); err == nil {
			v = u
		}
		m[f[1]] = v
	}
	return m
}

// wantMetrics checks some fields of the metrics line.
func wantMetrics(t *testing.T, m map[string]string, want map[string]string) {
	t.Helper()
	for k, v := range want {
		if m[k] != v {
			t.Errorf("metrics %s=%q, want %q (line: %v)", k, m[k], v, m)
		}
	}
}

// passedCount is the count in pytest's "N passed" summary, 0 without one.
func passedCount(out string) int {
	sub := regexp.MustCompile(`(\d+) passed`).FindAllStringSubmatch(out, -1)
	if len(sub) == 0 {
		return 0
	}
	n, _ := strconv.Atoi(sub[len(sub)-1][1])
	return n
}

// TestRunModes runs each mode on a real uv + pytest + pytest-xdist project:
// a selection runs exactly the impacted tests, a fallback runs them all.
func TestRunModes(t *testing.T) {
	tests := []struct {
		name   string
		change func(p shopCopy)
		env    []string
		args   []string
		want   map[string]string
	}{
		{name: "serial", args: []string{"--serial"},
			want: map[string]string{"mode": "serial", "workers": "1", "full": "false", "fallback_reason": "none"}},
		{name: "xdist with a worker count", args: []string{"--xdist", "2"},
			want: map[string]string{"mode": "xdist", "workers": "2", "full": "false"}},
		{name: "bare xdist takes IMPACTED_XDIST", args: []string{"--xdist"}, env: []string{"IMPACTED_XDIST=2"},
			want: map[string]string{"mode": "xdist", "workers": "2", "full": "false"}},
		{name: "full", args: []string{"--full"},
			want: map[string]string{"mode": "serial", "full": "true", "fallback_reason": "forced"}},
		{name: "fallback on pyproject.toml", args: []string{"--xdist", "2"},
			change: func(p shopCopy) {
				p.replace("pyproject.toml", "testpaths = [\"tests\"]", "testpaths = [\"tests\"]\nxfail_strict = true")
			},
			want: map[string]string{"mode": "xdist", "full": "true", "fallback_reason": "invalidated:pyproject.toml[tool.pytest]"}},
		{name: "pyproject.toml comment and uv.lock layout change nothing",
			change: func(p shopCopy) { p.append("pyproject.toml", "# reviewed\n"); p.append("uv.lock", "\n") },
			want:   map[string]string{"full": "false", "fallback_reason": "none"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sharedShop(t)
			dir := p.dir
			p.replace("src/shop/pricing.py", grossLine, grossSafe)
			if tt.change != nil {
				tt.change(p)
			}
			out, errOut, code := impacted(t, dir, tt.env, append([]string{"run"}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
			}
			m := metricsLine(t, out)
			wantMetrics(t, m, tt.want)
			wantMetrics(t, m, map[string]string{"pytest_exit": "0"})
			want := m["impacted_count"]
			if m["full"] == "true" {
				want = m["total_in_map"]
			}
			if got := strconv.Itoa(passedCount(out)); got != want || want == "0" {
				t.Errorf("%s tests passed, want %s (metrics %v)\n%s", got, want, m, out)
			}
		})
	}
}

// TestRunExitCodes checks that pytest's exit code passes through unchanged,
// and that an empty selection exits 0 without starting pytest.
func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name    string
		gross   string
		change  func(p shopCopy)
		pytest  []string
		code    int
		message string
	}{
		{name: "0 pass", gross: grossSafe, code: 0, message: "7 passed"},
		{name: "1 a selected test fails", gross: grossBroken, code: 1, message: "FAILED tests/test_pricing.py::test_gross_uses_default_rate"},
		{name: "2 collection error", gross: grossSafe, code: 2, message: "Interrupted: 1 error during collection",
			change: func(p shopCopy) {
				p.replace("tests/test_pricing.py", "import pytest\n", "import pytest\nimport no_such_module\n")
			}},
		{name: "4 usage error", gross: grossSafe, pytest: []string{"--no-such-option"}, code: 4, message: "unrecognized arguments: --no-such-option"},
		{name: "5 nothing collected", gross: grossSafe, pytest: []string{"-k", "nomatch"}, code: 5, message: "deselected"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sharedShop(t)
			dir := p.dir
			p.replace("src/shop/pricing.py", grossLine, tt.gross)
			if tt.change != nil {
				tt.change(p)
			}
			out, errOut, code := impacted(t, dir, nil, append([]string{"run", "--"}, tt.pytest...)...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, out, errOut)
			}
			wantMetrics(t, metricsLine(t, out), map[string]string{"pytest_exit": strconv.Itoa(tt.code), "full": "false"})
			if !strings.Contains(out+errOut, tt.message) {
				t.Errorf("output lacks %q:\n%s\n%s", tt.message, out, errOut)
			}
		})
	}
}

// TestRunEmptySelection: a change no test can see selects nothing, and run
// says so and exits 0 without starting pytest.
func TestRunEmptySelection(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.append("README.md", "\nMore prose.\n")
	if err := os.RemoveAll(filepath.Join(dir, ".pytest_cache")); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := impacted(t, dir, nil, "run", "--xdist", "2")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	wantMetrics(t, metricsLine(t, out), map[string]string{"impacted_count": "0", "full": "false", "pytest_exit": "-"})
	if !strings.Contains(errOut, "nothing to run") {
		t.Errorf("stderr does not say that nothing runs:\n%s", errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, ".pytest_cache")); err == nil {
		t.Errorf("pytest ran: .pytest_cache exists\n%s", out)
	}
}

// TestRunDeletedAndNewTest: a test the map knew is deleted while a change
// selects it, and a new test is added in another file: the new test runs,
// and pytest reports no unknown node id.
func TestRunDeletedAndNewTest(t *testing.T) {
	for _, tt := range []struct {
		name, body string
		code       int
	}{
		{"new test passes", "assert plural(2, 'item') == '2 items'", 0},
		{"new test fails", "assert plural(2, 'item') == '2 item'", 1},
	} {
		t.Run(tt.name, func(t *testing.T) {
			p := sharedShop(t)
			dir := p.dir
			p.replace("tests/test_pricing.py", "def test_tax_part():\n    assert tax_part(\"19.99\") == money(\"4.00\")\n\n\n", "")
			// tax_part's tests, the deleted one included, are selected
			p.replace("src/shop/pricing.py", "return gross(net, rate) - round_money(net)", "return gross(net, rate) - round_money(to_decimal(net))")
			p.append("tests/test_formatting.py", "\n\ndef test_brand_new():\n    "+tt.body+"\n")
			out, errOut, code := impacted(t, dir, nil, "run", "--", "-rA")
			if code != tt.code {
				t.Fatalf("exit %d, want %d\n%s\n%s", code, tt.code, out, errOut)
			}
			if strings.Contains(out+errOut, "not found") || strings.Contains(out, "ERROR") {
				t.Errorf("pytest reported an unknown test:\n%s\n%s", out, errOut)
			}
			outcome := map[int]string{0: "PASSED", 1: "FAILED"}[tt.code]
			if !strings.Contains(out, outcome+" tests/test_formatting.py::test_brand_new") {
				t.Errorf("the new test did not run (%s):\n%s", outcome, out)
			}
			if strings.Contains(out, "test_tax_part") {
				t.Errorf("the deleted test ran:\n%s", out)
			}
		})
	}
}

// TestRunThousandsOfIDs: 5,000 parametrized tests that call one function
// all run when it changes, serially and with xdist. It has its own project:
// its map is not the shared one.
func TestRunThousandsOfIDs(t *testing.T) {
	dir := newProject(t, "shop")
	p := shopCopy{t: t, dir: dir}
	p.write("src/shop/many.py", "def identity(n):\n    return n\n")
	p.write("tests/test_many.py", "import pytest\n\nfrom shop.many import identity\n\n\n"+
		"@pytest.mark.parametrize(\"n\", range(5000))\ndef test_many(n):\n    assert identity(n) == n\n")
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-q", "-m", "many")
	mustRun(t, dir, nil, impactedBin, "map", "build")
	p.replace("src/shop/many.py", "return n\n", "return n + 0\n")
	for _, args := range [][]string{{"--serial"}, {"--xdist", "2"}} {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			// Every test calls identity: above the default threshold.
			out, errOut, code := impacted(t, dir, nil, append([]string{"run", "--threshold", "1"}, args...)...)
			if code != 0 {
				t.Fatalf("exit %d\n%s\n%s", code, tailOf(out, 2000), errOut)
			}
			wantMetrics(t, metricsLine(t, out), map[string]string{"impacted_count": "5000", "full": "false", "pytest_exit": "0"})
			if n := passedCount(out); n != 5000 {
				t.Errorf("%d passed, want 5000:\n%s", n, tailOf(out, 2000))
			}
			ids, err := os.ReadFile(filepath.Join(dir, nodeIDsFile))
			if err != nil {
				t.Fatal(err)
			}
			if n := strings.Count(string(ids), "tests/test_many.py::test_many["); n != 5000 {
				t.Errorf("%s holds %d ids of test_many, want 5000", nodeIDsFile, n)
			}
		})
	}
}

func tailOf(s string, n int) string {
	if len(s) > n {
		return "..." + s[len(s)-n:]
	}
	return s
}

// TestRunPytestArgs: $PYTEST_ARGS is split like a shell would (the quoted
// -k expression is one argument) and comes before the arguments after --.
func TestRunPytestArgs(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	out, errOut, code := impacted(t, dir, []string{`PYTEST_ARGS=-k "gross and not bulk"`}, "run", "--", "-rA")
	if code != 0 {
		t.Fatalf("exit %d\n%s\n%s", code, out, errOut)
	}
	var ran []string
	for _, line := range strings.Split(out, "\n") {
		if id, ok := strings.CutPrefix(line, "PASSED "); ok {
			ran = append(ran, id)
		}
	}
	want := []string{"tests/test_pricing.py::test_gross_uses_default_rate", "tests/test_pricing.py::test_gross_with_explicit_rate"}
	slices.Sort(ran) // the run order is impacted's (failing-first), not the point here
	if strings.Join(ran, " ") != strings.Join(want, " ") {
		t.Errorf("ran %v, want %v\n%s", ran, want, out)
	}
}

// TestRunNodeIDsFile: .cache/impacted_nodeids.txt holds what `select`
// prints, and is emptied when the whole suite runs.
func TestRunNodeIDsFile(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	selected, _ := mustRun(t, dir, nil, impactedBin, "select")
	mustRun(t, dir, nil, impactedBin, "run")
	data, err := os.ReadFile(filepath.Join(dir, nodeIDsFile))
	if err != nil {
		t.Fatal(err)
	}
	if string(data) != selected || !strings.Contains(selected, "tests/test_pricing.py::test_gross_uses_default_rate\n") {
		t.Errorf("%s:\n%s\nwant what select printed:\n%s", nodeIDsFile, data, selected)
	}
	mustRun(t, dir, nil, impactedBin, "run", "--full")
	if data, err := os.ReadFile(filepath.Join(dir, nodeIDsFile)); err != nil || len(data) != 0 {
		t.Errorf("after --full, %s = %q, %v; want empty", nodeIDsFile, data, err)
	}
}
