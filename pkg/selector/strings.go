package selector

import (
	"bytes"
	"maps"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pyproject"
	"github.com/impacted/impacted/pkg/pysrc"
)

// namedInStrings: code can reach a module without importing it, by naming
// it in a string: `monkeypatch.setattr("shop.clock.now", ...)` fails once
// the name moves, importlib loads it, and `subprocess.run([sys.executable,
// "-m", "shop.cli"])` runs it, and everything it imports, in a process
// coverage does not see. One git grep finds the changed modules' names and
// every `-m` in the project; code that names a changed module, or runs a
// module whose imports reach a change, changes with it.
func (s *state) namedInStrings() {
	if s.fallback != "" {
		return
	}
	needles := changedModuleNeedles(s.in.Changes, s.in.Rules)
	if len(needles) == 0 {
		return
	}
	scripts := s.projectScripts()
	for _, n := range sortedKeys(scripts) {
		needles = append(needles, `"`+n+`"`, `'`+n+`'`, "sh."+n)
	}
	hits, err := s.in.Source.Grep(needles)
	if err != nil {
		s.fail("project-unreadable", err.Error())
		return
	}
	direct := s.semanticNeedles()
	for _, h := range hits {
		src, err := s.in.Source.New(h.Path)
		if err != nil {
			continue
		}
		lines := bytes.Split(src, []byte("\n"))
		if h.Line < 1 || h.Line > len(lines) {
			continue
		}
		text := string(lines[h.Line-1])
		why := ""
		if containsAny(withoutComment(text), direct) && (!s.changed[h.Path] || s.in.Rules.IsTestFile(h.Path)) {
			why = "names a changed module in a string"
		}
		mod, err := pysrc.Parse(src)
		if err != nil {
			s.structural(h.Path)
			continue
		}
		if why == "" && s.moduleFlag(text, h.Path, mod) {
			why = s.runsChangedModule(text, src, mod, h.Line)
		}
		if why == "" {
			why = s.startsInterpreter(text, src, mod, h.Line)
		}
		if why == "" {
			why = s.runsScript(text, h.Path, mod, scripts)
		}
		if why == "" || s.prose(h.Path, mod, h.Line) {
			continue
		}
		if lazyModulesEntry(mod, h.Line) {
			s.note("%s:%d names it in __lazy_modules__, which makes the module's own imports of it lazy (Python 3.15), importing nothing else: nothing", h.Path, h.Line)
			continue
		}
		s.note("%s:%d %s", h.Path, h.Line, why)
		if inMainBlock(mod, src, h.Line) {
			s.runAsProgram(h.Path, h.Line)
			continue
		}
		if s.servesChanged(h.Path, mod, src, h.Line) {
			continue
		}
		s.namedAt(h.Path, mod, src, h.Line, "a module name")
	}
}

// prose handles line of module q when it lies in a docstring, or another
// statement of string literals only: what it names, it names in prose,
// which Python never runs. Only a doctest of q reads it as code, so q's
// tests in the map (its doctests) run. It reports whether the line is
// prose.
func (s *state) prose(q string, m *pysrc.Module, line int) bool {
	if !m.ProseAt(line) {
		return false
	}
	if lo, hi := s.testsOf(q); hi > lo {
		s.note("%s:%d names it in a docstring: its doctests run", q, line)
		s.files[q] = true
	} else {
		s.note("%s:%d names it in a docstring, and the map holds no doctest of it: nothing", q, line)
	}
	return true
}

// servesChanged handles line of module r naming a changed module when r
// defines a PEP 562 `__getattr__`, which may serve that module's names
// (lazyNamed); it reports whether the line needs no other rule.
func (s *state) servesChanged(r string, m *pysrc.Module, src []byte, line int) bool {
	if !bindsGetattr(m) || s.in.Rules.IsTestFile(r) {
		return false
	}
	var qs []string
	for p := range s.semantic {
		if isPython(p) && p != r {
			qs = append(qs, p)
		}
	}
	slices.Sort(qs)
	return s.servedByGetattr(r, m, src, line, qs, "a changed module")
}

// runsChangedModule says why the line at line runs changed code in
// another process, or "". The module is a literal (`"-m", "shop.cli"`) or,
// when the line passes a variable (`"-m", module`), any quoted module name
// in the enclosing function (`module="shop.cli"` as a default); with no
// name to find, any changed module counts.
func (s *state) runsChangedModule(text string, src []byte, mod *pysrc.Module, line int) string {
	names := []string{}
	for _, m := range runsModule.FindAllStringSubmatch(text, -1) {
		names = append(names, m[1])
	}
	if len(names) == 0 && strings.Contains(text, "-m") {
		lo, hi := line, line
		if i := mod.UnitAt(line); i >= 0 {
			lo, hi = mod.Units[i].Start, mod.Units[i].End
		}
		lines := bytes.Split(src, []byte("\n"))
		for l := lo; l <= hi && l <= len(lines); l++ {
			for _, m := range quotedModule.FindAllSubmatch(lines[l-1], -1) {
				if len(s.moduleIndex().resolve(strings.Split(string(m[1]), "."))) > 0 {
					names = append(names, string(m[1]))
				}
			}
		}
		if len(names) == 0 {
			for p := range s.semantic {
				if isPython(p) {
					return "runs a module it does not name in another process"
				}
			}
		}
	}
	for _, n := range names {
		if s.runsChange(n) {
			return "runs " + n + ", which imports changed code, in another process"
		}
	}
	return ""
}

var quotedModule = regexp.MustCompile(`["']([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)["']`)

// semanticNeedles are the needles of the modules whose code changed
// (a comment-only edit names nothing new).
func (s *state) semanticNeedles() []string {
	var out []string
	for p := range s.semantic {
		if isPython(p) && !isConftest(p) && !s.in.Rules.IsTestFile(p) {
			out = append(out, stringNeedles(p)...)
		}
	}
	return out
}

// withoutComment cuts a line at a `#` outside quotes: a comment's URL
// (`# .../packaging/version.py#L301`) names nothing code reaches.
func withoutComment(line string) string {
	var quote byte
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case quote != 0 && c == '\\':
			i++
		case quote != 0 && c == quote:
			quote = 0
		case quote == 0 && (c == '"' || c == '\''):
			quote = c
		case quote == 0 && c == '#':
			return line[:i]
		}
	}
	return line
}

// containsAny reports whether text holds one of the needles as a whole
// name: not followed by a character that continues an identifier, so that
// the dotted "flask.app" is not named by flask's ContextVar("flask.app_ctx").
func containsAny(text string, needles []string) bool {
	for _, n := range needles {
		for rest := text; ; {
			i := strings.Index(rest, n)
			if i < 0 {
				break
			}
			if end := i + len(n); end == len(rest) || !identByte(rest[end]) {
				return true
			}
			rest = rest[i+1:]
		}
	}
	return false
}

func identByte(c byte) bool {
	return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// subprocessNeedles find code that runs a module of the project in another
// process; runsModule extracts the module's name.
var (
	subprocessNeedles = []string{`"-m"`, `'-m'`, `-m `, `run_module(`, `sys.executable`}
	runsModule        = regexp.MustCompile(`(?:["']-m["']\s*,\s*(?:\w+\s*,\s*)?["']|-m\s+|run_module\(\s*["'])([A-Za-z_][\w.]*)`)
)

// runsChange reports whether running module name (python -m name) runs
// changed code: the module, a module it imports directly or transitively,
// a package's __main__, or any data file (which such code may read).
func (s *state) runsChange(name string) bool {
	if v, ok := s.runs[name]; ok {
		return v
	}
	s.runs[name] = false
	for p := range s.semantic {
		if !isPython(p) {
			s.runs[name] = true
			return true
		}
	}
	for q := range s.forwardClosure(name) {
		if s.semantic[q] {
			s.runs[name] = true
			return true
		}
	}
	return false
}

// forwardClosure is the set of project modules that `python -m name`
// imports, parsing only those modules.
func (s *state) forwardClosure(name string) map[string]bool {
	ix := s.moduleIndex()
	parts := strings.Split(name, ".")
	var queue []string
	for k := 1; k <= len(parts); k++ {
		queue = append(queue, ix.resolve(parts[:k])...)
	}
	for _, q := range ix.resolve(parts) {
		if strings.HasSuffix(q, "__init__.py") {
			queue = append(queue, ix.exact(append(components(q), "__main__"))...)
		}
	}
	seen := map[string]bool{}
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		if seen[q] {
			continue
		}
		seen[q] = true
		src, err := s.in.Source.New(q)
		if err != nil {
			continue
		}
		m, err := pysrc.Parse(src)
		if err != nil {
			continue
		}
		queue = append(queue, ix.imports(q, m)...)
	}
	return seen
}

// moduleIndex resolves module names to project files without parsing the
// whole project (the import graph does that only when it must).
func (s *state) moduleIndex() *graph {
	if s.index != nil {
		return s.index
	}
	ix := &graph{src: map[string][]byte{}, byName: map[string][]string{}}
	s.index = ix
	files, err := s.in.Source.Files()
	if err != nil {
		return ix
	}
	for _, f := range files {
		if isPython(f) {
			ix.src[f] = nil // existence only
			ix.byName[lastComponent(f)] = append(ix.byName[lastComponent(f)], f)
		}
	}
	return ix
}

// changedModuleNeedles lists the strings that name the changed modules,
// and the ones that start a Python process, for one search.
func changedModuleNeedles(changes []gitdiff.Change, rules config.Rules) []string {
	seen := map[string]bool{}
	var out []string
	for _, ch := range changes {
		for _, p := range []string{ch.OldPath, ch.NewPath} {
			if !isPython(p) || strings.HasPrefix(p, "../") || isConftest(p) || rules.IsTestFile(p) {
				continue
			}
			for _, n := range stringNeedles(p) {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	if len(changes) > 0 {
		out = append(out, subprocessNeedles...)
	}
	return out
}

// stringNeedles are the strings that name module p: its dotted name from
// the package down ("shop.cli", prefix-matched after a quote so that
// "shop.cli.main" counts), "-m pkg" for a package's __main__, and its path.
func stringNeedles(p string) []string {
	c := components(p)
	var out []string
	if c[len(c)-1] == "__main__" {
		for i := 0; i < len(c)-1; i++ {
			name := strings.Join(c[i:len(c)-1], ".")
			out = append(out, `"`+name+`"`, `'`+name+`'`)
		}
	}
	for i := 0; i+2 <= len(c); i++ {
		name := strings.Join(c[i:], ".")
		out = append(out, `"`+name, `'`+name)
	}
	if d := path.Dir(p); d != "." {
		out = append(out, path.Base(d)+"/"+path.Base(p))
	} else {
		out = append(out, p)
	}
	return out
}

// lazyModulesEntry reports whether line of m lies in a module-level
// `__lazy_modules__ = {...}` (PEP 810): a hint that makes m's own imports
// of those modules lazy, which the import graph follows as imports; no
// code reads it as a module to load.
func lazyModulesEntry(m *pysrc.Module, line int) bool {
	for _, st := range m.Stmts() {
		if st.Scope == "" && line >= st.Start && line <= st.End {
			return slices.Equal(st.Binds, []string{"__lazy_modules__"}) && st.Pure
		}
	}
	return false
}

// projectScripts are the project's own console scripts, by name, with the
// module each one's entry point imports ("" when only the name is known).
func (s *state) projectScripts() map[string]string {
	out := map[string]string{}
	for _, f := range []string{"pyproject.toml", "setup.cfg"} {
		if b, err := s.in.Source.New(f); err == nil {
			maps.Copy(out, pyproject.Scripts(f, b))
		}
	}
	return out
}

// runsScript says why a line naming one of the project's console scripts
// (python-dotenv's `subprocess.run(["dotenv", *args])`, or `sh.dotenv(...)`
// in its older tests) runs changed code in another process, or "": the
// file can start a process (sh.NAME does by itself), and the script's
// module imports the change (any change, when its module is not known).
// The process runs the installed entry point, which coverage never sees.
func (s *state) runsScript(text, path string, mod *pysrc.Module, scripts map[string]string) string {
	for _, n := range sortedKeys(scripts) {
		// the sh library runs a command named as its attribute: `sh.dotenv("run")`
		viaSh := containsAny(text, []string{"sh." + n})
		if !viaSh && (!strings.Contains(text, `"`+n+`"`) && !strings.Contains(text, `'`+n+`'`) || !s.launches(path, mod)) {
			continue
		}
		if m := scripts[n]; m == "" || s.runsChange(m) {
			return "runs the project's console script " + n + ", which imports changed code, in another process"
		}
	}
	return ""
}
