package selector

import (
	"bytes"
	"strings"

	"github.com/impacted/impacted/pkg/pytestplugin"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// addNode selects a node id known to the map exactly, else by its base.
func (s *state) addNode(nodeid string) {
	if id, ok := s.find(nodeid); ok {
		s.ids[id] = true
		return
	}
	s.bases[pytestplugin.NodeBase(nodeid)] = true
}

// importTime: p's import-time behaviour changed (or p is gone). Every test
// whose module imports p, directly or through other modules, conftest.py
// files or pytest_plugins, runs; and so does every test that ran code of p
// or of its importers, which catches modules loaded by name.
func (s *state) importTime(p string) {
	if s.importDone[p] || s.full() {
		return // what it selects does not grow on a second visit
	}
	s.importDone[p] = true
	if s.neverImported(p) {
		s.note("%s: not in the map, and none of its importers' imports of it ran while the map was built: no test imported it", p)
		return
	}
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
// which covering already follows), so whatever names it changes with it;
// or through what the first import cached: the attribute of its package
// that importing it set, and a PEP 562 `__getattr__`'s answers (lazyNamed).
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
				if s.prose(r, m, line) || s.lazyNamed(r, m, g.src[r], line, q) {
					continue
				}
				s.namedAt(r, m, g.src[r], line, lastComponent(q))
			}
		} else {
			s.structural(r)
		}
	}
	if pkg := g.parentInit(q); pkg != "" {
		// importing q set it as an attribute of its package: later
		// readers of pkg.q run none of the code that loaded it
		s.note("%s is loaded lazily: what reads it from %s", q, pkg)
		s.propagate(pkg, []string{lastComponent(q)}, nil)
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
			if _, ph := f.Range(line, line); ph != 0 && ph&covmap.PhaseImport == 0 && !s.deferredLine(f, mod, line) {
				return true
			}
		}
	}
	return false
}

// deferredLine reports whether line continues a statement whose first line
// ran at import: a lambda's or a generator's body inside it (a parametrize
// decorator's `lambda: [...]` over several lines) runs when called, later,
// in a test, while the module itself was imported at collection.
func (s *state) deferredLine(f *covmap.File, mod *pysrc.Module, line int) bool {
	if mod == nil {
		return false
	}
	start := s.logicalStart(mod, line)
	if start == line {
		return false
	}
	_, ph := f.Range(start, start)
	return ph&covmap.PhaseImport != 0
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

// namedAt applies the name rules to whatever sits at line of module q.
func (s *state) namedAt(q string, m *pysrc.Module, src []byte, line int, what string) {
	if i := m.UnitAt(line); i >= 0 && m.Units[i].Kind == pysrc.KindFunc && line >= m.Units[i].BodyStart {
		// A line that never ran at import cannot carry what it names into
		// import time: the code before it, unchanged, decides that.
		s.offUse = !s.changed[q] && s.lineOffImport(q, s.logicalStart(m, line), line)
		s.usedIn(q, m.Units[i], what)
		return
	}
	if i := m.UnitAt(line); i >= 0 && line < m.Units[i].DefLine && s.decoratedTest(q, m, m.Units[i], what) {
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

// lineNeverRan reports whether the map saw module q run but never lines
// lo..hi of it (one statement), in any phase: at import, collection, or
// in a test that loaded it lazily.
func (s *state) lineNeverRan(q string, lo, hi int) bool {
	files := s.mapFiles(q)
	for _, f := range files {
		if t, ph := f.Range(lo, hi); len(t) > 0 || ph != 0 {
			return false
		}
	}
	return len(files) > 0
}

// useOffImport reports whether the statement holding line l of module
// q (the map's numbering; 0 when unknown) never ran at import.
func (s *state) useOffImport(q string, l int) bool {
	if l <= 0 {
		return false
	}
	old, _ := s.oldModule(q)
	if old == nil {
		return false
	}
	return s.lineOffImport(q, s.logicalStart(old, l), l)
}

// lineOffImport reports whether the map never saw lines lo..hi of q (one
// statement) run at import or collection time.
func (s *state) lineOffImport(q string, lo, hi int) bool {
	files := s.mapFiles(q)
	for _, f := range files {
		if _, ph := f.Range(lo, hi); ph&covmap.PhaseImport != 0 {
			return false
		}
	}
	return len(files) > 0
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

// decoratedTest handles a name in a decorator of function u of a test file
// (`@mock.patch("pkg.mod.name")`): the decorator runs when pytest collects
// the file, and what it builds runs when u is called. So the tests that ran
// u see the change, and any of them shows a collection error of the file
// when the decorator itself fails. It reports false when no test of the map
// ran u (a helper nothing calls), which leaves the file's import-time rule.
func (s *state) decoratedTest(q string, m *pysrc.Module, u pysrc.Unit, what string) bool {
	if u.Kind != pysrc.KindFunc || !s.in.Rules.IsTestFile(q) || isConftest(q) {
		return false
	}
	if isTestFunc(m, u) {
		s.note("%s: decorator of %s names %s", q, u.QualName, what)
		s.bases[testBase(q, m, u)] = true
		return true
	}
	old, _ := s.oldModule(q)
	if old == nil {
		return false
	}
	var tests []covmap.TestID
	for _, o := range old.Units {
		if o.QualName != u.QualName {
			continue
		}
		for _, f := range s.mapFiles(q) {
			t, _ := f.Range(o.BodyStart, o.End)
			tests = append(tests, t...)
		}
	}
	if len(tests) == 0 {
		return false
	}
	s.note("%s: decorator of %s names %s: %d tests ran it", q, u.QualName, what, len(tests))
	s.addIDs(tests)
	return true
}
