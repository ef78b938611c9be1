// Package plan turns a selection into the pytest command that runs it:
// which mode, which arguments, which environment. It decides and describes;
// it runs nothing, so `impacted run --dry-run` prints exactly what a real run
// would execute.
package plan

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pytestplugin"
)

// Options are the user's choices.
type Options struct {
	Runner     []string // the launcher, e.g. ["uv", "run"] or ["python3", "-m"]
	Workers    string   // "" runs serially; otherwise pytest-xdist's -n value ("auto", "4")
	PytestArgs []string // PYTEST_ARGS, then the arguments after "--"
	Full       bool     // run the whole suite
	Reason     string   // why the whole suite runs ("" when it does not)
	// Files are the test files to collect for a selection; the filter
	// plugin keeps only the selected tests among them.
	Files []string
	// PluginDir holds the filter plugin; SelectionFile is its input.
	PluginDir     string
	SelectionFile string
	// Filter keeps the filter plugin on a whole-suite run: pytest collects
	// everything and the plugin keeps one shard's part (--shard).
	Filter bool
}

// Plan is the command to run.
type Plan struct {
	Mode    string   // "serial" or "xdist"
	Workers string   // "1" serially
	Full    bool     // whole suite
	Reason  string   // fallback reason when Full
	Argv    []string // the complete command
	Env     []string // variables to add to the environment
	Empty   bool     // nothing to run: the selection is legitimately empty
}

// Build makes the plan.
func Build(o Options) Plan {
	p := Plan{Mode: "serial", Workers: "1", Full: o.Full, Reason: o.Reason}
	if o.Workers != "" {
		p.Mode, p.Workers = "xdist", o.Workers
	}
	argv := append(slices.Clone(o.Runner), "pytest", "-q")
	if o.Workers != "" {
		argv = append(argv, "-n", o.Workers)
	}
	if o.Full && o.Filter {
		argv = append(argv, "-p", pytestplugin.FilterPlugin)
		p.Env = []string{pytestplugin.SelectionEnv + "=" + o.SelectionFile, "PYTHONPATH=" + o.PluginDir}
	}
	if !o.Full {
		if len(o.Files) == 0 {
			p.Empty = true
		}
		argv = append(argv, "-p", pytestplugin.FilterPlugin)
		argv = append(argv, o.Files...)
		p.Env = []string{pytestplugin.SelectionEnv + "=" + o.SelectionFile, "PYTHONPATH=" + o.PluginDir}
	}
	p.Argv = append(argv, o.PytestArgs...)
	return p
}

// Environ merges the plan's variables into env; PYTHONPATH is prepended to
// the user's rather than replacing it.
func (p Plan) Environ(env []string) []string {
	out := slices.Clone(env)
	for _, kv := range p.Env {
		k, v, _ := strings.Cut(kv, "=")
		i := slices.IndexFunc(out, func(e string) bool { return strings.HasPrefix(e, k+"=") })
		switch {
		case i < 0:
			out = append(out, kv)
		case k == "PYTHONPATH" && out[i] != k+"=":
			out[i] = k + "=" + pytestplugin.PythonPath(v, strings.TrimPrefix(out[i], k+"="))
		default:
			out[i] = kv
		}
	}
	return out
}

// Command renders argv for people: quoted where a shell would need it.
func (p Plan) Command() string {
	words := make([]string, len(p.Argv))
	for i, w := range p.Argv {
		words[i] = shellQuote(w)
	}
	return strings.Join(words, " ")
}

func shellQuote(w string) string {
	if w != "" && !strings.ContainsAny(w, " \t\n'\"\\$`*?[]{}()<>|&;#~!") {
		return w
	}
	return "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
}
