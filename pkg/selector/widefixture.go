package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// A fixture wider than a function runs once, in the setup (or teardown)
// of the first (or last) test of its scope, and the map credits that test
// with its body. Code that ran in a test's setup ran inside the wide
// fixture only if that test ran the fixture's body and the fixture can
// reach the project's code at all. What ran in the setup of the test's
// function fixtures (flask's app, app_ctx) is credited to every test it
// ran for, although each of them shares the session's autouse fixture.

// wideFixture is what one selection learns of a wide fixture the map
// records, once: widenFixtures asks about it for every test sharing it
// (hundreds, for a session autouse fixture).
type wideFixture struct {
	path, name string
	plain      bool            // one of pytest's plain fixtures
	mod        *pysrc.Module   // its module as the map saw it; nil when not the project's
	src        []byte          // mod's source
	idx        int             // its function in mod.Units; -1 when not found
	files      []*covmap.File  // the map's records of path
	toks       []pysrc.Token   // src's tokens, on first need
	ranBases   map[string]bool // node-id bases of the tests the map credits with its body
	ranKnown   bool            // every record of path saw its body run
	reaches    *bool           // memo of reachesProject
	patches    *bool           // memo of onlyPatchesEnv
	looks      *bool           // memo of onlyLooks
}

// wideFixture returns the facts of record rec ("session:path::name").
func (s *state) wideFixture(rec string) *wideFixture {
	if w, ok := s.wideFixtures[rec]; ok {
		return w
	}
	w := &wideFixture{idx: -1}
	if s.wideFixtures == nil {
		s.wideFixtures = map[string]*wideFixture{}
	}
	s.wideFixtures[rec] = w
	var ok bool
	if w.path, w.name, ok = fixtureRecord(rec); !ok {
		return w
	}
	w.plain = pytestOwn(w.path) && plainPytestFixtures[w.name]
	if w.mod, w.src = s.oldModule(w.path); w.mod == nil {
		return w
	}
	for _, f := range w.mod.Fixtures {
		if f.Name == w.name && f.Unit >= 0 && f.Unit < len(w.mod.Units) {
			w.idx = f.Unit
		}
	}
	if w.idx < 0 {
		return w
	}
	u := w.mod.Units[w.idx]
	w.files = s.mapFiles(w.path)
	w.ranBases, w.ranKnown = map[string]bool{}, len(w.files) > 0
	for _, f := range w.files {
		ran, _ := f.Range(u.BodyStart, u.End)
		w.ranKnown = w.ranKnown && len(ran) > 0
		for _, r := range ran {
			w.ranBases[pytestplugin.NodeBase(s.tests[r])] = true
		}
	}
	return w
}

// unit is the fixture's function; found is false when the project does
// not define it under that name.
func (w *wideFixture) unit() (u pysrc.Unit, found bool) {
	if w.idx < 0 {
		return pysrc.Unit{}, false
	}
	return w.mod.Units[w.idx], true
}

// tokens are the fixture's module's tokens; ok is false when it does not
// tokenize.
func (w *wideFixture) tokens() ([]pysrc.Token, bool) {
	if w.toks == nil {
		toks, err := pysrc.Tokenize(w.src)
		if err != nil {
			return nil, false
		}
		w.toks = toks
	}
	return w.toks, true
}

// fixtureMayRun reports whether code credited to test t's setup or
// teardown may have run inside t's wide fixture rec ("session:path::name").
// A fixture it cannot find, or never saw run, may have; so does the
// fixture whose own code (unit cu of path changed) changed.
func (s *state) fixtureMayRun(t covmap.TestID, rec, changed string, cu pysrc.Unit) bool {
	w := s.wideFixture(rec)
	if w.plain {
		return false // pytest's own (pytestconfig: `return request.config`) runs no project code
	}
	u, found := w.unit()
	if !found || len(w.files) == 0 || (w.path == changed && cu.Start >= u.Start && cu.End <= u.End) {
		return true // unknown, or the fixture's own code changed
	}
	if !s.reachesProject(w) {
		return false
	}
	// never seen to run: no proof it ran elsewhere
	return !w.ranKnown || w.ranBases[pytestplugin.NodeBase(s.tests[t])]
}

// fixtureParams are pytest's own fixtures that hand a fixture nothing of
// the project's: requesting one runs no project code.
var fixtureParams = map[string]bool{"monkeypatch": true, "tmp_path": true, "tmp_path_factory": true,
	"tmpdir": true, "tmpdir_factory": true, "capsys": true, "capfd": true, "caplog": true,
	"recwarn": true, "worker_id": true, "testrun_uid": true}

// dynamicLoaders are names through which a fixture could run project code
// that no name of its module shows.
var dynamicLoaders = []string{"importlib", "import_module", "__import__", "runpy", "pkgutil",
	"entry_points", "exec", "eval", "getfixturevalue", "request", "importorskip"}

// reachesProject reports whether the fixture's function can run
// project code: it requests a fixture other than pytest's plain ones,
// imports a project module in its body, uses a module-level name that is
// not imported from outside the project, or loads code dynamically. Only
// names it reads count; its locals and builtins run nothing of the
// project's.
func (s *state) reachesProject(w *wideFixture) bool {
	if w.reaches == nil {
		v := s.findsProject(w)
		w.reaches = &v
	}
	return *w.reaches
}

func (s *state) findsProject(w *wideFixture) bool {
	m, u := w.mod, w.mod.Units[w.idx]
	for _, n := range requested(w.src, u) {
		if !fixtureParams[n] {
			return true // another fixture's value (an app, a client): its methods
		}
	}
	g := s.graph()
	for _, im := range m.Imports {
		if im.InFunction && im.Line >= u.Start && im.Line <= u.End && (im.Level > 0 || len(g.absolute(strings.Split(im.Module, "."))) > 0) {
			return true
		}
	}
	inside := func(r int) bool {
		for ; r >= 0; r = m.Units[r].Parent {
			if r == w.idx {
				return true
			}
		}
		return false
	}
	for _, n := range dynamicLoaders {
		for _, oc := range m.Occurrences(n) { // bare or an attribute (pytest.importorskip)
			if oc.Line >= u.Start && oc.Line <= u.End {
				return true
			}
		}
	}
	if s.namesProjectModule(w) {
		return true // monkeypatch.setattr("pkg.mod.x", ...), mock.patch: imports it
	}
	for _, st := range m.Stmts() {
		if st.Scope != "" {
			continue
		}
		for _, n := range st.Binds {
			refs, _ := m.References(n)
			if !slices.ContainsFunc(refs, inside) {
				continue
			}
			if st.Kind != pysrc.StmtImport {
				return true // the module's own object: a project value
			}
			mod, ok := importedFrom(m, n, true)
			if !ok {
				if mod, ok = importedFrom(m, n, false); !ok {
					return true
				}
			}
			if mod == "" || len(g.absolute(strings.Split(mod, "."))) > 0 {
				return true
			}
		}
	}
	for _, v := range m.Units {
		if v.Parent < 0 && v.QualName != u.QualName {
			if refs, _ := m.References(v.Name); slices.ContainsFunc(refs, inside) {
				return true // a function or class of the module
			}
		}
	}
	return false
}

// plainPytestFixtures are wide fixtures of pytest and pytest-xdist that
// hand out pytest's objects and call no project code. Not the fixtures
// pytest makes for a unittest class's setUpClass or an xunit
// setup_module: those run the project's code, once for their scope.
var plainPytestFixtures = map[string]bool{"pytestconfig": true, "tmp_path_factory": true, "tmpdir_factory": true,
	"record_testsuite_property": true, "worker_id": true, "testrun_uid": true, "doctest_namespace": true}

// pytestOwn reports whether path p is a module of pytest itself or of
// pytest-xdist, installed.
func pytestOwn(p string) bool {
	p = strings.ReplaceAll(p, "\\", "/")
	for _, pkg := range []string{"/site-packages/_pytest/", "/site-packages/xdist/"} {
		if strings.Contains("/"+p, pkg) {
			return true
		}
	}
	return false
}

// fixtureRecord splits a map's wide-fixture record ("session:path::name").
func fixtureRecord(rec string) (path, name string, ok bool) {
	_, rest, _ := strings.Cut(rec, ":")
	i := strings.LastIndex(rest, "::")
	if i < 0 {
		return "", "", false
	}
	return rest[:i], rest[i+2:], true
}

// namesProjectModule reports whether a string in the fixture's function starts
// with the dotted name of a project module: a patch target or an import
// by name, which imports it.
func (s *state) namesProjectModule(w *wideFixture) bool {
	toks, ok := w.tokens()
	if !ok {
		return true
	}
	u, g := w.mod.Units[w.idx], s.graph()
	for _, ln := range logicalLines(toks, u.Start, u.End, func(int) bool { return true }) {
		for _, t := range ln {
			if t.Type != pysrc.String {
				continue
			}
			v := strings.Trim(strings.TrimLeft(t.Text, "rRbBuUfF"), `"'`)
			head, _, _ := strings.Cut(v, ".")
			if head != "" && !strings.ContainsAny(head, " /:") && len(g.absolute([]string{head})) > 0 {
				return true
			}
		}
	}
	return false
}

// logicalLines splits the tokens of lines lo..hi for which keep holds
// into logical lines, without layout tokens.
func logicalLines(toks []pysrc.Token, lo, hi int, keep func(int) bool) [][]pysrc.Token {
	var out [][]pysrc.Token
	var cur []pysrc.Token
	for _, t := range toks {
		if t.Line < lo || t.Line > hi || !keep(t.Line) {
			continue
		}
		switch t.Type {
		case pysrc.Newline:
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
		case pysrc.Name, pysrc.Number, pysrc.String, pysrc.Op:
			cur = append(cur, t)
		}
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// requested lists the parameters of fixture function u: the fixtures it
// requests (request included).
func requested(src []byte, u pysrc.Unit) []string {
	return slices.DeleteFunc(signatureNames(src, u), func(n string) bool { return n == u.Name || n == "def" || n == "async" })
}
