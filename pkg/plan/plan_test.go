package plan

import (
	"slices"
	"testing"
)

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"", nil},
		{"uv run", []string{"uv", "run"}},
		{`-k "a and b" -x`, []string{"-k", "a and b", "-x"}},
		{`-k 'not slow'`, []string{"-k", "not slow"}},
		{`a\ b "c\"d"`, []string{"a b", `c"d`}},
		{`  spaced   out  `, []string{"spaced", "out"}},
		{`""`, []string{""}},
	}
	for _, tt := range tests {
		got, err := SplitWords(tt.in)
		if err != nil || !slices.Equal(got, tt.want) {
			t.Errorf("SplitWords(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
	if _, err := SplitWords(`-k "open`); err == nil {
		t.Error("unterminated quote: want an error")
	}
}

func TestBuild(t *testing.T) {
	uv := []string{"uv", "run"}
	tests := []struct {
		name string
		o    Options
		argv []string
		mode string
	}{
		{"serial selection", Options{Runner: uv, Files: []string{"tests/test_a.py"}, PytestArgs: []string{"-x"}, SelectionFile: "/s.json", PluginDir: "/p"},
			[]string{"uv", "run", "pytest", "-q", "-p", "impacted_filter", "tests/test_a.py", "-x"}, "serial"},
		{"xdist full", Options{Runner: uv, Workers: "auto", Full: true, Reason: "invalidated:uv.lock"},
			[]string{"uv", "run", "pytest", "-q", "-n", "auto"}, "xdist"},
		{"python launcher", Options{Runner: []string{"python3", "-m"}, Full: true},
			[]string{"python3", "-m", "pytest", "-q"}, "serial"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := Build(tt.o)
			if !slices.Equal(p.Argv, tt.argv) || p.Mode != tt.mode {
				t.Errorf("Build() = %q (%s), want %q (%s)", p.Argv, p.Mode, tt.argv, tt.mode)
			}
		})
	}
	if p := Build(Options{Runner: uv}); !p.Empty {
		t.Error("a selection without files must be Empty")
	}
}

func TestEnvironPrependsPythonPath(t *testing.T) {
	p := Plan{Env: []string{"PYTHONPATH=/plugin", "IMPACTED_SELECTION=/s.json"}}
	got := p.Environ([]string{"HOME=/root", "PYTHONPATH=/user"})
	want := []string{"HOME=/root", "PYTHONPATH=/plugin:/user", "IMPACTED_SELECTION=/s.json"}
	if !slices.Equal(got, want) {
		t.Errorf("Environ = %q, want %q", got, want)
	}
}

func TestCommandQuotes(t *testing.T) {
	p := Plan{Argv: []string{"uv", "run", "pytest", "tests/test a.py", "-k", "x and not y", "it's"}}
	want := `uv run pytest 'tests/test a.py' -k 'x and not y' 'it'\''s'`
	if got := p.Command(); got != want {
		t.Errorf("Command() = %s, want %s", got, want)
	}
}
