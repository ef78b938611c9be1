package selector

import (
	"bytes"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/distinfo"
	"github.com/impacted/impacted/pkg/lockdiff"
	"github.com/impacted/impacted/pkg/pysrc"
)

// Env tells what the project's environment has installed.
type Env interface {
	// Dist reads one installed distribution.
	Dist(name string) (distinfo.Dist, bool)
	// Provided is every top-level name installed, the standard library's included.
	Provided() map[string]bool
}

// lockFile: uv.lock changed. Each distribution added, removed or changed
// (and each one depending on those) reaches the code that imports what it
// provides, or names it in a string (importlib, importorskip, a console
// script run in a subprocess). pytest, its plugins, and anything that
// runs at interpreter start reach every test.
func (s *state) lockFile(p string, old, cur []byte) {
	a, err := lockdiff.Parse(old)
	if err == nil {
		var b *lockdiff.Lock
		if b, err = lockdiff.Parse(cur); err == nil {
			s.lockDiff(p, lockdiff.Compare(a, b))
			return
		}
	}
	s.note("%s: %v", p, err)
	s.fail("invalidated", p)
}

// lockAdded: the project has a uv.lock now (a move to uv). `uv run` syncs
// the environment to it before the tests run, so they see its versions
// where the map's tests saw the environment the map recorded: the
// distributions that differ are followed as a changed lock's.
func (s *state) lockAdded(p string, cur []byte) {
	if s.lockAgainstEnv {
		return // a new lock and new default groups in one change: one comparison
	}
	s.lockAgainstEnv = true
	l, err := lockdiff.Parse(cur)
	if err != nil {
		s.note("%s: %v", p, err)
		s.fail("invalidated", p)
		return
	}
	s.note("%s: added: its distributions against the environment the map was built in", p)
	s.lockDiff(p, lockdiff.AgainstInstalled(l, s.recordedDists()))
}

func (s *state) lockDiff(p string, changed []lockdiff.Changed) {
	if len(changed) == 0 {
		s.note("%s: no installed distribution changed", p)
		return
	}
	if s.in.Env == nil {
		s.fail("lockfile-changed", "no environment to read distributions from")
		return
	}
	s.distsChanged(p, changed)
}

// distsChanged: these distributions' installed code may differ. Their
// importers are followed once, for all of them.
func (s *state) distsChanged(p string, changed []lockdiff.Changed) {
	var names, scripts, unresolved []string // unresolved: computed once, if needed
	guessed := map[string]bool{}
	for _, c := range changed {
		d, ok := s.in.Env.Dist(c.Name)
		switch {
		case c.Name == "pytest" || c.Name == "pluggy" || d.Plugin || (!ok && strings.Contains(c.Name, "pytest")):
			s.fail("dependency-changed", c.Name+"(pytest-plugin)")
			return
		case d.Pth:
			s.fail("dependency-changed", c.Name+"(runs-at-startup)")
			return
		}
		provides := d.TopLevel
		if !ok || d.Paths {
			if unresolved == nil {
				unresolved = append(s.unresolvedImports(), "")
				for _, n := range unresolved {
					guessed[n] = true
				}
			}
			provides = append([]string{strings.ReplaceAll(c.Name, "-", "_")}, unresolved...)
		}
		provides = slices.DeleteFunc(slices.Clone(provides), func(n string) bool { return n == "" })
		s.note("%s: %s %s: code importing %s", p, c.Name, c.Why, strings.Join(provides, ", "))
		names, scripts = append(names, provides...), append(scripts, d.Scripts...)
	}
	slices.Sort(names)
	s.importersOf(slices.Compact(names), scripts, guessed)
}

// unresolvedImports lists the top-level names project code imports that
// neither the project, the standard library nor the environment provides:
// optional imports, which a distribution the environment lacks may be the
// one to provide.
func (s *state) unresolvedImports() []string {
	g := s.graph()
	have := s.in.Env.Provided()
	seen := map[string]bool{}
	var out []string
	for _, q := range g.py {
		m := g.mods[q]
		if m == nil {
			continue
		}
		for _, im := range m.Imports {
			top, _, _ := strings.Cut(im.Module, ".")
			if im.Level > 0 || top == "" || seen[top] || have[top] || top == "__future__" || checkedOnly(m, im) {
				continue
			}
			seen[top] = true
			if len(g.resolve([]string{top})) == 0 && !projectDir(g.files, top) {
				out = append(out, top)
			}
		}
	}
	slices.Sort(out)
	return out
}

// checkedOnly reports whether im sits in an `if TYPE_CHECKING:` block of
// its module or a class body: it never runs, so nothing the distribution
// holds reaches the tests through it (flask's `_typeshed` and
// `typing_extensions`, imported for type checkers only).
func checkedOnly(m *pysrc.Module, im pysrc.Import) bool {
	// function bodies hold no Stmts; their imports are followed by line
	return !im.InFunction && typeChecked(m, im.Line)
}

// typeChecked reports whether line of m lies in an `if TYPE_CHECKING:`
// block of the module or a class body.
func typeChecked(m *pysrc.Module, line int) bool {
	stmts := m.Stmts()
	for i := range stmts {
		if st := &stmts[i]; st.Guard != "" && st.Start <= line && line <= st.End && typeChecking(m, st) {
			return true
		}
	}
	return false
}

// projectDir reports whether the project has a directory of that name
// holding Python files: a namespace package of its own.
func projectDir(files []string, name string) bool {
	for _, f := range files {
		if isPython(f) && (strings.HasPrefix(f, name+"/") || strings.Contains(f, "/"+name+"/")) {
			return true
		}
	}
	return false
}

// importersOf: the modules importing any of names change, at import time
// for a module-level import, as a function body for a function-level one;
// so do lines naming one of them (or a console script) in a string. Of the
// guessed names (imports nothing provides, which an uninstalled
// distribution might), a string only compared with == or != names no
// module: flask's `root_spec.origin == "namespace"` tests a value, while
// `import namespace` in a test imports what the test wrote to a temporary
// directory.
func (s *state) importersOf(names, scripts []string, guessed map[string]bool) {
	want := map[string]bool{}
	var needles, loose [][]byte
	for _, n := range names {
		if n == "" {
			continue
		}
		want[n] = true
		into := &needles
		if guessed[n] {
			into = &loose
		}
		for _, q := range []string{`"`, `'`} {
			*into = append(*into, []byte(q+n+q), []byte(q+n+"."))
		}
	}
	for _, sc := range scripts {
		needles = append(needles, []byte(`"`+sc+`"`), []byte(`'`+sc+`'`), []byte(`"`+sc+` `), []byte(`'`+sc+` `))
	}
	g := s.graph()
	for _, q := range g.py {
		m := g.mods[q]
		if m == nil {
			continue
		}
		for _, im := range m.Imports {
			top, _, _ := strings.Cut(im.Module, ".")
			if im.Level > 0 || !want[top] || checkedOnly(m, im) {
				continue
			}
			s.semantic[q] = true // a child process importing q runs the changed distribution too
			if im.InFunction && !isConftest(q) {
				s.namedAt(q, m, g.src[q], im.Line, top)
				continue
			}
			s.note("%s imports %s", q, top)
			s.structural(q)
		}
		lines := linesContaining(g.src[q], needles)
		if len(loose) > 0 {
			lines = slices.Concat(lines, linesNamingUncompared(g.src[q], loose))
			slices.Sort(lines)
			lines = slices.Compact(lines)
		}
		for _, line := range lines {
			s.semantic[q] = true
			if isConftest(q) {
				s.structural(q)
				break
			}
			s.namedAt(q, m, g.src[q], line, "a distribution")
		}
	}
}

// linesNamingUncompared lists the lines holding one of needles (a quote,
// a name, a quote or dot) other than as an operand of == or !=.
func linesNamingUncompared(src []byte, needles [][]byte) []int {
	var out []int
	for i, l := range bytes.Split(src, []byte("\n")) {
		if slices.ContainsFunc(needles, func(n []byte) bool { return namesUncompared(l, n) }) {
			out = append(out, i+1)
		}
	}
	return out
}

func namesUncompared(line, needle []byte) bool {
	for i := 0; ; {
		j := bytes.Index(line[i:], needle)
		if j < 0 {
			return false
		}
		at := i + j
		i = at + len(needle)
		if !comparison(bytes.TrimRight(line[:at], " \t"), true) {
			end := bytes.IndexByte(line[at+1:], needle[0]) // the closing quote
			if end < 0 || !comparison(bytes.TrimLeft(line[at+1+end+1:], " \t"), false) {
				return true
			}
		}
	}
}

// comparison: text ends (before) or begins (!before) with == or !=.
func comparison(text []byte, before bool) bool {
	for _, op := range []string{"==", "!="} {
		if before && bytes.HasSuffix(text, []byte(op)) || !before && bytes.HasPrefix(text, []byte(op)) {
			return true
		}
	}
	return false
}

// envDrift: the environment is not the one the map was built in (a `pip
// install -r`, a CI job installing new pins): each distribution that
// differs reaches what imports it, as a changed uv.lock's would.
func (s *state) envDrift() {
	if len(s.in.EnvDrift) == 0 || s.in.Env == nil {
		return
	}
	s.distsChanged("the environment", s.in.EnvDrift)
}

// pinFiles list dependencies for an installer (pip, pip-tools, PEP 751,
// and the locks of Poetry, Pipenv and PDM, which `uv run` never installs):
// tests see what they install, which envDrift compares, not the file.
var pinFiles = []string{"**/requirements*.txt", "**/requirements*.in", "**/*-requirements.txt",
	"**/*_requirements.txt", "**/constraints*.txt", "**/requirements/*.txt", "**/requirements/*.in",
	"**/pylock.toml", "**/pylock.*.toml", "**/poetry.lock", "**/Pipfile", "**/Pipfile.lock", "**/pdm.lock"}
