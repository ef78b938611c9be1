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
		if n.Kind != pysrc.KindFunc || len(n.Decorators) > 0 {
			return nil, nil, "definition added at import time: " + q
		}
		names = append(names, definitionNames(q)...)
	}
	for _, q := range d.Removed {
		names = append(names, definitionNames(q)...)
	}
	return units, names, ""
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
		if i := strings.IndexByte(d, '('); i >= 0 {
			d = d[:i]
		}
		if j := strings.LastIndexByte(d, '.'); j >= 0 {
			d = d[j+1:]
		}
		if cacheDecorators[d] {
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
	for _, q := range append([]string{p}, g.importers(p)...) {
		switch {
		case isConftest(q):
			s.dirTests(dirOf(q))
		case s.in.Rules.IsTestFile(q):
			s.files[q] = true
		}
		s.covering(q)
	}
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
			s.namedAt(q, m, line, path.Base(p))
		}
	}
}

// namedAt applies the name rules to whatever sits at line of module q.
func (s *state) namedAt(q string, m *pysrc.Module, line int, what string) {
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
		if st.Scope != "" && processesBody(m, s.graph().src[q], st.Scope) {
			names = append(names, lastDotted(st.Scope))
		}
		s.propagate(names, nil)
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
