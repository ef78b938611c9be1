package selector

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/distinfo"
	"github.com/impacted/impacted/pkg/pysrc"
)

// pytestNames are module-level names pytest itself reads from test modules
// and conftest.py files: no Python code names them, so a change to one
// cannot be followed through the code.
var pytestNames = map[string]bool{"pytestmark": true, "pytest_plugins": true, "collect_ignore": true, "collect_ignore_glob": true, "*": true}

// changedNames lists the names a change to module- or class-level
// statements rebinds, and what an edit of the module's `__all__` changes
// for its star-importers (see exports.go); ok is false when some
// changed statement can do more than bind names (a call, a compound
// statement, an import of project code), which only an import-time rule can
// cover.
func (s *state) changedNames(p string, d *pysrc.Diff, old, cur *pysrc.Module, curSrc []byte) (names []string, attrs []classAttr, exports exportDiff, ok bool) {
	fail := func() ([]string, []classAttr, exportDiff, bool) { return nil, nil, exportDiff{}, false }
	exported := false
	sameImports := s.sameProjectImports(p, old, cur)
	_, oldSrc := s.oldModule(p)
	seen := map[string]bool{}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			names = append(names, n)
		}
	}
	// bind records what statement st's new binding of binds reaches, or
	// reports false when it is more than names
	bind := func(st *pysrc.Stmt, binds []string) bool {
		closed := st.Scope != "" && st.Kind != pysrc.StmtImport && s.closedClass(p, cur, curSrc, st.Scope)
		for _, b := range binds {
			if st.Kind == pysrc.StmtImport && st.Scope == "" && sameImport(old, cur, oldSrc, curSrc, b) {
				continue // the same object under the same name
			}
			if closed && s.throughClass(p, st.Scope, b) {
				attrs = append(attrs, classAttr{class: st.Scope, name: b}) // see classattr.go
				continue
			}
			if pytestNames[b] || strings.HasPrefix(b, "pytest_") {
				return false
			}
			exported = exported || b == "__all__" && st.Scope == ""
			add(b)
		}
		if !closed && st.Scope != "" && processesBody(cur, curSrc, st.Scope) && !s.closedHierarchy(cur, curSrc, st.Scope) {
			add(lastDotted(st.Scope)) // a decorator, base or metaclass builds the class from its body
		}
		return true // a closed class's body is read through its name, which attrs follow
	}
	wholeClasses := [][]string{classesOf(d.Removed, old), classesOf(d.Added, cur)}
	for _, sc := range d.Statements {
		if sc.Old != nil && sc.New != nil && sc.Old.Scope == sc.New.Scope && !typeChecking(cur, sc.New) {
			types, ok := pysrc.AnnotationOnly(old, sc.Old, cur, sc.New)
			if ok && (lazyAnnotations(old) && lazyAnnotations(cur) || safeAnnotation(cur, sc.New, types)) {
				// the same value under the same name: only __annotations__
				s.note("%s:%d: only the annotation changed, which evaluates safely: __annotations__", p, sc.New.Start)
				if !bind(sc.New, []string{"__annotations__"}) {
					return fail()
				}
				continue
			}
		}
		if sc.Old != nil && sc.New != nil && !sc.Old.Pure && s.unrunBlock(p, old, cur, sc.Old, sc.New, oldSrc, curSrc) {
			s.note("%s:%d: the edit lies in a branch no line of which ran while the map was built: nothing", p, sc.New.Start)
			continue
		}
		for i, st := range []*pysrc.Stmt{sc.Old, sc.New} {
			if st == nil || typeChecking([]*pysrc.Module{old, cur}[i], st) {
				continue // never runs: it binds nothing, whatever it says
			}
			if futureAnnotations([]*pysrc.Module{old, cur}[i], st) && !cur.Annotated() {
				continue // it decides how annotations compile, and none is left
			}
			if st.Pure && inClasses(st.Scope, wholeClasses[i]) {
				continue // an attribute of a class removed or added whole: reached through the class's name
			}
			if !st.Pure || (st.Kind == pysrc.StmtImport && !sameImports) {
				return fail()
			}
			if st == sc.New && st.Kind == pysrc.StmtImport && !s.importable(p, cur, st) {
				return fail() // the module now fails to import: every importer breaks
			}
			if st == sc.New {
				if n := unboundRead(cur, st, lazyAnnotations(cur)); n != "" {
					s.note("%s:%d reads %s, which nothing binds before it: importing it may fail", p, st.Start, n)
					return fail()
				}
			}
			if st == sc.New && !lazyAnnotations(cur) && !annotationEvaluates(old, sc.Old, cur, st) {
				s.note("%s:%d: a new annotation that evaluating may fail (annotonly.go): importing it may fail", p, st.Start)
				return fail()
			}
			if !bind(st, st.Binds) {
				return fail()
			}
		}
	}
	if exported {
		if exports, ok = exportChange(old, cur); !ok {
			return fail()
		}
	}
	return names, attrs, exports, true
}

func lastDotted(q string) string {
	if i := strings.LastIndexByte(q, '.'); i >= 0 {
		return q[i+1:]
	}
	return q
}

// unbound lists the names old binds at module or class level that cur no
// longer binds: code still naming them fails.
func unbound(old, cur *pysrc.Module) []string {
	bound := scopeBindings(cur)
	var out []string
	for n := range scopeBindings(old) {
		if !bound[n] {
			out = append(out, n)
		}
	}
	slices.Sort(out)
	return out
}

// scopeBindings is every name a module binds at module or class level
// when it runs: what only type checkers see is not bound.
func scopeBindings(m *pysrc.Module) map[string]bool {
	out := map[string]bool{}
	var unseen []pysrc.Stmt
	for _, st := range m.Stmts() {
		if typeChecking(m, &st) {
			unseen = append(unseen, st)
			continue
		}
		for _, b := range st.Binds {
			out[b] = true
		}
	}
	for _, u := range m.Units {
		if !slices.ContainsFunc(unseen, func(st pysrc.Stmt) bool { return u.Start >= st.Start && u.End <= st.End }) {
			out[u.Name] = true
		}
	}
	return out
}

// typeChecking reports whether st is an `if TYPE_CHECKING:` block (no
// else) on typing's own constant, or on the module's own `TYPE_CHECKING =
// False` above it, which is false when code runs: its body is for type
// checkers only.
func typeChecking(m *pysrc.Module, st *pysrc.Stmt) bool {
	root, last, dotted := strings.Cut(st.Guard, ".")
	if !dotted {
		root, last = "", st.Guard
	}
	if last != "TYPE_CHECKING" || strings.Contains(last, ".") {
		return false
	}
	if !dotted {
		if at := m.FalseConstant(last); at > 0 && at < st.Start {
			return true // `TYPE_CHECKING = False` above it: the module's own constant
		}
	}
	var mod string
	var ok bool
	if dotted {
		mod, ok = importedFrom(m, root, false)
	} else {
		mod, ok = importedFrom(m, last, true)
	}
	return ok && (mod == "typing" || mod == "typing_extensions")
}

// sameProjectImports reports whether both versions of p import the same
// project modules at import time, apart from modules that importing p's
// packages loads first anyway (structlog/twisted.py dropping `from
// .typing import EventDict`, which structlog/__init__.py imports). Then an
// edited import statement only rebinds names; otherwise a module's
// import-time code now runs, or no longer runs (a plugin that registered
// itself), which no name stands for.
func (s *state) sameProjectImports(p string, old, cur *pysrc.Module) bool {
	set := func(m *pysrc.Module) map[string]bool {
		out := map[string]bool{}
		for _, q := range s.graph().imports(p, &pysrc.Module{Imports: topImports(m)}) {
			out[q] = true
		}
		return out
	}
	a, b := set(old), set(cur)
	var before map[string]bool
	for i, pair := range [][2]map[string]bool{{a, b}, {b, a}} {
		for q := range pair[0] {
			if pair[1][q] {
				continue
			}
			if before == nil {
				before = s.graph().loadedBefore(p)
			}
			v, w := old, cur
			if i == 1 {
				v, w = cur, old
			}
			if !before[q] && !s.loadedEarlier(p, q, v, w) {
				return false
			}
		}
	}
	return true
}

// loadedEarlier reports whether module q, which only version v of p
// imports at import time (w is the other), is loaded anyway, in both
// versions, by an import statement of p above v's import of it that w
// holds too (sqlparse/engine/__init__.py's `from
// sqlparse.engine.statement_splitter import StatementSplitter`, which
// the filter_stack import above it loads): then v's statement finds q in
// sys.modules and only binds names. Not when q's own imports reach p
// (but through p's packages, whose imports are running already: a cycle,
// where q would find p half loaded), nor when the change touched a module
// on the way (the tree shows only its new imports).
func (s *state) loadedEarlier(p, q string, v, w *pysrc.Module) bool {
	g := s.graph()
	loads := func(im pysrc.Import) []string { return g.imports(p, &pysrc.Module{Imports: []pysrc.Import{im}}) }
	top, other := topImports(v), topImports(w)
	at := 0
	for _, im := range top {
		if slices.Contains(loads(im), q) {
			at = im.Line
			break
		}
	}
	var starts []string
	for _, im := range top {
		if im.Line < at && slices.ContainsFunc(other, func(o pysrc.Import) bool {
			return o.Module == im.Module && o.Level == im.Level && slices.Equal(o.Names, im.Names)
		}) {
			starts = append(starts, loads(im)...)
		}
	}
	loaded := g.loadedFrom(map[string]bool{p: true}, starts)
	if !loaded[q] {
		return false
	}
	for r := range loaded {
		if s.changed[r] {
			return false
		}
	}
	skip := map[string]bool{}
	for r := g.parentInit(p); r != ""; r = g.parentInit(r) {
		skip[r] = r != q // p's packages are being imported already
	}
	_, cycle := g.loadedFrom(skip, []string{q})[p]
	return !cycle
}

// propagate follows the changed names of module p through the code that
// can see them: p itself, the modules importing p directly or transitively
// (`from p import X`, `p.X`, re-exports), and modules that load modules by
// name (getattr with a string). A function that names one changed; a pure
// statement that names one rebinds its own names in its module, which are
// followed in turn; any other statement, a decorator, or a use of a name
// that no longer exists changes its module at import time.
func (s *state) propagate(p string, names, removed []string) {
	gone := map[string]bool{}
	var queue []binding
	for _, n := range names {
		queue = append(queue, binding{p, n, s.classOnly(p, n), ""})
	}
	for _, n := range removed {
		gone[n] = true
		queue = append(queue, binding{p, n, s.classOnly(p, n), ""})
	}
	s.follow(p, queue, gone)
}

// propagateDoc follows a changed docstring of function owner of module p:
// what reads __doc__, except reads of another definition's by its name.
func (s *state) propagateDoc(p, owner string) {
	s.follow(p, []binding{{p, "__doc__", nil, owner}}, nil)
}

// binding is a name of a module whose value changed.
type binding struct {
	module, name string
	classes      []string // the name is bound only in these classes of module
	owner        string   // for __doc__: the function whose docstring changed
}

// follow applies the name rules to queue and to the names they rebind in
// turn; gone lists the names module p no longer binds.
func (s *state) follow(p string, queue []binding, gone map[string]bool) {
	g := s.graph()
	for len(queue) > 0 && s.fallback == "" && !s.full() {
		b := queue[0]
		queue = queue[1:]
		key := b.module + "\x00" + b.name + "\x00" + strings.Join(b.classes, ",") + "\x00" + b.owner
		if s.propagated[key] {
			continue
		}
		s.propagated[key] = true
		for _, q := range g.visible(b.module) {
			m := g.mods[q]
			if m == nil || !m.Names()[b.name] {
				continue
			}
			seesBare := -1 // whether q's bare b.name is b: decided once, if asked
			bare := func(oc pysrc.Occurrence) bool {
				if oc.ModulePath {
					return false // `from io import StringIO` imports a module, whatever q binds to io
				}
				if s.inLazyTable(q, m, oc, b.module) {
					return false // an entry of a lazy table: lazyServed follows what reads the attribute it serves
				}
				if b.owner != "" && oc.Of != "" && oc.Of != b.owner && otherDefinition(m, oc.Of, b.owner) {
					return false // `_batched.__doc__`: another function's docstring
				}
				if b.name == "__doc__" && oc.Store {
					return false // `method.__doc__ = f"..."` replaces a docstring, reading none
				}
				if oc.Bare && !oc.String && s.isLocal(m, oc, b.name) && !s.importsName(q, m, b.name, b.module) && !s.foundByName(b.module, b.name) {
					// the function's own local of that name (`from typing
					// import TypedDict` in a PEP 562 __getattr__), unless
					// q imports b's binding (a local import may be it)
					return false
				}
				switch {
				case !oc.Bare && !oc.TypeArg && !exportEntry(m, oc, b.name):
					return true // an attribute, a string: any module's binding
				// a forward reference (`Union[str, "Text"]`) names q's own
				// binding, as a bare name does
				case b.classes != nil:
					return q == b.module && inClassScope(m, oc, b.classes)
				case seesBare < 0:
					seesBare = 0
					if q == b.module || s.importsName(q, m, b.name, b.module) || s.foundByName(b.module, b.name) {
						seesBare = 1
					}
				}
				return seesBare == 1
			}
			for _, n := range s.uses(q, m, b.name, b.module == p && gone[b.name], bare) {
				queue = append(queue, binding{q, n, nil, ""})
			}
		}
	}
}

// exportEntry reports whether oc is an entry of m's literal `__all__`
// naming a module-level binding of m itself: `from m import *` and
// `getattr(m, name)` read m's own global, so the string names what a bare
// name in m does (structlog.types re-exporting EventDict from
// structlog.typing does not read another module's EventDict).
func exportEntry(m *pysrc.Module, oc pysrc.Occurrence, name string) bool {
	if oc.Where != pysrc.InStatement || !slices.Contains(m.Stmts()[oc.Stmt].Binds, "__all__") {
		return false
	}
	names, ok := m.ExportList()
	return ok && slices.Contains(names, name) && boundAtTop(m, name)
}

// classOnly returns the classes of module p that bind name n when no
// module-level code of p does, in the map's version or the current one.
// A class attribute or method is read bare only by its own class body
// (its statements, its methods' decorators and defaults); everywhere else
// it is `obj.n` or a string, and a bare n is something else.
func (s *state) classOnly(p, n string) []string {
	var out []string
	old, _ := s.oldModule(p)
	for _, m := range []*pysrc.Module{old, s.graph().mods[p]} {
		if m == nil {
			continue
		}
		for _, sc := range bindingScopes(m, n) {
			if sc == "" {
				return nil
			}
			if !slices.Contains(out, sc) {
				out = append(out, sc)
			}
		}
	}
	return out
}

// inClassScope reports whether oc sits where one of classes' own scope
// resolves a bare name: a statement of its body, or the decorators and
// signature of a unit defined directly in it.
func inClassScope(m *pysrc.Module, oc pysrc.Occurrence, classes []string) bool {
	if oc.Where == pysrc.InStatement {
		return slices.Contains(classes, m.Stmts()[oc.Stmt].Scope)
	}
	if oc.Unit < 0 || oc.Where == pysrc.InBody {
		return false
	}
	u := m.Units[oc.Unit]
	return u.Parent >= 0 && slices.Contains(classes, m.Units[u.Parent].QualName)
}

// uses applies the rules to module q's uses of name, and returns the
// names that change with it.
func (s *state) uses(q string, m *pysrc.Module, name string, gone bool, bare func(pysrc.Occurrence) bool) []string {
	var more []string
	stmts := m.Stmts()
	for _, oc := range m.Occurrences(name) {
		if !bare(oc) {
			continue // another binding of the name, or a builtin: not the changed one
		}
		switch {
		case oc.TypeArg && oc.Where != pysrc.InSignature && s.annotationValueReaders() == "":
			// `RenderResult = Iterable[Union["Segment", ...]]`: a forward
			// reference, a string until code evaluates it (none does)
			s.note("%s:%d: %s is a forward reference, whose value no code reads", q, oc.Line, name)
		case oc.Where == pysrc.InStatement && oc.CastType && !gone && typingCast(m):
			// `X = cast(type[Context], dict)`: the call returns dict, and
			// the type it is handed is read for nothing
			s.note("%s:%d: %s is the type of a typing.cast, which reads nothing of it", q, oc.Line, name)
		case oc.Where == pysrc.InBody && oc.LocalAnnotation:
			// `meths: dict[str, Callable] = {}` in a function: Python
			// never evaluates a local variable's annotation
		case oc.Where == pysrc.InStatement && oc.VarAnnotation && lazyAnnotations(m) && s.plainScope(q, m, stmts[oc.Stmt].Scope) && s.annotationValueReaders() == "":
			// `X: Sequence[P] = [...]` at module level or in a plain class:
			// its annotation is a string only a reader of __annotations__
			// sees (a dataclass or a model's base would read it)
			s.note("%s:%d: %s is used in a lazy annotation, which no code reads", q, oc.Line, name)
		case oc.Where == pysrc.InStatement && oc.VarAnnotation && !gone && s.plainScope(q, m, stmts[oc.Stmt].Scope) && safelyAnnotated(m, &stmts[oc.Stmt]) && s.annotationValueReaders() == "":
			// `highlights: ClassVar[Sequence[str]] = [...]`: evaluating
			// the annotation cannot fail (annotonly.go), and no code reads
			// the value it stores in __annotations__
			s.note("%s:%d: %s is used in an annotation that evaluates safely, which no code reads", q, oc.Line, name)
		case oc.Where == pysrc.InStatement && typeChecking(m, &stmts[oc.Stmt]):
			// `if TYPE_CHECKING: from p import X`: only type checkers read it
		case oc.Where == pysrc.InStatement && onlyBinds(m, stmts, oc.Stmt, name):
			// `message_all = "..."` in another class: a new binding of
			// the name, which reads nothing
		case oc.Where == pysrc.InStatement && inMainBlock(m, s.graph().src[q], oc.Line):
			// `if __name__ == "__main__":` runs only when q runs as a
			// program (marshmallow's orderedset.py demo)
			s.runAsProgram(q, oc.Line)
		case oc.Where == pysrc.InStatement && !s.changed[q] && s.lineNeverRan(q, s.logicalStart(m, oc.Line), oc.Line):
			// `if TYPE_CHECKING or os.getenv("SPHINX_BUILD"):` with its
			// imports: the map saw the module run, never this line (at
			// import or in a test that loaded it lazily), and neither it
			// nor what decides whether it runs changed
			s.note("%s:%d: uses %s on a line that never ran while the map was built: nothing", q, oc.Line, name)
		case oc.Where == pysrc.InStatement:
			st := stmts[oc.Stmt]
			if gone || !st.Pure || (isConftest(q) && st.Kind != pysrc.StmtImport) {
				s.note("%s:%d: module code uses %s", q, oc.Line, name)
				s.structural(q)
				continue
			}
			if st.Kind == pysrc.StmtImport {
				// `from m import A, B as C` changes only what names the changed one
				more = append(more, importedAs(s.graph().src[q], st, name))
				continue
			}
			more = append(more, st.Binds...)
			if st.Scope != "" && processesBody(m, s.graph().src[q], st.Scope) {
				more = append(more, lastDotted(st.Scope))
			}
		case oc.Where == pysrc.InSignature && oc.Annotation && lazyAnnotations(m) && shadowed(m, m.Units[oc.Unit]):
			// an overload stub's annotation: a string nothing evaluates at
			// import, gone once its implementation replaces the stub
		case oc.Where == pysrc.InSignature && oc.Annotation && (lazyAnnotations(m) || oc.String) && allWrappers(m, m.Units[oc.Unit], false) && s.annotationValueReaders() == "":
			// a string no call evaluates, no decorator but pure wrappers
			// sees, and no code of the project evaluates: its text is as
			// it was, whatever the name now holds (lazy, or quoted as
			// rich's `segment: "Segment"`)
			s.note("%s: %s uses %s in a lazy or quoted annotation, whose value no code reads", q, m.Units[oc.Unit].QualName, name)
		case gone && oc.Where == pysrc.InSignature && m.Units[oc.Unit].Kind == pysrc.KindClass:
			// a base or a class keyword runs when the module does
			// (markupsafe's `class EscapeFormatter(string.Formatter)` once
			// `import string` is gone): importing it fails. (A function's
			// signature holds parameter names too, which read nothing.)
			s.note("%s:%d: %s, no longer bound, is read when the module runs: importing it fails", q, oc.Line, name)
			s.structural(q)
		case oc.Where == pysrc.InDecorator:
			u := m.Units[oc.Unit]
			if s.in.Rules.IsTestFile(q) && isTestFunc(m, u) {
				s.bases[testBase(q, m, u)] = true // parametrize: the ids may change
				continue
			}
			if f, ok := s.followedFixture(q, m, oc.Unit); ok {
				// `@pytest.fixture(params=[_run, ...])`: what it hands
				// changes for the tests requesting it (fixturedefs.go)
				s.note("%s:%d: decorator of fixture %s uses %s", q, oc.Line, u.QualName, name)
				s.fixtureDefs(q, []fixtureDef{f})
				continue
			}
			s.note("%s:%d: decorator of %s uses %s", q, oc.Line, u.QualName, name)
			s.structural(q)
		case m.Units[oc.Unit].Kind == pysrc.KindClass:
			more = append(more, m.Units[oc.Unit].Name) // a base class or metaclass
			if s.in.Rules.IsTestFile(q) && !isConftest(q) {
				// a test class's base (a mixin): the tests pytest collects
				// from it may have changed, new ones among them
				s.note("%s: class %s is based on %s: the file's tests", q, m.Units[oc.Unit].QualName, name)
				s.files[q] = true
			}
		case oc.Where == pysrc.InSignature && s.readsSignature(q, m, m.Units[oc.Unit]):
			// a type alias of a typer command's parameter: its --help
			// reads the signature without running the body
			s.usedIn(q, m.Units[oc.Unit], name)
			more = append(more, s.signatureUse(q, m, m.Units[oc.Unit], name)...)
		default:
			if oc.Where == pysrc.InBody {
				s.useLine = s.oldLineOf(q, oc.Line, s.graph().src[q])
				s.offUse = s.useOffImport(q, s.useLine)
			}
			s.usedIn(q, m.Units[oc.Unit], name)
		}
	}
	return more
}

// usedIn: the function u of q uses a changed name, so it behaves as if its
// body changed; the map's line numbers are on the old side.
func (s *state) usedIn(q string, u pysrc.Unit, name string) {
	off, line := s.offUse, s.useLine // for this use only: what it reaches in turn is judged afresh
	s.offUse, s.useLine = false, 0
	oldMod, oldSrc := s.oldModule(q)
	if oldMod == nil && s.changed[q] { // a file the change added: the map never ran it
		if s.in.Rules.IsTestFile(q) && !isConftest(q) {
			s.files[q] = true
		}
		return
	}
	if oldMod == nil {
		s.structural(q)
		return
	}
	for _, o := range oldMod.Units {
		if o.QualName == u.QualName {
			if s.valueOnly && stub(oldSrc, o) {
				return // it runs nothing, and its annotations are still bound
			}
			if key := q + "\x00" + o.QualName; !s.usedDone[key] {
				s.usedDone[key] = true
				s.note("%s: %s uses %s", q, u.QualName, name)
			}
			if line == editedLine { // the edit rule's (settleUses)
				s.pending = append(s.pending, pendingUse{q, o, off})
				return
			}
			s.usingOnly, s.useAt = true, line
			s.bodyRule(q, oldMod, oldSrc, o, off)
			return
		}
	}
	// a function the change added: nothing of the map ran it. A new test
	// runs as new tests do (newTests selected it); anything else a test
	// file gains (a helper, a fixture) is the file's.
	if s.in.Rules.IsTestFile(q) && !isConftest(q) {
		if m := s.graph().mods[q]; m != nil && isTestFunc(m, u) {
			s.bases[testBase(q, m, u)] = true
			return
		}
		s.files[q] = true
	}
}

// oldModule parses q as the map saw it: its base version when the change
// touched it, else the working tree's.
func (s *state) oldModule(q string) (*pysrc.Module, []byte) {
	if e, ok := s.olds[q]; ok {
		return e.mod, e.src
	}
	src, ok := s.in.Source.Old(q)
	if !ok && !s.changed[q] {
		var err error
		src, err = s.in.Source.New(q) // unchanged: both sides are the same
		ok = err == nil
	}
	var mod *pysrc.Module
	if ok {
		mod, _ = pysrc.Parse(src)
	}
	s.olds[q] = parsedSource{mod, src}
	return mod, src
}

type parsedSource struct {
	mod *pysrc.Module
	src []byte
}

// importedAs returns the name an import statement binds for name: its
// alias in `name as alias`, else name itself.
func importedAs(src []byte, st pysrc.Stmt, name string) string {
	lines := bytes.Split(src, []byte("\n"))
	if st.Start < 1 || st.End > len(lines) {
		return name
	}
	text := bytes.Join(lines[st.Start-1:st.End], []byte(" "))
	re := regexp.MustCompile(`(?:^|[\s,(.])` + regexp.QuoteMeta(name) + `\s+as\s+([A-Za-z_]\w*)`)
	if m := re.FindSubmatch(text); m != nil {
		return string(m[1])
	}
	return name
}

// typingCast reports whether m's `cast` and `typing.cast` are typing's:
// it imports cast from typing (or typing itself) and defines no cast.
func typingCast(m *pysrc.Module) bool {
	for _, u := range m.Units {
		if u.Name == "cast" {
			return false
		}
	}
	for _, im := range m.Imports {
		if !im.InFunction && im.Level == 0 && (im.Module == "typing" || im.Module == "typing_extensions") && (im.Names == nil || slices.Contains(im.Names, "cast")) {
			return true
		}
	}
	return false
}

// plainScope reports whether scope of module q is the module or a class
// nothing builds from its body (see processesBody).
func (s *state) plainScope(q string, m *pysrc.Module, scope string) bool {
	return scope == "" || !processesBody(m, s.graph().src[q], scope) || s.closedHierarchy(m, s.graph().src[q], scope)
}

// processesBody reports whether the class named q has decorators or bases:
// a dataclass, an Enum, a NamedTuple, a model class or an
// __init_subclass__ hook turns class attributes into behaviour the
// attribute's name does not show (an __init__ signature, members). A plain
// class's attributes are only read by name.
func processesBody(m *pysrc.Module, src []byte, q string) bool {
	for _, u := range m.Units {
		if u.QualName != q {
			continue
		}
		if len(u.Decorators) > 0 {
			return true
		}
		lines := bytes.Split(src, []byte("\n"))
		if u.DefLine < 1 || u.DefLine > len(lines) {
			return true
		}
		return !plainClass.Match(lines[u.DefLine-1])
	}
	return true
}

var plainClass = regexp.MustCompile(`^\s*class\s+\w+\s*(\(\s*(object)?\s*\))?\s*:`)

// importable reports whether every name a from-import statement takes from
// a project module is bound there (or may be: a star import, a module
// __getattr__, a submodule). A name that is not makes the importing
// module fail at import, which no name stands for.
func (s *state) importable(p string, m *pysrc.Module, st *pysrc.Stmt) bool {
	g := s.graph()
	for _, im := range m.Imports {
		if im.InFunction || im.Line < st.Start || im.Line > st.End || len(im.Names) == 0 {
			continue
		}
		targets := g.target(p, im)
		if len(targets) == 0 {
			continue // not the project's: nothing to check
		}
		for _, n := range im.Names {
			if n != "*" && !slices.ContainsFunc(targets, func(t string) bool { return g.binds(t, n) }) {
				return false
			}
		}
	}
	return true
}

// onlyBinds reports whether statement i of m is a pure, non-import
// statement whose one occurrence of name is the name it binds: it
// shadows the name and reads nothing of it.
func onlyBinds(m *pysrc.Module, stmts []pysrc.Stmt, i int, name string) bool {
	st := stmts[i]
	if !st.Pure || st.Kind == pysrc.StmtImport || !slices.Contains(st.Binds, name) {
		return false
	}
	n := 0
	for _, oc := range m.Occurrences(name) {
		// a string of a pure statement is data (`_T = TypeVar("_T")`):
		// nothing in it can look a name up by it
		if oc.Where == pysrc.InStatement && oc.Stmt == i && !oc.String {
			n++
		}
	}
	return n == 1
}

// importsName reports whether module q (m) imports name (or everything)
// from a project module that may hand it module from's binding: only then
// can its bare name be from's. `from __future__ import annotations` or
// `from os import sep` binds the standard library's, a distribution's,
// never the project's; `from pkg.exc import Error` binds exc's own class,
// not the re-export that pkg/__init__.py dropped (a module handing on
// from's binding is followed through its own import statement).
func (s *state) importsName(q string, m *pysrc.Module, name, from string) bool {
	g := s.graph()
	for _, im := range m.Imports {
		if !slices.Contains(im.Names, name) && !slices.Contains(im.Names, "*") {
			continue
		}
		if len(g.imports(q, &pysrc.Module{Imports: []pysrc.Import{im}})) == 0 {
			continue
		}
		targets := g.target(q, im)
		if slices.Contains(im.Names, "*") || len(targets) == 0 || slices.Contains(targets, from) {
			return true
		}
		for _, t := range targets {
			if !g.ownsName(t, name) {
				return true
			}
		}
	}
	return false
}

// ownsName reports whether module t binds name itself, at module level,
// with a definition or a plain statement: no import binds it and no star
// import or unparsable source can rebind it, so importing name from t
// gets t's own object.
func (g *graph) ownsName(t, name string) bool {
	m := g.mods[t]
	if m == nil {
		return false
	}
	for _, im := range m.Imports {
		if !im.InFunction && (slices.Contains(im.Names, "*") || slices.Contains(im.Names, name)) {
			return false
		}
	}
	own := false
	for _, st := range m.Stmts() {
		if st.Scope != "" || !slices.Contains(st.Binds, name) {
			continue
		}
		if st.Kind == pysrc.StmtImport || st.Kind == pysrc.StmtOther {
			return false // an import, or a compound statement that may import it in a branch
		}
		own = true
	}
	for _, u := range m.Units {
		own = own || u.Parent < 0 && u.Name == name
	}
	return own
}

// foundByName reports whether pytest, not an import, connects name of
// module p to the code using it: a fixture (a test's parameter names it),
// a hook, anything a conftest.py or test module defines.
func (s *state) foundByName(p, name string) bool {
	if strings.HasPrefix(name, "pytest_") {
		return true
	}
	if isConftest(p) || s.in.Rules.IsTestFile(p) {
		return !s.onlyModuleImport(p, name)
	}
	m, _ := s.oldModule(p)
	if m == nil {
		return true
	}
	for _, f := range m.Fixtures {
		if f.Name == name || m.Units[f.Unit].Name == name {
			return true
		}
	}
	return false
}

// onlyModuleImport reports whether test module p binds name, in the map's
// version and the current one, only by `import x` (or `import x as name`),
// a module object, or by a from-import of the standard library (filelock's
// `from threading import Thread`): neither is a fixture or a hook, so
// pytest does not connect it by name (a new `import os` in a test module is
// not every module's os).
func (s *state) onlyModuleImport(p, name string) bool {
	old, _ := s.oldModule(p)
	found := false
	for _, m := range []*pysrc.Module{old, s.graph().mods[p]} {
		if m == nil {
			continue
		}
		for _, st := range m.Stmts() {
			if !slices.Contains(st.Binds, name) {
				continue
			}
			if st.Scope != "" || st.Kind != pysrc.StmtImport || !noFixtureImports(m, st, name) {
				return false
			}
			found = true
		}
		for _, u := range m.Units {
			if u.Name == name {
				return false
			}
		}
	}
	return found
}

// noFixtureImports reports whether import statement st (a block of
// imports, perhaps) binds name in a way that brings in no fixture: `import
// name` (a module object), or a from-import of the standard library,
// which defines none, listing name. An alias (`as name`), which the import
// records do not hold, counts as any other binding.
func noFixtureImports(m *pysrc.Module, st pysrc.Stmt, name string) bool {
	found := false
	for _, im := range m.Imports {
		if im.Line < st.Start || im.Line > st.End {
			continue
		}
		if im.InFunction {
			return false
		}
		top, _, _ := strings.Cut(im.Module, ".")
		switch {
		case im.Names == nil:
			found = found || top == name // `import os`; `import x as name` is unread here
		case !slices.Contains(im.Names, name) && !slices.Contains(im.Names, "*"):
		case im.Level > 0 || !distinfo.Stdlib(top):
			return false
		default:
			found = true
		}
	}
	return found
}

// futureAnnotations reports whether st is `from __future__ import
// annotations` and nothing else.
func futureAnnotations(m *pysrc.Module, st *pysrc.Stmt) bool {
	found := false
	for _, im := range m.Imports {
		if im.Line < st.Start || im.Line > st.End {
			continue
		}
		if im.Module != "__future__" || !slices.Equal(im.Names, []string{"annotations"}) {
			return false
		}
		found = true
	}
	return found
}

// otherDefinition reports whether n names, in module m, something other
// than owner: m binds n at module level (a def, a class, an assignment)
// and no module-level statement of m names owner, so n cannot be bound to
// it there (`batched.__doc__ = _batched.__doc__` reads and writes other
// functions' docstrings).
func otherDefinition(m *pysrc.Module, n, owner string) bool {
	if !scopeBindings(m)[n] {
		return false
	}
	for _, oc := range m.Occurrences(owner) {
		if oc.Where == pysrc.InStatement && oc.Bare {
			return false
		}
	}
	return true
}

// localKey names a function of a parsed module and a name read in it.
type localKey struct {
	m    *pysrc.Module
	unit int
	name string
}

// isLocal reports whether the bare name at oc, in a function's body, is
// a local of that function (pysrc.Module.LocalName), which no module's
// binding of the name reaches.
func (s *state) isLocal(m *pysrc.Module, oc pysrc.Occurrence, name string) bool {
	if oc.Where != pysrc.InBody || oc.Unit < 0 || m.Units[oc.Unit].Kind != pysrc.KindFunc {
		return false
	}
	k := localKey{m, oc.Unit, name}
	v, ok := s.localNames[k]
	if !ok {
		v = m.LocalName(oc.Unit, name)
		s.localNames[k] = v
	}
	return v
}
