package gitdiff

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// hostileEnv returns an environment whose global config and variables try
// every known way to reshape the output Changes, Dirty and Files parse.
func hostileEnv(t *testing.T) []string {
	t.Helper()
	dir := t.TempDir()
	script := filepath.Join(dir, "garbage.sh")
	writeFile(t, script, "#!/bin/sh\necho 'diff --git GARBAGE'\necho '@@ -1 +1 @@'\n", 0o755)
	attrs := filepath.Join(dir, "attributes")
	writeFile(t, attrs, "* diff=hostile\n", 0o644)
	order := filepath.Join(dir, "order")
	writeFile(t, order, "z*\n*\n", 0o644)
	cfg := filepath.Join(dir, "gitconfig")
	writeFile(t, cfg, `[diff]
	noprefix = true
	mnemonicPrefix = true
	renames = false
	relative = true
	external = `+script+`
	submodule = diff
	ignoreSubmodules = all
	interHunkContext = 10
	context = 7
	orderFile = `+order+`
	suppressBlankEmpty = true
	colorMoved = zebra
	algorithm = histogram
	srcPrefix = SRC/
	dstPrefix = DST/
	autoRefreshIndex = false
[diff "hostile"]
	textconv = `+script+`
	command = `+script+`
	xfuncname = "^(.*)$"
[color]
	ui = always
	diff = always
	status = always
[core]
	quotepath = true
	attributesFile = `+attrs+`
	pager = `+script+`
	abbrev = 12
[pager]
	diff = `+script+`
	status = `+script+`
[status]
	showUntrackedFiles = no
	relativePaths = true
	renames = copies
	submoduleSummary = true
[submodule]
	recurse = true
`, 0o644)
	return append(cleanEnv(t, cfg),
		"GIT_DIFF_OPTS=--unified=5", "GIT_EXTERNAL_DIFF="+script,
		"GIT_PAGER="+script, "PAGER="+script, "LANG=de_DE.UTF-8",
		"GIT_DIR=/nonexistent", "GIT_WORK_TREE=/nonexistent", "GIT_INDEX_FILE=/nonexistent")
}

func writeFile(t *testing.T, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
}

// TestChangesHostileConfig replays every Changes case, building the state
// with a clean config but reading it through the hostile one.
func TestChangesHostileConfig(t *testing.T) {
	t.Parallel()
	for _, tc := range changeCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := newRepo(t)
			base := tc.setup(g)
			r, err := OpenEnv(context.Background(), g.dir, hostileEnv(t))
			if err != nil {
				t.Fatal(err)
			}
			got, err := r.Changes(context.Background(), base)
			if err != nil {
				t.Fatal(err)
			}
			assertChanges(t, got, tc.want)
		})
	}
}

// TestHostileConfigIsHostile proves the config above does break a plain
// `git diff`, so the replay above is not passing vacuously.
func TestHostileConfigIsHostile(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("a b.py", "1\n")
	g.commitAll("base")
	g.write("a b.py", "2\n")
	env := hostileEnv(t)
	plain := &testRepo{t: t, dir: g.dir, env: env[:len(env)-3]} // keep GIT_DIR & co out
	out := plain.git("diff", "HEAD")
	if !strings.Contains(out, "GARBAGE") {
		t.Errorf("external diff did not run; plain git diff printed:\n%s", out)
	}
	plain.env = append(plain.env, "GIT_EXTERNAL_DIFF=")
	out = plain.git("diff", "--no-ext-diff", "--no-textconv", "HEAD")
	if !strings.Contains(out, "\x1b[") || !strings.Contains(out, "+++ a b.py") {
		t.Errorf("expected colour codes and no prefixes in plain git diff:\n%q", out)
	}
}
