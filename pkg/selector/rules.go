package selector

import (
	"bytes"
	"path"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pysrc"
)

// change applies the rules to one changed file.
func (s *state) change(ch gitdiff.Change) {
	for _, p := range changePaths(ch) {
		if strings.HasPrefix(p, "../") {
			if config.MatchAny(s.in.Rules.Ignore, strings.TrimLeft(p, "./")) == "" {
				s.fail("outside-project", p)
			}
			return
		}
		if config.MatchAny(s.in.Rules.Invalidate, p) != "" {
			s.fail("invalidated", p)
			return
		}
		if s.preloaded(p) {
			// pytest imported it (and ran what its start needs) before
			// anything measured: no map records what that reaches
			s.note("%s: pytest imports it before the map's collector starts (it is one of pytest's own dependencies)", p)
			s.fail("runs-inside-pytest", p)
			return
		}
	}
	if slices.ContainsFunc(changePaths(ch), func(p string) bool { return path.Base(p) == "setup.py" }) {
		// setuptools runs it to install the project, never a test: only
		// what it installs can reach one (setuppy.go)
		if ch.Status != 'M' || ch.NewPath != "setup.py" || !s.setupPy(ch.NewPath) {
			s.fail("invalidated", changePaths(ch)[0])
		}
		return
	}
	switch {
	case ch.Status == 'M' || ch.Status == 'T' || (ch.Status == 'R' && ch.OldPath == ch.NewPath):
		s.modified(ch.NewPath)
	default: // added, deleted, or renamed: the old path is gone and the new one is new
		if ch.OldPath != "" {
			s.removed(ch.OldPath)
		}
		if ch.NewPath != "" {
			s.added(ch.NewPath)
		}
	}
}

func changePaths(ch gitdiff.Change) []string {
	if ch.OldPath == "" || ch.OldPath == ch.NewPath {
		return []string{ch.NewPath}
	}
	if ch.NewPath == "" {
		return []string{ch.OldPath}
	}
	return []string{ch.OldPath, ch.NewPath}
}

func isPython(p string) bool { return strings.HasSuffix(p, ".py") }

func isConftest(p string) bool { return path.Base(p) == "conftest.py" }

func dirOf(p string) string {
	if d := path.Dir(p); d != "." {
		return d
	}
	return ""
}

func (s *state) added(p string) { s.appeared(p, false) }

func (s *state) removed(p string) { s.appeared(p, true) }

// appeared handles a file that is new (gone false) or gone.
func (s *state) appeared(p string, gone bool) {
	if isPython(p) {
		s.semantic[p] = true
	}
	switch {
	case !isPython(p):
		s.dataFile(p)
	case path.Base(p) == "__init__.py":
		s.packageInit(p, gone)
	case isConftest(p):
		s.note("%s: conftest.py added or removed: tests below %s/", p, dirOf(p))
		s.dirTests(dirOf(p))
	case gone:
		s.note("%s: removed: its importers and the tests that ran it", p)
		s.importTime(p)
	case s.in.Rules.IsTestFile(p):
		s.note("%s: new test file", p)
		s.files[p] = true
	default:
		s.newModule(p)
	}
}

// newModule: a new module changes nothing until something imports it, and
// whatever imports it statically has changed too; a module that loads
// modules by name (plugins) may pick it up, so their tests run.
func (s *state) newModule(p string) {
	for _, q := range s.graph().dynamic {
		s.note("%s: new module; %s loads modules by name", p, q)
		s.covering(q)
	}
}

// modified handles a file present on both sides.
func (s *state) modified(p string) {
	if !isPython(p) {
		s.dataFile(p)
		return
	}
	s.semantic[p] = true
	old, ok := s.in.Source.Old(p)
	if !ok {
		s.added(p)
		return
	}
	cur, err := s.in.Source.New(p)
	if err != nil {
		s.importTime(p)
		return
	}
	d, err := pysrc.Compare(old, cur)
	if err != nil {
		s.note("%s: cannot parse (%v): treated as an import-time change", p, err)
		s.structural(p)
		return
	}
	if d.Equal {
		s.note("%s: comments or formatting only", p)
		delete(s.semantic, p)
		return
	}
	oldMod, err := pysrc.Parse(old)
	if err != nil {
		s.structural(p)
		return
	}
	newMod, err := pysrc.Parse(cur)
	if err != nil {
		s.structural(p)
		return
	}
	if s.in.Rules.IsTestFile(p) && !isConftest(p) {
		d.Added = s.newTests(p, d.Added, newMod)
	}
	var fx *[]fixtureDef
	if s.closuresKnown(p) {
		fx = &[]fixtureDef{}
	}
	units, names, rewrapped, classes, why := bodyUnits(d, oldMod, newMod, old, cur, fx)
	if why == "" && fx != nil && len(*fx) > 0 {
		s.fixtureDefs(p, *fx)
	}
	units = s.typingOnly(p, d, oldMod, newMod, old, cur, units)
	units, rewrapped = s.unreadAnnotations(p, units, rewrapped)
	if why == "" {
		more, sigWhy := s.readSignatures(p, d, oldMod, newMod)
		rewrapped, why = append(rewrapped, more...), sigWhy
	}
	for _, q := range classes {
		if why == "" && !s.closedClass(p, newMod, cur, q) {
			why = "definition added at import time: " + q + ", whose bases, metaclass or hooks may act on it"
		}
	}
	docs, docWhy := docstringUnits(d, oldMod)
	if why == "" {
		why = docWhy
	}
	var attrs []classAttr
	var exports exportDiff
	if why == "" && len(d.ChangedScopes) > 0 {
		more, moreAttrs, moreExports, ok := s.changedNames(p, d, oldMod, newMod, cur)
		exports = moreExports
		if !ok {
			why = "module- or class-level code changed (" + scopeNames(d.ChangedScopes) + ") beyond binding names"
		}
		names, attrs = append(names, more...), moreAttrs
	}
	if why == "" && len(rewrapped) > 0 {
		more, moreAttrs := s.rewrappedNames(p, oldMod, newMod, cur, rewrapped)
		names, attrs = append(names, more...), append(attrs, moreAttrs...)
	}
	removed := unbound(oldMod, newMod)
	if why == "" {
		var gone []classAttr
		gone, removed = s.classScoped(p, oldMod, newMod, cur, removed, classesOf(d.Removed, oldMod))
		attrs = append(attrs, gone...)
	}
	if why != "" && s.neverRan(p, oldMod) {
		s.note("%s: %s, but no line of the definitions it touches ran while the map was built (the import stops before them, or a branch not taken): nothing", p, why)
		return
	}
	if why != "" {
		s.note("%s: %s", p, why)
		s.structural(p)
		return
	}
	names = append(names, s.implicitlyRead(p, d, names)...)
	if len(names) > 0 || len(removed) > 0 {
		s.note("%s: names rebound: %s; unbound: %s", p, strings.Join(names, ", "), strings.Join(removed, ", "))
		s.propagate(p, names, removed)
	}
	s.starExports(p, exports)
	if len(attrs) > 0 {
		s.note("%s: class attributes changed: %s", p, attrNames(attrs))
		s.propagateAttrs(p, newMod, cur, attrs)
	}
	for _, u := range units {
		off := s.offImport[p+"\x00"+u.QualName] || s.editedOffImport(p, u, old)
		s.edit = &bodyEdit{old: oldMod, cur: newMod, oldSrc: old, curSrc: cur}
		s.bodyRule(p, oldMod, old, u, off)
	}
	for _, u := range docs {
		s.docstring(p, oldMod, u)
	}
}

// docstring: only a function's __doc__ changed. Running the function
// reads none of it: what reads `__doc__` runs, its doctests, and, where
// the project reads any object's docstring (inspect.getdoc, pydoc, help),
// the tests that ran it, which may hand it there. A decorator that may
// read it (click's help) made the change import-time code already; no
// cache can hold a docstring, so nothing widens.
func (s *state) docstring(p string, mod *pysrc.Module, u pysrc.Unit) {
	s.note("%s: docstring of %s", p, u.QualName)
	if s.in.Rules.IsTestFile(p) && isTestFunc(mod, u) {
		s.bases[testBase(p, mod, u)] = true
	}
	if why := s.docReader(); why != "" {
		s.note("%s: %s, so the tests that ran %s", p, why, u.QualName)
		for _, f := range s.mapFiles(p) {
			t, _ := f.Range(u.BodyStart, u.End)
			s.addIDs(t)
		}
	}
	s.doctests(p, u)
	s.propagateDoc(p, u.Name)
}

// docReaderWords name code that reads the docstring of whatever object it
// is handed.
var docReaderWords = []string{"getdoc", "pydoc", "help"}

// docReader says which code of the project reads any object's docstring,
// or "": a name getdoc or pydoc, a call of help(). Once per selection.
func (s *state) docReader() string {
	if s.docReaders != nil {
		return *s.docReaders
	}
	why := s.scanCode(docReaderWords, func(path string, m *pysrc.Module) string {
		names := m.Names()
		src, ok := s.graph().src[path]
		if !ok {
			src, _ = s.in.Source.New(path)
		}
		switch {
		case names["getdoc"] || names["pydoc"]:
			return path + " reads docstrings (getdoc, pydoc)"
		case names["help"] && bytes.Contains(src, []byte("help(")):
			return path + " calls help()"
		}
		return ""
	})
	s.docReaders = &why
	return why
}

// doctests selects the doctest items (--doctest-modules) of unit u of
// module p: their node ids are p::dotted.module.QualName.
func (s *state) doctests(p string, u pysrc.Unit) {
	q, _, _ := strings.Cut(u.QualName, "#")
	i, _ := slices.BinarySearch(s.tests, p+"::")
	for ; i < len(s.tests) && strings.HasPrefix(s.tests[i], p+"::"); i++ {
		if name := s.tests[i][len(p)+2:]; name == q || strings.HasSuffix(name, "."+q) {
			s.ids[covmap.TestID(i)] = true
		}
	}
}

// structural is an import-time change of p, by the kind of file p is.
func (s *state) structural(p string) {
	switch {
	case isConftest(p):
		s.dirTests(dirOf(p))
		s.importTime(p)
	default:
		s.importTime(p)
	}
}

// body handles a change confined to the body (or the signature) of unit u.
func (s *state) body(p string, mod *pysrc.Module, src []byte, u pysrc.Unit) {
	s.bodyRule(p, mod, src, u, false)
}

// bodyRule is body; off says the change cannot reach what u does at
// import (its edited lines, or the line naming what changed, never ran
// then), so only the tests that ran it count. One decision per function
// and mode, however many names reach it: a full one covers an off one,
// never the other way round (another change may reach u's import-time
// lines).
func (s *state) bodyRule(p string, mod *pysrc.Module, src []byte, u pysrc.Unit, off bool) {
	key := p + "\x00" + u.QualName
	using, edit, useAt := s.usingOnly, s.edit, s.useAt
	s.usingOnly, s.edit, s.useAt = false, nil, 0 // for this function only
	if s.in.Rules.IsTestFile(p) && !isConftest(p) && isTestFunc(mod, u) {
		s.bases[testBase(p, mod, u)] = true
		// A changed test can change what a wide fixture hands the tests
		// after it; one that only uses a changed name runs changed code,
		// as a test calling a changed function does, which reaches the
		// tests that ran it and no fixture's other users.
		if !using && !s.bodyDone[key+"\x00shared"] {
			s.bodyDone[key+"\x00shared"] = true
			s.sharedFixtures(p, mod, src, u)
		}
		return
	}
	if s.bodyDone[key] || (off && s.bodyDone[key+"\x00off"]) {
		return
	}
	if off {
		s.bodyDone[key+"\x00off"] = true
	} else {
		s.bodyDone[key] = true
	}
	files := s.mapFiles(p)
	if len(files) == 0 {
		if isConftest(p) {
			s.note("%s: %s changed, file not in the map: tests below %s/", p, u.QualName, dirOf(p))
			s.dirTests(dirOf(p))
			return
		}
		s.note("%s: %s changed, file not in the map: importers", p, u.QualName)
		s.importTime(p)
		return
	}
	var tests []covmap.TestID
	var ph covmap.Phase
	for _, f := range files {
		t, h := f.Range(u.BodyStart, u.End)
		tests, ph = append(tests, t...), ph|h
	}
	if off && using && useAt > 0 {
		// u ran at import, but not the statement using the changed name:
		// import time reads it nowhere, and the tests that ran the
		// statement are judged as for any use (narrowUse)
		ph &^= covmap.PhaseImport
	}
	switch {
	case u.BodyStart == u.DefLine && !off:
		s.note("%s: one-line %s: its body shares the def line, run at import", p, u.QualName)
		s.importTime(p)
	case ph&covmap.PhaseImport != 0 && off:
		s.note("%s: %s runs at import, but not the lines the change reaches: %d tests ran it", p, u.QualName, len(tests))
		s.addIDs(tests)
	case ph&covmap.PhaseImport != 0 && s.onlyRefusedAtImport(p, u, src, files):
		s.note("%s: at import, %s only refused attributes (as a module without it does): %d tests ran it", p, u.QualName, len(tests))
		s.addIDs(tests)
	case ph&covmap.PhaseImport != 0 && s.ranByTestModules(p, u, files, tests):
	case ph&covmap.PhaseImport != 0:
		s.note("%s: %s runs at import or collection time", p, u.QualName)
		s.importTime(p)
	case s.cached(mod, src, u) || s.stateNamed(mod, u):
		// The map credits u to the first test that ran it only; every
		// later test reached it through code that names it, and that code
		// runs (and is credited) each time.
		s.note("%s: %s may be behind a cache or module state: %d tests ran it, and what names it", p, u.QualName, len(tests))
		s.addIDs(tests)
		s.namersOf(p, mod, src, u)
	case edit != nil && s.narrowEdit(p, u, edit, files, len(tests), off):
	case using && useAt > 0 && s.narrowUse(p, mod, src, u, useAt, files, len(tests), off):
	default:
		s.note("%s: body of %s: %d tests ran it", p, u.QualName, len(tests))
		s.ranIn(p, u, tests, ph)
	}
}

// covering selects every test that ran any line of p.
func (s *state) covering(p string) {
	for _, f := range s.mapFiles(p) {
		t, _ := f.All()
		s.addIDs(t)
	}
}

// dirTests selects every test below dir ("" is the project).
func (s *state) dirTests(dir string) {
	prefix := dir + "/"
	if dir == "" {
		prefix = ""
	}
	for _, f := range s.graph().files {
		if strings.HasPrefix(f, prefix) && s.in.Rules.IsTestFile(f) && !isConftest(f) {
			s.files[f] = true
		}
	}
	for i, n := range s.tests {
		if strings.HasPrefix(fileOf(n), prefix) {
			s.ids[covmap.TestID(i)] = true
		}
	}
}

// newTests selects the tests a test file gained (the map has never seen
// them) and returns the other added units.
func (s *state) newTests(p string, added []string, mod *pysrc.Module) []string {
	var rest []string
	units := byQual(mod)
	for _, q := range added {
		u := units[q]
		switch {
		case isTestFunc(mod, u):
			s.note("%s: new test %s", p, q)
			s.bases[testBase(p, mod, u)] = true
		case u.Kind == pysrc.KindClass && strings.HasPrefix(u.Name, "Test"):
			s.note("%s: new test class %s", p, q)
			s.files[p] = true
		case u.Kind == pysrc.KindFunc && strings.HasPrefix(u.Name, "test") && u.Parent >= 0 && mod.Units[u.Parent].Kind == pysrc.KindClass:
			// pytest collects test methods of any unittest.TestCase,
			// whatever its name (cachetools' TTLCacheTest), and a mixin's
			// through the classes inheriting it
			s.testMethodAdded(p, mod, u)
			rest = append(rest, q)
		default:
			rest = append(rest, q)
		}
	}
	return rest
}

// testMethodAdded: class c of module p gained test method u, which pytest
// collects where c is a TestCase or a base of one: p's tests, and those of
// every test file naming c.
func (s *state) testMethodAdded(p string, mod *pysrc.Module, u pysrc.Unit) {
	class := mod.Units[u.Parent].Name
	s.note("%s: new test method %s: the test files that hold or name %s", p, u.QualName, class)
	for _, f := range s.graph().files {
		if !s.in.Rules.IsTestFile(f) || isConftest(f) {
			continue
		}
		if m := s.graph().mods[f]; f == p || m != nil && m.Names()[class] {
			s.files[f] = true
		}
	}
}

// stateNamed reports whether a stateful function anywhere in the project
// (a cached loader in another module) calls u (see stateCalls): u may
// then run only when that state is first built.
func (s *state) stateNamed(m *pysrc.Module, u pysrc.Unit) bool {
	if s.stateNames == nil {
		s.stateNames = s.in.Source.StateNames()
		if s.stateNames == nil {
			s.stateNames = map[string]bool{}
		}
	}
	return stateCalls(s.stateNames, m, u, func(class int) []bool {
		if s.builds[m] == nil {
			s.builds[m] = map[int][]bool{}
		}
		if s.builds[m][class] == nil {
			s.builds[m][class] = built(m, class) // once per class: its methods ask in turn
		}
		return s.builds[m][class]
	})
}

// preloaded reports whether the map's build found module p imported
// before its collector started (Provenance.Preloaded).
func (s *state) preloaded(p string) bool {
	if s.in.Map == nil {
		return false
	}
	prov := s.in.Map.Provenance()
	return prov != nil && slices.Contains(prov.Preloaded, p)
}
