package selector

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// launchNames are the names through which Python code starts another
// process. A `-m` in a file whose code uses none of them, and imports no
// project module or conftest.py that does, is an option of the code's own
// CLI (`@click.option("-m", ...)`, `runner.invoke(cli, ["-m", "x"])`),
// not an interpreter's module flag. Names, not words: prose that mentions
// a subprocess starts none.
var launchNames = []string{"executable", "subprocess", "Popen", "check_call", "check_output", "runpy",
	"run_module", "popen", "system", "execv", "execve", "execvp", "execl", "execlp", "spawnv", "spawnl",
	"pexpect", "create_subprocess_exec", "create_subprocess_shell", "python", "python3"}

// startsPython finds the code that starts Python itself: a helper of
// another module that runs `bash --version` takes no `-m` from a test,
// one that runs `[sys.executable, *args]` may. Each hit is checked to be
// code, not a docstring (click.Path's `executable` parameter, prose
// about “sys.executable“, are not).
var startsPython = regexp.MustCompile(`sys\.(executable|orig_argv)|\b(runpy|run_module)\b|["'](python[\d.]*)["']`)

func startsPythonIn(m *pysrc.Module, src []byte) bool {
	for i, l := range bytes.Split(src, []byte("\n")) {
		for _, g := range startsPython.FindAllSubmatch(l, -1) {
			name := string(g[1]) + string(g[2]) + string(g[3])
			if codeAt(m, name, i+1) {
				return true
			}
		}
	}
	return false
}

// literalAfterM is a `-m` followed by a string that is no module name
// (`"-m", "--message"`): python's flag takes a module name next.
var literalAfterM = regexp.MustCompile(`["']-m["']\s*,\s*[rbuRBU]?["'][^"']*["']`)

// moduleFlag reports whether the `-m` on a line of path can be python's
// module flag. A project module named right after it (`"-m",
// "shop.cli"`) or in run_module is taken at its word; a `-m` followed by
// another literal is no module flag; any other `-m` is one only where the
// code can start a process.
func (s *state) moduleFlag(text, path string, mod *pysrc.Module) bool {
	for _, m := range runsModule.FindAllStringSubmatch(text, -1) {
		if len(s.moduleIndex().resolve(strings.Split(m[1], "."))) > 0 {
			return true
		}
	}
	if !strings.Contains(literalAfterM.ReplaceAllString(text, ""), "-m") {
		return false
	}
	return s.launches(path, mod)
}

// launches reports whether path can start a process, or a project module
// it imports or a conftest.py (whose fixtures its tests may use) can start
// a Python interpreter.
func (s *state) launches(path string, mod *pysrc.Module) bool {
	if v, ok := s.launching[path]; ok {
		return v
	}
	ix := s.moduleIndex()
	look := ix.imports(path, mod)
	for f := range ix.src {
		if isConftest(f) {
			look = append(look, f)
		}
	}
	v := usesAny(mod, launchNames)
	for _, f := range look {
		if v {
			break
		}
		v = s.fileLaunches(f)
	}
	s.launching[path] = v
	return v
}

// fileLaunches reports whether the code of project file f can start a
// Python interpreter, parsing f once.
func (s *state) fileLaunches(f string) bool {
	key := "\x00" + f
	if v, ok := s.launching[key]; ok {
		return v
	}
	v := true // unreadable or unparsable: it may
	if src, err := s.in.Source.New(f); err == nil {
		if m, err := pysrc.Parse(src); err == nil {
			v = startsPythonIn(m, src)
		}
	}
	s.launching[key] = v
	return v
}

func usesAny(m *pysrc.Module, which []string) bool {
	names := m.Names()
	for _, n := range which {
		if names[n] {
			return true
		}
	}
	return false
}

// stringImport finds `import x` and `from x import` in code that a file
// holds as text for another interpreter (`python -c`, a script piped to
// `python -`).
var stringImport = regexp.MustCompile(`(?:^|[\s;"'(])(?:import\s+([A-Za-z_][\w.]*)|from\s+([A-Za-z_][\w.]*)\s+import\b)`)

// startsInterpreter says why a line naming sys.executable runs changed
// code in another interpreter, or "". The interpreter runs whatever the
// file's strings import (the code it is handed: `-c program`, a script
// on stdin), and whatever that imports; with no such string, any changed
// module counts. Only the import-time code matters for `sys.modules`
// checks, but the code it runs may call anything, so any change counts.
func (s *state) startsInterpreter(text string, src []byte, mod *pysrc.Module, line int) string {
	if !strings.Contains(text, "executable") || !codeAt(mod, "executable", line) {
		return "" // prose about sys.executable starts nothing
	}
	if runsWithM(src, mod, line) {
		return "" // `[sys.executable, "-m", module]`: the -m rule decides
	}
	names := stringImports(src, mod)
	if len(names) == 0 {
		for p := range s.semantic {
			if isPython(p) {
				return "starts an interpreter on code it does not name"
			}
		}
		return ""
	}
	for _, n := range names {
		if s.runsChange(n) {
			return "starts an interpreter whose code imports " + n + ", which reaches changed code"
		}
	}
	return ""
}

// stringImports lists the modules that import statements inside the
// text of src import: lines that are the file's own import statements
// do not count.
func stringImports(src []byte, mod *pysrc.Module) []string {
	own := map[int]bool{}
	for _, im := range mod.Imports {
		own[im.Line] = true
	}
	seen := map[string]bool{}
	var out []string
	for i, l := range bytes.Split(src, []byte("\n")) {
		if own[i+1] {
			continue
		}
		for _, m := range stringImport.FindAllSubmatch(l, -1) {
			n := string(m[1]) + string(m[2])
			if n != "" && !seen[n] {
				seen[n] = true
				out = append(out, n)
			}
		}
	}
	return out
}

// codeAt reports whether name occurs as code (not in a comment or a
// docstring) on line.
func codeAt(m *pysrc.Module, name string, line int) bool {
	for _, oc := range m.Occurrences(name) {
		if oc.Line == line {
			return true
		}
	}
	return false
}

// codeRunner is a `-m` naming a tool that runs the Python code it is
// handed (`-m coverage run mod.__file__`, typer's tests): the module it
// names is not the code that runs, so it leaves the interpreter rule to
// decide.
var codeRunner = regexp.MustCompile(`["']-m["']\s*,\s*["'](coverage|cProfile|profile|pdb|ipdb|trace|pyinstrument|memray|viztracer)["']`)

// runsWithM reports whether the function holding line (or the line, at
// module level) passes python a `-m` naming the module to run.
func runsWithM(src []byte, mod *pysrc.Module, line int) bool {
	lo, hi := line, line
	if i := mod.UnitAt(line); i >= 0 {
		lo, hi = mod.Units[i].Start, mod.Units[i].End
	}
	lines := bytes.Split(src, []byte("\n"))
	if hi > len(lines) {
		hi = len(lines)
	}
	if lo < 1 || lo > hi {
		return false
	}
	// one text: a formatter puts `"-m",` and `"coverage",` on lines of their own
	text := codeRunner.ReplaceAll(bytes.Join(lines[lo-1:hi], []byte("\n")), nil)
	return bytes.Contains(text, []byte(`"-m"`)) || bytes.Contains(text, []byte(`'-m'`))
}
