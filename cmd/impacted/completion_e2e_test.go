package main

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestBashCompletion: the script `impacted completion bash` prints
// completes commands, subcommands and flags in a real bash, from the
// binary's own command definitions.
func TestBashCompletion(t *testing.T) {
	script, _ := mustRun(t, t.TempDir(), nil, impactedBin, "completion", "bash")
	file := filepath.Join(t.TempDir(), "impacted.bash")
	if err := os.WriteFile(file, []byte(script), 0o644); err != nil {
		t.Fatal(err)
	}
	env := []string{"PATH=" + filepath.Dir(impactedBin) + ":" + os.Getenv("PATH")}
	for line, want := range map[string]string{"impacted ru": "run", "impacted map b": "build", "impacted run --xd": "--xdist", "impacted comp": "completion"} {
		words := strings.Fields(line)
		sh := ". " + file + "; COMP_WORDS=(" + line + "); COMP_CWORD=" + strconv.Itoa(len(words)-1) + `; _impacted_complete; printf '%s\n' "${COMPREPLY[@]}"`
		out, _ := mustRun(t, t.TempDir(), env, "bash", "--norc", "-c", sh)
		if strings.TrimSpace(out) != want {
			t.Errorf("completing %q offered %q, want %q", line, out, want)
		}
	}
}

// TestCompletionAndManScripts: zsh and fish scripts and the man page name
// the commands and flags, and an unknown shell is a usage error.
func TestCompletionAndManScripts(t *testing.T) {
	dir := t.TempDir()
	for args, wants := range map[string][]string{
		"completion zsh":  {"#compdef impacted", "--generate-bash-completion", "compdef _impacted impacted"},
		"completion fish": {"complete -c impacted", "-a 'run'", "-l xdist"},
		"man":             {".TH impacted 1", ".SH run", ".SS build", `\fB--xdist\fP`},
	} {
		out, _ := mustRun(t, dir, nil, impactedBin, strings.Fields(args)...)
		for _, w := range wants {
			if !strings.Contains(out, w) {
				t.Errorf("impacted %s lacks %q", args, w)
			}
		}
	}
	if _, errOut, code := impacted(t, dir, nil, "completion", "tcsh"); code != 64 || !strings.Contains(errOut, "bash, zsh or fish") {
		t.Errorf("completion tcsh: exit %d, %q; want 64 naming the shells", code, errOut)
	}
}
