package selector

import (
	"bytes"
	"regexp"
	"strings"

	"github.com/impacted/impacted/pkg/pytestplugin"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

var (
	cacheDecorators = map[string]bool{"lru_cache": true, "cache": true, "cached_property": true,
		"memoize": true, "cached": true, "cache_on_self": true, "memoized": true}
	globalStmt   = regexp.MustCompile(`^\s*global\s`)
	mutableState = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*(?:\{\}|\[\]|(?:dict|set|list|defaultdict|OrderedDict|Counter|deque|WeakValueDictionary|WeakKeyDictionary)\(|(?:collections|weakref)\.\w+\()`)
	// madeState: a module-level name bound to what a call returns (jinja's
	// `_lexer_cache = LRUCache(50)`, a registry object). A function that
	// assigns into it by subscript keeps state as one filling a dict does.
	madeState = regexp.MustCompile(`(?m)^([A-Za-z_]\w*)\s*(?::[^=\n]+)?=\s*[A-Za-z_][\w.]*\(`)
)

// cached reports whether u's effect can outlive the test that ran it: u
// keeps state (a cache decorator, a global statement, a module-level
// container it writes to) or is called from a unit that does. The map then
// credits u only to the first test that ran it, so the map cannot be trusted
// for u and its importers' tests must run.
func (s *state) cached(m *pysrc.Module, src []byte, u pysrc.Unit) bool {
	in, ok := s.stateful[m]
	if !ok {
		in = stateUnits(m, src) // costly on a big module: once per module
		s.stateful[m] = in
	}
	i := unitIndex(m, u.QualName)
	return i >= 0 && in[i]
}

// stateUnits marks the units of m that keep state, or run only when it is
// first built.
func stateUnits(m *pysrc.Module, src []byte) []bool {
	lines := bytes.Split(src, []byte("\n"))
	// state: the module-level containers, and what counts as writing one:
	// a subscript assignment, or (a known container) a mutating method
	state := map[string]string{}
	for _, match := range madeState.FindAllSubmatch(src, -1) {
		state[string(match[1])] = `\[[^\]]*\]\s*=[^=]`
	}
	for _, match := range mutableState.FindAllSubmatch(src, -1) {
		state[string(match[1])] = `(?:\[[^\]]*\]\s*=[^=]|\.(?:setdefault|update|append|add|extend|insert|pop|clear|__setitem__)\()`
	}
	in := make([]bool, len(m.Units))
	for name, write := range state {
		writes := regexp.MustCompile(`\b` + regexp.QuoteMeta(name) + `\s*` + write)
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
	// What a stateful unit calls (or the constructor of a class it names) runs only when
	// the state is first built.
	builds := map[int][]bool{} // by class: what calling it runs
	for grew := true; grew; {
		grew = false
		for i, v := range m.Units {
			if in[i] || v.Kind != pysrc.KindFunc {
				continue
			}
			method := v.Parent >= 0 && m.Units[v.Parent].Kind == pysrc.KindClass
			onCall := func() bool { // computed once per class, when its name is used
				if builds[v.Parent] == nil {
					builds[v.Parent] = built(m, v.Parent)
				}
				return builds[v.Parent][i]
			}
			if namedBy(m, v.Name, i, in) || method && namedBy(m, m.Units[v.Parent].Name, i, in) && onCall() {
				in[i], grew = true, true
			}
		}
	}
	return in
}

// callName is a call in a line: group 1 is "." for an attribute's call
// (`console.print(`), group 2 the name called.
var callName = regexp.MustCompile(`(\.?\s*)([A-Za-z_]\w*)\s*\(`)

// StateNamesVersion names what StateNames finds: the index that caches its
// answers per file (pystrings) is rebuilt when it changes. Bump it with
// every change to what StateNames or stateUnits count as state.
const StateNamesVersion = "3" // 2: module-level objects a call made, filled by subscript; 3: ".name" for an attribute's call

// StateNames lists the names that the stateful functions of a module call
// (a cache decorator, a global statement, a module-level container they
// fill). A function of another module with one of these names may run only
// when that state is first built, and the map then credits it to the first
// test alone. A name called as an attribute (`self.x.print(`) is listed
// as ".print", a bare call (`print(`) as "print": a bare name never calls
// a method. Cheap for most files: only a file that mentions a cache,
// global or memo is parsed.
func StateNames(src []byte) []string {
	if !bytes.Contains(src, []byte("cache")) && !bytes.Contains(src, []byte("global")) &&
		!bytes.Contains(src, []byte("memo")) && !mutableState.Match(src) {
		return nil
	}
	m, err := pysrc.Parse(src)
	if err != nil {
		return nil
	}
	in := stateUnits(m, src)
	lines := bytes.Split(src, []byte("\n"))
	seen := map[string]bool{}
	var out []string
	for i, u := range m.Units {
		if !in[i] {
			continue
		}
		// what it calls (a function, a constructor) runs only when the
		// state is built; a word in a string or comment only adds a name
		for l := u.BodyStart; l <= u.End && l <= len(lines); l++ {
			for _, c := range callName.FindAllSubmatch(lines[l-1], -1) {
				n := string(c[2])
				if bytes.HasPrefix(c[1], []byte(".")) {
					n = "." + n
				}
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
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
//
// ran says u is code that ran in the tests' setup or teardown, which
// reaches a wide fixture only if it ran inside it (fixtureMayRun); a
// changed test (sharedFixtures) reaches every wide fixture it holds.
func (s *state) widenFixtures(p string, u pysrc.Unit, tests []covmap.TestID, ran bool) {
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
			if !inertSharedFixture(f) && !shared[f] && (ran && s.fixtureMayRun(t, f, p, u) || !ran && !s.onlyLooks(f) && !s.onlyPatchesEnv(f)) {
				shared[f] = true
			}
		}
	}
	if len(shared) == 0 {
		return
	}
	s.note("%s: %s runs in a shared fixture (%s): every test using it", p, u.QualName, strings.Join(sortedKeys(shared), ", "))
	for name, rec := range prov.Tests {
		for _, f := range rec.Fixtures {
			if shared[f] {
				s.addNode(name)
				break
			}
		}
	}
}

// sharedFixtures: a changed test can change an object that a fixture wider
// than a function hands to later tests too (popping from a session-scoped
// index, closing a module-scoped store). Every test sharing such a fixture
// with it runs: from the map's record when it has one, else every test
// that requests one of the wide fixtures the changed test requests.
func (s *state) sharedFixtures(p string, mod *pysrc.Module, src []byte, u pysrc.Unit) {
	base := testBase(p, mod, u)
	if prov := s.in.Map.Provenance(); prov != nil && len(prov.Tests) > 0 {
		if s.provByBase == nil {
			// once per selection: packaging's 62,435 tests, scanned for
			// each of thousands of test functions, cost seconds
			s.provByBase = map[string][]string{}
			for name := range prov.Tests {
				b := pytestplugin.NodeBase(name)
				s.provByBase[b] = append(s.provByBase[b], name)
			}
		}
		var ids []covmap.TestID
		for _, name := range s.provByBase[base] {
			if id, ok := s.find(name); ok {
				ids = append(ids, id)
			}
		}
		if len(ids) > 0 {
			s.widenFixtures(p, u, ids, false)
			return
		}
	}
	wide := s.graph().wideFixtures
	for _, name := range signatureNames(src, u) {
		if !wide[name] {
			continue
		}
		s.note("%s: %s requests %s, a fixture wider than a function: every test requesting it", p, u.QualName, name)
		for _, q := range s.graph().py {
			m := s.graph().mods[q]
			if m == nil || !s.in.Rules.IsTestFile(q) || !m.Names()[name] {
				continue
			}
			for _, oc := range m.Occurrences(name) {
				if oc.Unit >= 0 && oc.Where == pysrc.InSignature && isTestFunc(m, m.Units[oc.Unit]) {
					s.bases[testBase(q, m, m.Units[oc.Unit])] = true
				}
			}
		}
	}
}

// signatureNames lists the identifiers in u's def line(s): its parameters,
// which for a test are the fixtures it requests.
func signatureNames(src []byte, u pysrc.Unit) []string {
	lines := bytes.Split(src, []byte("\n"))
	var out []string
	for l := u.DefLine; l <= u.BodyStart && l <= len(lines); l++ {
		if l == u.BodyStart && u.BodyStart != u.DefLine {
			break
		}
		for _, m := range identifier.FindAll(lines[l-1], -1) {
			out = append(out, string(m))
		}
	}
	return out
}

var identifier = regexp.MustCompile(`[A-Za-z_]\w*`)

// inertFixtures are wide fixtures of pytest, pytest-xdist and
// pytest-asyncio that hand a test nothing it can change for the next one:
// a factory making a fresh directory per call, identifiers, a recorder of
// report properties, and pytest-asyncio's autouse event_loop_policy, whose
// setup only returns asyncio.get_event_loop_policy(): the process-wide
// policy every test reaches without the fixture, and no project code.
// (pytestconfig is not: a test can mutate the config.)
var inertFixtures = map[string]bool{"tmp_path_factory": true, "tmpdir_factory": true, "worker_id": true,
	"testrun_uid": true, "record_testsuite_property": true, "event_loop_policy": true}

// inertSharedFixture reports whether a map record's wide fixture
// ("session:path::name") is one of those, defined by an installed
// distribution rather than the project.
func inertSharedFixture(rec string) bool {
	i := strings.LastIndex(rec, "::")
	if i < 0 {
		return false
	}
	where := rec[:i]
	return inertFixtures[rec[i+2:]] && (strings.Contains(where, "site-packages/") || strings.Contains(where, "site-packages\\"))
}

// constructorMethods run when a class is called.
var constructorMethods = map[string]bool{"__init__": true, "__new__": true, "__post_init__": true,
	"__attrs_post_init__": true, "__attrs_pre_init__": true}

// constructs: u is a constructor method of its class.
func constructs(m *pysrc.Module, u pysrc.Unit) bool {
	return u.Parent >= 0 && m.Units[u.Parent].Kind == pysrc.KindClass && constructorMethods[u.Name]
}

// stateCalls reports whether stateful code calls function u of m, by the
// names StateNames lists: a method as an attribute (`x.print(`; the bare
// `print(` is never a method), or, when the code calls its class, a
// method that building an instance runs. A stateful unit that keeps an
// instance runs its constructor once; its other methods run when they are
// called, on the kept instance too, and the map credits them to every
// test that calls them. Any other function counts by its name. builtBy
// is built for u's class, computed when needed.
func stateCalls(names map[string]bool, m *pysrc.Module, u pysrc.Unit, builtBy func(class int) []bool) bool {
	if u.Parent < 0 || m.Units[u.Parent].Kind != pysrc.KindClass {
		return names[u.Name] || names["."+u.Name]
	}
	class := m.Units[u.Parent].Name
	return names["."+u.Name] || (names[class] || names["."+class]) && builtOnCall(m, u, builtBy(u.Parent))
}

// builtOnCall reports whether u is among the units in marks (see built).
func builtOnCall(m *pysrc.Module, u pysrc.Unit, in []bool) bool {
	for i, v := range m.Units {
		if in[i] && v.QualName == u.QualName {
			return true
		}
	}
	return false
}

// built marks the units of m that calling class c can run: its
// constructor methods, the code of m they name (by name, as an attribute,
// in a string) and what that names in turn, and the defs inside them.
func built(m *pysrc.Module, c int) []bool {
	in := make([]bool, len(m.Units))
	for i, v := range m.Units {
		in[i] = v.Parent == c && constructs(m, v)
	}
	for grew := true; grew; {
		grew = false
		for i, v := range m.Units {
			if in[i] || v.Kind != pysrc.KindFunc {
				continue
			}
			named := v.Parent >= 0 && in[v.Parent]
			for _, oc := range m.Occurrences(v.Name) {
				named = named || oc.Unit >= 0 && oc.Unit != i && in[oc.Unit]
			}
			if named {
				in[i], grew = true, true
			}
		}
	}
	return in
}
