package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A decorator runs at import, so a changed decorator list is import-time
// code: in general it can raise (every importer breaks) or register the
// function somewhere no name shows. The decorators below do neither: the
// builtins and standard-library wrappers return a new object for the
// function and touch nothing else. Adding or removing one of them changes
// only what the function's name is bound to, which the name rules follow
// (its callers, its readers through the class), plus what the function
// does when it runs, which the tests that ran it show. Anything else, or a
// name the module rebinds (a project's own `cache`), stays an import-time
// change.

// wrapperHome maps a pure wrapper's name to the modules it may come from;
// "" is the builtins.
var wrapperHome = map[string][]string{
	"property": {""}, "staticmethod": {""}, "classmethod": {""},
	"cache": {"functools"}, "lru_cache": {"functools"}, "cached_property": {"functools"},
	"wraps": {"functools"}, "singledispatch": {"functools"}, "singledispatchmethod": {"functools"},
	"abstractmethod": {"abc"},
	"overload":       {"typing", "typing_extensions"}, "final": {"typing", "typing_extensions"},
	"override": {"typing", "typing_extensions"}, "no_type_check": {"typing"},
	"contextmanager": {"contextlib"}, "asynccontextmanager": {"contextlib"},
}

// accessors are a property's own decorators (`@x.setter`): removing one
// evaluates nothing new; adding one reads x, which may not be a property.
var accessors = map[string]bool{"setter": true, "getter": true, "deleter": true}

// wrappersOnly reports whether the decorators o (old) and n (new) of
// function u differ only by pure wrappers: removed ones resolved in old,
// added ones in cur (where an added one must be a bare reference, no call
// whose arguments could raise). classToo is set when the change can alter
// the class itself (abstractmethod decides whether it can be instantiated).
func wrappersOnly(o, n pysrc.Unit, old, cur *pysrc.Module) (ok bool, r rewrap) {
	removed, added := multisetDiff(o.Decorators, n.Decorators)
	r = rewrap{unit: o, overloads: true}
	for i, ds := range [][]string{removed, added} {
		m, u := old, o
		if i == 1 {
			m, u = cur, n
		}
		for _, d := range ds {
			w, ok := pureWrapper(m, u, d, i == 1)
			if !ok {
				return false, rewrap{}
			}
			r.classToo = r.classToo || w == "abstractmethod"
			r.overloads = r.overloads && w == "overload"
		}
	}
	return true, r
}

// pureWrapper resolves decorator d of unit u in module m and returns its
// wrapper name when it is one.
func pureWrapper(m *pysrc.Module, u pysrc.Unit, d string, added bool) (string, bool) {
	ref, _, called := strings.Cut(d, "(")
	if added && called {
		return "", false
	}
	parts := strings.Split(strings.TrimSpace(ref), ".")
	last := parts[len(parts)-1]
	switch {
	case len(parts) == 2 && accessors[last] && !added:
		return last, u.Parent >= 0 && definedIn(m, u.Parent, parts[0])
	case len(parts) > 2:
		return "", false
	}
	homes, ok := wrapperHome[last]
	if !ok {
		return "", false
	}
	if len(parts) == 1 {
		mod, ok := importedFrom(m, last, true)
		return last, ok && slices.Contains(homes, mod)
	}
	mod, ok := importedFrom(m, parts[0], false)
	return last, ok && mod != "" && slices.Contains(homes, mod)
}

// importedFrom names the module that module-level name n of m comes from:
// "" for a builtin nothing in m rebinds (no binding, no star import). from
// says whether n is taken from a module (`from functools import cache`)
// rather than being one (`import typing as t`). ok is false for a name
// bound any other way, or more than once.
func importedFrom(m *pysrc.Module, n string, from bool) (string, bool) {
	var binder *pysrc.Stmt
	stmts := m.Stmts()
	for i := range stmts {
		st := &stmts[i]
		if slices.Contains(st.Binds, "*") {
			return "", false
		}
		if slices.Contains(st.Binds, n) {
			if binder != nil || st.Kind != pysrc.StmtImport || st.Scope != "" {
				return "", false
			}
			binder = st
		}
	}
	for _, u := range m.Units {
		if u.Name == n {
			return "", false
		}
	}
	if binder == nil {
		return "", from // an unbound name is a builtin; a dotted root must be imported
	}
	for _, im := range m.Imports {
		if im.InFunction || im.Line < binder.Start || im.Line > binder.End || im.Level > 0 {
			continue
		}
		if from == (im.Names != nil) && (!from || slices.Contains(im.Names, n)) {
			return im.Module, true
		}
	}
	return "", false
}

// definedIn reports whether class units[parent] defines a function n.
func definedIn(m *pysrc.Module, parent int, n string) bool {
	for _, u := range m.Units {
		if u.Parent == parent && u.Name == n && u.Kind == pysrc.KindFunc {
			return true
		}
	}
	return false
}

// multisetDiff returns the entries of a missing from b and of b missing
// from a, counting repeats.
func multisetDiff(a, b []string) (onlyA, onlyB []string) { return minus(a, b), minus(b, a) }

// minus is a without one occurrence of each entry of b.
func minus(a, b []string) []string {
	left := map[string]int{}
	for _, x := range b {
		left[x]++
	}
	var out []string
	for _, x := range a {
		if left[x] > 0 {
			left[x]--
			continue
		}
		out = append(out, x)
	}
	return out
}

// rewrappedNames turns functions whose wrappers changed into rebound
// names or class attributes, as any other rebinding of their names.
func (s *state) rewrappedNames(p string, old, cur *pysrc.Module, curSrc []byte, rw []rewrap) (names []string, attrs []classAttr) {
	for _, r := range rw {
		u := r.unit
		// Its body is unchanged, so the body's lines that import ran are
		// the def's, or calls through its name, which the name rules
		// follow: the tests that ran the body are the ones that matter.
		s.offImport[p+"\x00"+u.QualName] = true
		if r.overloads && r.shadowed {
			// An overload stub is replaced by the next definition before
			// anything can read it: only typing.get_overloads sees it.
			s.note("%s: %s is an overload stub the next definition replaces", p, u.QualName)
			continue
		}
		if !r.signature {
			s.note("%s: only builtin or standard-library wrappers of %s changed: its name is rebound", p, u.QualName)
		}
		// A dunder is called by the protocol, not by its name: through
		// its class.
		r.classToo = r.classToo || (strings.HasPrefix(u.Name, "__") && strings.HasSuffix(u.Name, "__"))
		if u.Parent < 0 {
			names = append(names, u.Name)
			continue
		}
		class := old.Units[u.Parent].QualName
		if s.closedClass(p, cur, curSrc, class) && s.throughClass(p, class, u.Name) {
			attrs = append(attrs, classAttr{class: class, name: u.Name}) // see classattr.go
			if r.classToo {
				// what the protocol calls it from got hold of the class (or
				// a subclass, or an instance) by its name, as any reader of
				// a closed class's attribute did
				names = append(names, lastDotted(class))
			}
			continue
		}
		// The bare name reaches every reader; the class itself matters
		// only to what builds classes from their bodies (a metaclass, a
		// class decorator, an __init_subclass__), or for abstractmethod.
		names = append(names, u.Name)
		if r.classToo || !s.closedHierarchy(cur, curSrc, class) {
			names = append(names, lastDotted(class))
		}
	}
	return names, attrs
}

// allWrappers reports whether every decorator of u (added, or removed with
// it) is a pure wrapper other than abstractmethod, which changes its class.
func allWrappers(m *pysrc.Module, u pysrc.Unit, added bool) bool {
	for _, d := range u.Decorators {
		if w, ok := pureWrapper(m, u, d, added); !ok || w == "abstractmethod" {
			return false
		}
	}
	return true
}

// classWrapperHome maps a standard-library class decorator that returns
// the class it is handed, given methods or checked, and touches nothing
// else, to its modules. Removing one leaves the class without what it
// added: a new value under the class's name, which the name rules follow.
// Adding one can raise at import (total_ordering without an ordering
// method, unique over a repeated value): import-time code.
var classWrapperHome = map[string][]string{
	"total_ordering": {"functools"}, "dataclass": {"dataclasses"}, "unique": {"enum"},
	"final": {"typing", "typing_extensions"}, "runtime_checkable": {"typing", "typing_extensions"},
}

// classUnwrapped reports whether class o (old) became n only by losing
// such decorators: the same header, no decorator added.
func classUnwrapped(o, n pysrc.Unit, old *pysrc.Module, oldSrc, curSrc []byte) bool {
	removed, added := multisetDiff(o.Decorators, n.Decorators)
	oh, ok1 := classHeader(oldSrc, o)
	nh, ok2 := classHeader(curSrc, n)
	if len(added) > 0 || len(removed) == 0 || !ok1 || !ok2 || oh != nh {
		return false
	}
	for _, d := range removed {
		ref, _, _ := strings.Cut(d, "(")
		parts := strings.Split(strings.TrimSpace(ref), ".")
		homes, known := classWrapperHome[parts[len(parts)-1]]
		if !known {
			return false
		}
		var mod string
		var ok bool
		switch len(parts) {
		case 1:
			mod, ok = importedFrom(old, parts[0], true)
		case 2:
			mod, ok = importedFrom(old, parts[0], false)
		default:
			return false
		}
		if !ok || !slices.Contains(homes, mod) {
			return false
		}
	}
	return true
}

// classHeader is the text of u's class statement, from `class` to its
// colon, without layout.
func classHeader(src []byte, u pysrc.Unit) (string, bool) {
	lines := strings.Split(string(src), "\n")
	end := u.BodyStart - 1
	if end < u.DefLine {
		end = u.DefLine
	}
	if u.DefLine < 1 || end > len(lines) {
		return "", false
	}
	return strings.Join(strings.Fields(strings.Join(lines[u.DefLine-1:end], " ")), " "), true
}
