package selector

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// A fixture added to, moved into, removed from, or re-decorated in a
// conftest or a test module changes which definition pytest hands the
// tests requesting its name, and nothing else: pytest finds fixtures by
// name, for the tests whose closure holds that name. jinja moved
// run_async_fn from two test modules into tests/conftest.py; as
// import-time code of the conftest it ran every test.
//
// A map that records each test's fixture closure (plugins' implicit
// requests included) says which tests request a name; one that predates
// the record, or an autouse fixture (which every test below it gets, by
// no name), keeps the import-time rule. The decorator runs when pytest
// imports the file: its arguments may only be literals and names the
// module binds at run time (a call, or a name bound for type checkers
// only, could fail the import of the whole directory).

// fixtureDef is one changed fixture definition of a test file or conftest.
type fixtureDef struct {
	name string // the name tests request it by (the decorator's name=, else the function's)
}

// changedFixture reports whether unit q of a test file or conftest (o in
// old, n in cur; either may be missing) is a fixture that fixtureDefs can
// follow, and appends it to fx.
func changedFixture(fx *[]fixtureDef, old, cur *pysrc.Module, q string) bool {
	if fx == nil {
		return false
	}
	var defs []fixtureDef
	for _, m := range []*pysrc.Module{old, cur} {
		idx := slices.IndexFunc(m.Units, func(u pysrc.Unit) bool { return u.QualName == q })
		if idx < 0 {
			continue
		}
		f, ok := fixtureAt(m, idx, m == cur) // the old decorator no longer runs
		if !ok {
			return false
		}
		defs = append(defs, f)
	}
	if len(defs) == 0 {
		return false
	}
	*fx = append(*fx, defs...)
	return true
}

// followedFixture: unit idx of test file or conftest q is a fixture whose
// decorator fixtureDefs can follow, with a map that records closures.
func (s *state) followedFixture(q string, m *pysrc.Module, idx int) (fixtureDef, bool) {
	if !s.closuresKnown(q) {
		return fixtureDef{}, false
	}
	return fixtureAt(m, idx, true)
}

// closuresKnown: p is a test file or conftest, and the map records every
// test's fixture closure.
func (s *state) closuresKnown(p string) bool {
	prov := s.in.Map.Provenance()
	return prov != nil && prov.FixturesRecorded && (s.in.Rules.IsTestFile(p) || isConftest(p))
}

// fixtureAt: unit idx of m is a module-level fixture other than an autouse
// one (a plain function or a hook is another rule's), and, with
// decorators, its decorators are safe to run at import.
func fixtureAt(m *pysrc.Module, idx int, decorators bool) (fixtureDef, bool) {
	fi := slices.IndexFunc(m.Fixtures, func(f pysrc.Fixture) bool { return f.Unit == idx })
	if fi < 0 || m.Fixtures[fi].Autouse || m.Units[idx].Parent >= 0 || decorators && !safeFixtureDecorators(m, m.Units[idx]) {
		return fixtureDef{}, false
	}
	return fixtureDef{name: m.Fixtures[fi].Name}, true
}

// safeFixtureDecorators: every decorator of u is pytest's fixture, called
// with literals and names m binds at run time (attributes of those).
func safeFixtureDecorators(m *pysrc.Module, u pysrc.Unit) bool {
	for _, d := range u.Decorators {
		ref, args, called := strings.Cut(d, "(")
		if r := strings.TrimSpace(ref); r != "fixture" && r != "pytest.fixture" {
			return false
		}
		if !called {
			continue
		}
		args = strings.TrimSpace(args)
		if !strings.HasSuffix(args, ")") || strings.ContainsAny(strings.TrimSuffix(args, ")"), "()") {
			return false // a call in an argument runs at import
		}
		for _, loc := range decoratorNames.FindAllStringSubmatchIndex(args, -1) {
			if loc[2] < 0 {
				continue // a string literal
			}
			name := args[loc[2]:loc[3]]
			rest := strings.TrimLeft(args[loc[3]:], " ")
			switch {
			case loc[2] > 0 && args[loc[2]-1] == '.':
				// an attribute of what precedes it
			case strings.HasPrefix(rest, "=") && !strings.HasPrefix(rest, "=="):
				// a keyword argument's name
			case name == "True" || name == "False" || name == "None":
			case name == "lambda" || name == "await" || name == "yield":
				return false
			case !boundAtRunTime(m, name):
				return false
			}
		}
	}
	return true
}

// decoratorNames finds identifiers outside string literals.
var decoratorNames = regexp.MustCompile(`"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\b([A-Za-z_]\w*)`)

// fixtureDefs selects, for each changed fixture definition, every test of
// the map whose closure requests its name (a test function, with all its
// parametrizations), and the tests of any module that names it to
// request.getfixturevalue, which no closure shows.
func (s *state) fixtureDefs(p string, fx []fixtureDef) {
	prov := s.in.Map.Provenance()
	names := map[string]bool{}
	for _, f := range fx {
		if !s.fixturesFollowed[f.name] { // a name reached again (from both files of a move) adds nothing
			names[f.name] = true
		}
	}
	if len(names) == 0 {
		return
	}
	if s.fixturesFollowed == nil {
		s.fixturesFollowed = map[string]bool{}
	}
	for name := range names {
		s.fixturesFollowed[name] = true
	}
	n := 0
	for id, rec := range prov.Tests {
		hit := slices.ContainsFunc(rec.Requested, func(r string) bool { return names[r] }) ||
			slices.ContainsFunc(rec.Fixtures, func(r string) bool { return names[r[strings.LastIndex(r, "::")+2:]] })
		if hit {
			s.bases[pytestplugin.NodeBase(id)] = true
			n++
		}
	}
	s.note("%s: fixture %s added, moved, removed or re-decorated: the %d tests requesting it", p, strings.Join(sortedKeys(names), ", "), n)
	g := s.graph()
	for _, q := range g.py {
		if !bytes.Contains(g.src[q], []byte("getfixturevalue")) || !s.in.Rules.IsTestFile(q) && !isConftest(q) {
			continue
		}
		for name := range names {
			if bytes.Contains(g.src[q], []byte(name)) {
				s.note("%s: may request %s through getfixturevalue", q, name)
				if isConftest(q) {
					s.dirTests(dirOf(q))
				} else {
					s.importTime(q)
				}
				break
			}
		}
	}
}
