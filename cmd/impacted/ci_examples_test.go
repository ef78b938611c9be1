package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/iostreams"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/shard"
)

// loadYAML parses a YAML file with PyYAML through uv (the standard library
// has no YAML parser, and the Go module has no YAML dependency) and returns
// it as JSON values.
func loadYAML(t *testing.T, path string) map[string]any {
	t.Helper()
	script := "import json, sys, yaml; json.dump(yaml.safe_load(open(sys.argv[1])), sys.stdout, default=str)"
	cmd := exec.Command("uv", "run", "--no-project", "--quiet", "--with", "pyyaml>=6", "python", "-c", script, path)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("parse %s with PyYAML: %v\n%s", path, err, exitStderr(err))
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return doc
}

func exitStderr(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// shellLines are the lines of every run/script entry in a CI document.
func shellLines(v any) []string {
	var out []string
	var walk func(key string, v any)
	walk = func(key string, v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, e := range x {
				walk(k, e)
			}
		case []any:
			for _, e := range x {
				walk(key, e)
			}
		case string:
			if key == "run" || key == "script" || key == "before_script" {
				out = append(out, strings.Split(x, "\n")...)
			}
		}
	}
	walk("", v)
	return out
}

// matrixValues stand in for the CI variables in the commands.
var matrixValues = strings.NewReplacer("${{ matrix.shard }}", "1", "${SHARDS}", "4", "${CI_NODE_INDEX}", "1", "${CI_NODE_TOTAL}", "4")

// impactedCommands are the impacted invocations among the lines, as words.
func impactedCommands(t *testing.T, lines []string) [][]string {
	t.Helper()
	var out [][]string
	for _, l := range lines {
		l, _, _ = strings.Cut(matrixValues.Replace(strings.TrimSpace(l)), " | ")
		if !strings.HasPrefix(l, "impacted ") {
			continue
		}
		words, err := plan.SplitWords(l)
		if err != nil {
			t.Fatalf("%q: %v", l, err)
		}
		out = append(out, words)
	}
	return out
}

// checkCommand resolves words against the CLI's own definitions: every
// command must exist and every flag must be one of its flags, with a valid
// --shard value.
func checkCommand(t *testing.T, words []string) {
	t.Helper()
	for _, p := range commandProblems(words) {
		t.Error(p)
	}
}

func commandProblems(words []string) []string {
	var problems []string
	io, _, _ := iostreams.Test()
	app := newApp(io, nil)
	cmds, flags := app.Commands, app.Flags
	var cmd *cli.Command
	rest := words[1:]
	for len(rest) > 1 && strings.HasPrefix(rest[0], "-") && !strings.Contains(rest[0], "=") {
		name := strings.TrimLeft(rest[0], "-")
		if !slices.ContainsFunc(flags, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) }) {
			return []string{fmt.Sprintf("%v: impacted has no global flag %s", words, rest[0])}
		}
		rest = rest[2:] // the global flags all take a value
	}
	for len(rest) > 0 && !strings.HasPrefix(rest[0], "-") {
		i := slices.IndexFunc(cmds, func(c *cli.Command) bool { return c.Name == rest[0] })
		if i < 0 {
			break
		}
		cmd, cmds, rest = cmds[i], cmds[i].Subcommands, rest[1:]
	}
	if cmd == nil || cmd.Action == nil {
		return []string{fmt.Sprintf("%v: no such impacted command", words)}
	}
	all := append(slices.Clone(flags), cmd.Flags...)
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			break
		}
		if !strings.HasPrefix(a, "-") {
			continue // a positional argument (map merge's maps)
		}
		name, value, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		j := slices.IndexFunc(all, func(f cli.Flag) bool { return slices.Contains(f.Names(), name) })
		if j < 0 {
			problems = append(problems, fmt.Sprintf("%v: %s has no flag %s", words, cmd.Name, a))
			continue
		}
		if _, isBool := all[j].(*cli.BoolFlag); !isBool && !hasValue && i+1 < len(rest) {
			i, value = i+1, rest[i+1]
		}
		if name == "shard" {
			if _, err := shard.Parse(value); err != nil {
				problems = append(problems, fmt.Sprintf("%v: %v", words, err))
			}
		}
	}
	return problems
}

// TestCommandProblemsCatchesMistakes: the check above can fail.
func TestCommandProblemsCatchesMistakes(t *testing.T) {
	for _, tc := range []struct {
		line string
		bad  bool
	}{
		{"impacted run --shard 1/4 --metrics-json m.json", false},
		{"impacted -C sub map merge a.json b.json -o out.json", false},
		{"impacted map build --shard 2/4 -o part.json -- -x", false},
		{"impacted run --shards 1/4", true},
		{"impacted run --shard 5/4", true},
		{"impacted map combine a.json", true},
		{"impacted select --output x", true},
	} {
		words, _ := plan.SplitWords(tc.line)
		if got := commandProblems(words); (len(got) > 0) != tc.bad {
			t.Errorf("%q: problems %v, want bad=%v", tc.line, got, tc.bad)
		}
	}
}

func TestCIExamples(t *testing.T) {
	dir := filepath.Join(repoRoot(t), "examples", "ci")
	gh := loadYAML(t, filepath.Join(dir, "github-actions.yml"))
	gl := loadYAML(t, filepath.Join(dir, "gitlab-ci.yml"))
	seen := map[string]bool{}
	for name, doc := range map[string]map[string]any{"github-actions.yml": gh, "gitlab-ci.yml": gl} {
		lines := shellLines(doc)
		cmds := impactedCommands(t, lines)
		for _, words := range cmds {
			checkCommand(t, words)
			seen[name+": "+strings.Join(words[:3], " ")] = true
		}
		for _, want := range []string{"impacted map build", "impacted map merge", "impacted run --shard"} {
			if !slices.ContainsFunc(cmds, func(w []string) bool { return strings.HasPrefix(strings.Join(w, " "), want) }) {
				t.Errorf("%s does not run %s", name, want)
			}
		}
	}
	checkGitHub(t, gh)
	checkGitLab(t, gl)
	t.Logf("checked: %v", seen)
}
