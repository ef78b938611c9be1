package selector

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// bodyUnits returns the old-side units whose bodies (or plain signatures)
// the change touched and the names that added or removed definitions
// rebind; why says what only an import-time rule can cover (a decorator,
// which runs at import; a class header; an added class).
func bodyUnits(d *pysrc.Diff, old, cur *pysrc.Module) (units []pysrc.Unit, names []string, why string) {
	oldBy, newBy := byQual(old), byQual(cur)
	for _, q := range d.ChangedHeaders {
		o, n := oldBy[q], newBy[q]
		if o.Kind == pysrc.KindClass || !slices.Equal(o.Decorators, n.Decorators) {
			return nil, nil, "decorator or class header changed: " + q
		}
		units = append(units, o) // a new signature only matters to calls, and every call runs the body
	}
	for _, q := range d.ChangedBodies {
		if o := oldBy[q]; o.Kind == pysrc.KindFunc {
			units = append(units, o)
		}
	}
	for _, q := range d.Added {
		n := newBy[q]
		if n.Kind != pysrc.KindFunc || len(n.Decorators) > 0 || strings.HasPrefix(n.Name, "pytest_") {
			return nil, nil, "definition added at import time: " + q
		}
		names = append(names, definitionNames(q)...)
	}
	for _, q := range d.Removed {
		o := oldBy[q]
		if len(o.Decorators) > 0 || strings.HasPrefix(o.Name, "pytest_") {
			// a fixture, a hook, a registration: found by pytest or a
			// registry, not by its name
			return nil, nil, "decorated definition or hook removed: " + q
		}
		names = append(names, definitionNames(q)...)
	}
	return units, names, ""
}

// inertDecorators do not read the docstring of what they decorate.
var inertDecorators = map[string]bool{"property": true, "cached_property": true, "staticmethod": true,
	"classmethod": true, "lru_cache": true, "cache": true, "wraps": true, "abstractmethod": true,
	"overload": true, "override": true, "setter": true, "getter": true, "deleter": true,
	"fixture": true, "contextmanager": true, "asynccontextmanager": true, "singledispatch": true,
	"parametrize": true, "skip": true, "skipif": true, "xfail": true, "usefixtures": true, "filterwarnings": true}

// docstringUnits returns the old-side functions whose docstring alone
// changed; why is set when a decorator may read the docstring at import
// (a CLI framework turning it into help text).
func docstringUnits(d *pysrc.Diff, old *pysrc.Module) ([]pysrc.Unit, string) {
	oldBy := byQual(old)
	var out []pysrc.Unit
	for _, q := range d.Docstrings {
		o := oldBy[q]
		for _, dec := range o.Decorators {
			if !inertDecorators[decoratorName(dec)] {
				return nil, "docstring of " + q + ", which decorator " + dec + " may read"
			}
		}
		out = append(out, o)
	}
	return out, ""
}

// decoratorName is a decorator's last dotted component, without its call.
func decoratorName(d string) string {
	if i := strings.IndexByte(d, '('); i >= 0 {
		d = d[:i]
	}
	if j := strings.LastIndexByte(d, '.'); j >= 0 {
		d = d[j+1:]
	}
	return d
}

// definitionNames: a definition C.m is reached through its own name and,
// for a method, through its class.
func definitionNames(q string) []string {
	if i := strings.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	parts := strings.Split(q, ".")
	if len(parts) == 1 {
		return parts
	}
	return []string{parts[len(parts)-1], parts[len(parts)-2]}
}

func scopeNames(scopes []string) string {
	names := make([]string, len(scopes))
	for i, s := range scopes {
		if s == "" {
			s = "module"
		}
		names[i] = s
	}
	return strings.Join(names, ", ")
}

func byQual(m *pysrc.Module) map[string]pysrc.Unit {
	out := make(map[string]pysrc.Unit, len(m.Units))
	for _, u := range m.Units {
		out[u.QualName] = u
	}
	return out
}

// isTestFunc follows pytest's default python_functions/python_classes.
func isTestFunc(m *pysrc.Module, u pysrc.Unit) bool {
	if u.Kind != pysrc.KindFunc || !strings.HasPrefix(u.Name, "test") {
		return false
	}
	for p := u.Parent; p >= 0; p = m.Units[p].Parent {
		if !strings.HasPrefix(m.Units[p].Name, "Test") {
			return false
		}
	}
	return true
}

// testBase is the node id of a test function without parameters.
func testBase(p string, m *pysrc.Module, u pysrc.Unit) string {
	q := u.QualName
	if i := strings.IndexByte(q, '#'); i >= 0 {
		q = q[:i]
	}
	return p + "::" + strings.ReplaceAll(q, ".", "::")
}

var (
	cacheDecorators = map[string]bool{"lru_cache": true, "cache": true, "cached_property": true,
		"memoize": true, "cached": true, "cache_on_self": true, "memoized": true}
	globalStmt   = regexp.MustCompile(`^\s*global\s`)
	mutableState = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*(?:\{\}|\[\]|(?:dict|set|list|defaultdict|OrderedDict|Counter|deque|WeakValueDictionary|WeakKeyDictionary)\(|(?:collections|weakref)\.\w+\()`)
)

// cached reports whether u's effect can outlive the test that ran it: u
// keeps state (a cache decorator, a global statement, a module-level
// container it writes to) or is called from a unit that does. The map then
// credits u only to the first test that ran it, so the map cannot be trusted
// for u and its importers' tests must run.
func cached(m *pysrc.Module, src []byte, u pysrc.Unit) bool {
	lines := bytes.Split(src, []byte("\n"))
	state := map[string]bool{}
	for _, match := range mutableState.FindAllSubmatch(src, -1) {
		state[string(match[1])] = true
	}
	in := make([]bool, len(m.Units))
	for name := range state {
		writes := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\s*(?:\[[^\]]*\]\s*=[^=]|\.(?:setdefault|update|append|add|extend|insert|pop|clear|__setitem__)\()`)
		refs, _ := m.References(name)
		for _, r := range refs {
			if unitText(lines, m.Units[r], writes) {
				in[r] = true
			}
		}
	}
	for i, v := range m.Units {
		if v.Kind == pysrc.KindFunc && (hasCacheDecorator(v) || hasGlobal(lines, v)) {
			in[i] = true
		}
	}
	// What a stateful unit calls (or whose class it names) runs only when
	// the state is first built.
	for grew := true; grew; {
		grew = false
		for i, v := range m.Units {
			if in[i] || v.Kind != pysrc.KindFunc {
				continue
			}
			if namedBy(m, v.Name, i, in) || (v.Parent >= 0 && namedBy(m, m.Units[v.Parent].Name, i, in)) {
				in[i], grew = true, true
			}
		}
	}
	for i, v := range m.Units {
		if v.QualName == u.QualName {
			return in[i]
		}
	}
	return false
}

// namedBy reports whether a unit in the set (other than self) names name.
func namedBy(m *pysrc.Module, name string, self int, in []bool) bool {
	refs, _ := m.References(name)
	for _, r := range refs {
		if r != self && in[r] {
			return true
		}
	}
	return false
}

// unitText reports whether re matches a line of u's body.
func unitText(lines [][]byte, u pysrc.Unit, re *regexp.Regexp) bool {
	for l := u.BodyStart; l <= u.End && l-1 < len(lines); l++ {
		if l >= 1 && re.Match(lines[l-1]) {
			return true
		}
	}
	return false
}

func hasCacheDecorator(u pysrc.Unit) bool {
	for _, d := range u.Decorators {
		if cacheDecorators[decoratorName(d)] {
			return true
		}
	}
	return false
}

func hasGlobal(lines [][]byte, u pysrc.Unit) bool { return unitText(lines, u, globalStmt) }

// widenFixtures: u ran inside a fixture's setup or teardown. A fixture with
// a scope wider than a function runs once for many tests, and the map
// credits only the first; every test sharing such a fixture must run.
func (s *state) widenFixtures(p string, u pysrc.Unit, tests []covmap.TestID) {
	prov := s.in.Map.Provenance()
	if prov == nil || len(prov.Tests) == 0 {
		if s.graph().broadFixtures {
			s.fail("broad-fixture-unknown", p+"::"+u.QualName)
		}
		return
	}
	shared := map[string]bool{}
	for _, t := range tests {
		for _, f := range prov.Tests[s.tests[t]].Fixtures {
			shared[f] = true
		}
	}
	if len(shared) == 0 {
		return
	}
	s.note("%s: %s runs in a shared fixture: every test using it", p, u.QualName)
	for name, rec := range prov.Tests {
		for _, f := range rec.Fixtures {
			if shared[f] {
				s.addNode(name)
				break
			}
		}
	}
}

// addNode selects a node id known to the map exactly, else by its base.
func (s *state) addNode(nodeid string) {
	if id, ok := s.find(nodeid); ok {
		s.ids[id] = true
		return
	}
	s.bases[baseOf(nodeid)] = true
}

// importTime: p's import-time behaviour changed (or p is gone). Every test
// whose module imports p, directly or through other modules, conftest.py
// files or pytest_plugins, runs; and so does every test that ran code of p
// or of its importers, which catches modules loaded by name.
func (s *state) importTime(p string) {
	g := s.graph()
	importers := g.importers(p)
	for _, q := range append([]string{p}, importers...) {
		switch {
		case isConftest(q):
			s.dirTests(dirOf(q))
		case s.in.Rules.IsTestFile(q):
			s.files[q] = true
		}
		s.covering(q)
		s.loadedByName(q, q == p && len(importers) == 0)
	}
}

// loadedByName handles a module whose import-time code the map credits to
// a test rather than to collection: it was imported lazily, once, by the
// first test that needed it. Later tests reach it through the code that
// loads it (importlib with a name in a string, or a function-level import,
// which covering already follows), so whatever names it changes with it.
// A module loaded by name that nothing names cannot be followed.
func (s *state) loadedByName(q string, noImporter bool) {
	if s.lazyDone[q] || !s.lazilyImported(q) {
		return
	}
	s.lazyDone[q] = true
	g := s.graph()
	needles := moduleNeedles(q)
	refs := g.containing(needles)
	if len(refs) == 0 && noImporter {
		s.fail("lazy-import-unnamed", q)
		return
	}
	for _, r := range refs {
		if r == q {
			continue
		}
		s.note("%s is loaded lazily; %s names it", q, r)
		if m := g.mods[r]; m != nil && !isConftest(r) {
			for _, line := range linesContaining(g.src[r], needles) {
				s.namedAt(r, m, g.src[r], line, lastComponent(q))
			}
		} else {
			s.structural(r)
		}
	}
}

// lazilyImported reports whether the map saw q's module-level code run
// inside a test but never at collection time.
func (s *state) lazilyImported(q string) bool {
	mod, _ := s.oldModule(q)
	for _, f := range s.mapFiles(q) {
		for _, line := range f.Lines() {
			if mod != nil {
				if i := mod.UnitAt(line); i >= 0 && mod.Units[i].Kind == pysrc.KindFunc && line >= mod.Units[i].BodyStart {
					continue // a function body: runs when called
				}
			}
			if _, ph := f.Range(line, line); ph != 0 && ph&covmap.PhaseImport == 0 {
				return true
			}
		}
	}
	return false
}

// moduleNeedles are the ways code names module q in a string: its dotted
// name or any trailing part of it, quoted, or after a dot.
func moduleNeedles(q string) [][]byte {
	c := components(q)
	var out [][]byte
	for i := range c {
		name := strings.Join(c[i:], ".")
		for _, pre := range []string{`"`, `'`, `.`} {
			for _, post := range []string{`"`, `'`} {
				out = append(out, []byte(pre+name+post))
			}
		}
	}
	return out
}

// dataFile: a non-Python file. Code reads it by name, so whatever names
// it changed: a function that names it behaves as if its body changed, a
// statement that only binds names rebinds them, and any other module code
// naming it changes its module at import time. A file nothing names is
// either ignorable or unexplained.
func (s *state) dataFile(p string) {
	g := s.graph()
	refs, needles := g.naming(p)
	if len(refs) == 0 {
		if pat := config.MatchAny(s.in.Rules.Ignore, p); pat != "" {
			s.note("%s: ignored (%s)", p, pat)
			return
		}
		s.fail("unreferenced-file", p)
		return
	}
	for _, q := range refs {
		s.note("%s: named by %s", p, q)
		m := g.mods[q]
		if m == nil || isConftest(q) {
			s.structural(q)
			continue
		}
		for _, line := range linesContaining(g.src[q], needles) {
			s.namedAt(q, m, g.src[q], line, path.Base(p))
		}
	}
}

// namedAt applies the name rules to whatever sits at line of module q.
func (s *state) namedAt(q string, m *pysrc.Module, src []byte, line int, what string) {
	if i := m.UnitAt(line); i >= 0 && m.Units[i].Kind == pysrc.KindFunc && line >= m.Units[i].BodyStart {
		s.usedIn(q, m.Units[i], what)
		return
	}
	for _, st := range m.Stmts() {
		if line < st.Start || line > st.End {
			continue
		}
		if !st.Pure {
			s.note("%s:%d: module code names %s", q, line, what)
			s.structural(q)
			return
		}
		names := append([]string{}, st.Binds...)
		if st.Scope != "" && processesBody(m, src, st.Scope) {
			names = append(names, lastDotted(st.Scope))
		}
		s.propagate(q, names, nil)
		return
	}
	s.structural(q) // a decorator or signature names it
}

func linesContaining(src []byte, needles [][]byte) []int {
	var out []int
	for i, l := range bytes.Split(src, []byte("\n")) {
		for _, n := range needles {
			if bytes.Contains(l, n) {
				out = append(out, i+1)
				break
			}
		}
	}
	return out
}
