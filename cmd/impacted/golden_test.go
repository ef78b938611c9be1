package main

import (
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/pytestplugin"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden with the current output")

// checkGolden compares got with testdata/golden/name, or rewrites it under -update.
func checkGolden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (create it with go test -run %s -update)", err, t.Name())
	}
	if string(want) != got {
		t.Errorf("output differs from %s (accept it with -update):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// TestGoldenHelp pins the help of every command users read.
func TestGoldenHelp(t *testing.T) {
	for _, args := range [][]string{{"--help"}, {"run", "--help"}, {"select", "--help"}, {"map", "build", "--help"}} {
		name := strings.ReplaceAll(strings.Join(args, "-"), "--help", "help")
		t.Run(name, func(t *testing.T) {
			out, errOut := mustRun(t, t.TempDir(), nil, impactedBin, args...)
			if errOut != "" {
				t.Errorf("help wrote to stderr: %s", errOut)
			}
			checkGolden(t, name+".golden", out)
		})
	}
}

// volatileFields matches what changes from run to run in a dry run's output.
var volatileFields = []struct {
	re   *regexp.Regexp
	repl string
}{
	{regexp.MustCompile(`selector_ms=[0-9.]+`), "selector_ms=<ms>"},
	{regexp.MustCompile(`wall_s=[0-9.]+`), "wall_s=<s>"},
	// named by the selection's content, whose order follows the map's durations
	{regexp.MustCompile(`dry-run/[0-9a-f]{12}\.json`), "dry-run/<sha>.json"},
	{regexp.MustCompile(`pytest-plugins/[0-9a-f]{12}`), "pytest-plugins/<digest>"},
}

// TestGoldenDryRun pins the plan and metrics line of `run --dry-run` for a
// selection, a fallback and an empty selection.
func TestGoldenDryRun(t *testing.T) {
	tests := []struct {
		name   string
		change func(p shopCopy)
		args   []string
	}{
		{"selection", func(p shopCopy) { p.replace("src/shop/pricing.py", grossLine, grossSafe) }, nil},
		{"fallback", func(p shopCopy) {
			p.replace("pyproject.toml", "testpaths = [\"tests\"]", "testpaths = [\"tests\"]\nxfail_strict = true")
		}, []string{"--xdist", "3"}},
		{"empty", func(p shopCopy) { p.append("README.md", "\nMore prose.\n") }, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := sharedShop(t)
			dir := p.dir
			tt.change(p)
			out, _ := mustRun(t, dir, nil, impactedBin, append([]string{"run", "--dry-run"}, tt.args...)...)
			out = strings.ReplaceAll(out, dir, "$PROJECT")
			if cache, err := os.UserCacheDir(); err == nil {
				out = strings.ReplaceAll(out, cache, "$USER_CACHE")
			}
			out = strings.ReplaceAll(out, pytestplugin.Digest(), "$PLUGIN_DIGEST")
			for _, v := range volatileFields {
				out = v.re.ReplaceAllString(out, v.repl)
			}
			checkGolden(t, "dry-run-"+tt.name+".golden", out)
		})
	}
}

// sideEffectTest leaves a file behind when it runs.
const sideEffectTest = "from pathlib import Path\n\n\ndef test_side_effect():\n" +
	"    Path(__file__).parent.parent.joinpath(\"side-effect.txt\").write_text(\"ran\")\n"

// TestRunDryRunRunsNothing: --dry-run starts nothing, and the command and
// environment it prints are exactly what a run executes.
func TestRunDryRunRunsNothing(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	p.write("tests/test_side_effect.py", sideEffectTest)
	if err := os.RemoveAll(filepath.Join(dir, ".pytest_cache")); err != nil {
		t.Fatal(err)
	}
	out, _ := mustRun(t, dir, nil, impactedBin, "run", "--dry-run", "--xdist", "2")
	wantMetrics(t, metricsLine(t, out), map[string]string{"pytest_exit": "-", "mode": "xdist"})
	for _, f := range []string{".pytest_cache", "side-effect.txt"} {
		if _, err := os.Stat(filepath.Join(dir, f)); err == nil {
			t.Errorf("--dry-run ran pytest: %s exists", f)
		}
	}
	var env []string
	var command string
	for _, line := range strings.Split(out, "\n") {
		if kv, ok := strings.CutPrefix(line, "impacted: env: "); ok {
			env = append(env, kv)
		}
		if c, ok := strings.CutPrefix(line, "impacted: command: "); ok {
			command = c
		}
	}
	want := "uv run pytest -q -n 2 -p impacted_filter tests/test_side_effect.py tests/test_catalog.py tests/test_package.py tests/test_pricing.py"
	if command != want {
		t.Errorf("command:\n%s\nwant:\n%s", command, want)
	}
	// Run what was printed, as a user pasting it would.
	cmd := exec.Command("sh", "-c", command)
	cmd.Dir, cmd.Env = dir, append(gitEnv(), env...)
	got, err := cmd.CombinedOutput()
	if err != nil || passedCount(string(got)) != 8 {
		t.Errorf("the printed command: %v, %d passed, want 8\n%s", err, passedCount(string(got)), got)
	}
	if _, err := os.Stat(filepath.Join(dir, "side-effect.txt")); err != nil {
		t.Errorf("the printed command did not run the new test: %v", err)
	}
}

// TestRunMetricsJSON: --metrics-json writes the metrics line's values.
func TestRunMetricsJSON(t *testing.T) {
	p := sharedShop(t)
	dir := p.dir
	p.replace("src/shop/pricing.py", grossLine, grossSafe)
	path := filepath.Join(t.TempDir(), "metrics.json")
	out, _ := mustRun(t, dir, nil, impactedBin, "run", "--xdist", "2", "--metrics-json", path)
	line := metricsLine(t, out)
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("%s is not JSON: %v\n%s", path, err, data)
	}
	if len(doc) != len(line) {
		t.Errorf("JSON has %d keys, the line %d:\n%s\n%v", len(doc), len(line), data, line)
	}
	for k, v := range line {
		var got string
		switch j := doc[k].(type) {
		case float64:
			if f, err := strconv.ParseFloat(v, 64); err != nil || !roundsTo(j, f, v) {
				t.Errorf("%s: JSON %v, line %s", k, j, v)
			}
			continue
		case nil:
			got = "-" // does not apply: null in JSON, "-" on the line
		case bool:
			got = strconv.FormatBool(j)
		case string:
			got = j
		default:
			t.Errorf("%s: JSON %v (%T), line %s", k, doc[k], doc[k], v)
			continue
		}
		if got != v {
			t.Errorf("%s: JSON %s, line %s", k, got, v)
		}
	}
}

// roundsTo reports whether exact rounds to the line's value, which has as
// many decimals as text shows.
func roundsTo(exact, rounded float64, text string) bool {
	places := 0
	if i := strings.IndexByte(text, '.'); i >= 0 {
		places = len(text) - i - 1
	}
	half := 0.5
	for range places {
		half /= 10
	}
	d := exact - rounded
	return d <= half+1e-9 && d >= -half-1e-9
}
