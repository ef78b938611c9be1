package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// bodyUnits returns the old-side units whose bodies (or plain signatures)
// the change touched, the names that added or removed definitions
// rebind, the functions a change of pure wrappers rebinds (see
// decorators.go), and the classes it adds, whose bases the caller must
// still check (see inertClassBody); why says what only an import-time
// rule can cover (a decorator, which runs at import; a class header; a
// definition whose creation runs code).
//
// With fx, a fixture definition added, removed or re-decorated (see
// fixturedefs.go) is appended to it instead of counting as import-time.
func bodyUnits(d *pysrc.Diff, old, cur *pysrc.Module, oldSrc, curSrc []byte, fx *[]fixtureDef) (units []pysrc.Unit, names []string, rewrapped []rewrap, classes []string, why string) {
	oldBy, newBy := byQual(old), byQual(cur)
	for _, q := range d.ChangedHeaders {
		o, n := oldBy[q], newBy[q]
		if o.Kind == pysrc.KindClass {
			if !classUnwrapped(o, n, old, oldSrc, curSrc) {
				return nil, nil, nil, nil, "decorator or class header changed: " + q
			}
			names = append(names, definitionNames(q)...)
			continue
		}
		if !slices.Equal(o.Decorators, n.Decorators) && changedFixture(fx, old, cur, q) {
			units = append(units, o)
			continue
		}
		if !slices.Equal(o.Decorators, n.Decorators) {
			ok, r := wrappersOnly(o, n, old, cur)
			if !ok {
				return nil, nil, nil, nil, "decorator or class header changed: " + q
			}
			r.shadowed = shadowed(cur, n)
			rewrapped = append(rewrapped, r)
		} else if slices.Contains(d.AnnotationsOnly, q) && lazyAnnotations(old) && lazyAnnotations(cur) && allWrappers(old, o, false) {
			// Annotations that are strings never run at import: only
			// what reads the function's __annotations__ sees them, and
			// that gets hold of the function by its name.
			rewrapped = append(rewrapped, rewrap{unit: o, overloads: true, annotations: true, shadowed: shadowed(cur, n)})
		}
		units = append(units, o) // a new signature only matters to calls, and every call runs the body
	}
	for _, q := range d.ChangedBodies {
		if o := oldBy[q]; o.Kind == pysrc.KindFunc {
			units = append(units, o)
		}
	}
	lazy, idx := lazyAnnotations(cur), indexByQual(cur)
	for _, q := range d.Added {
		n := newBy[q]
		if memberOf(q, classes) {
			// a member of an added class: checked with it, reached through
			// it; a nested class's bases act on it like the outer one's
			if n.Kind == pysrc.KindClass {
				classes = append(classes, q)
			}
			continue
		}
		switch {
		case changedFixture(fx, old, cur, q):
		case strings.HasPrefix(n.Name, "pytest_"):
			return nil, nil, nil, nil, "definition added at import time: " + q
		case n.Kind == pysrc.KindClass && inertClassBody(cur, q, lazy, idx):
			classes = append(classes, q)
		case n.Kind != pysrc.KindFunc || !allWrappers(cur, n, true) || !cur.CleanSignature(idx[q], lazy):
			return nil, nil, nil, nil, "definition added at import time: " + q
		}
		names = append(names, definitionNames(q)...)
	}
	gone := classesOf(d.Removed, old) // code reached their members through them
	for _, q := range d.Removed {
		o := oldBy[q]
		if changedFixture(fx, old, cur, q) {
			names = append(names, definitionNames(q)...)
			units = append(units, o) // the tests that ran it
			continue
		}
		if !allWrappers(old, o, false) || strings.HasPrefix(o.Name, "pytest_") {
			// a fixture, a hook, a registration: found by pytest or a
			// registry, not by its name
			return nil, nil, nil, nil, "decorated definition or hook removed: " + q
		}
		if !memberOf(q, gone) {
			// a member of a removed class is no name of its own: what
			// reached it named the class, or ran it (below)
			names = append(names, definitionNames(q)...)
		}
		if o.Kind == pysrc.KindFunc && !isTestFunc(old, o) {
			// what ran it may have reached it by protocol (a dunder, a
			// module __getattr__), not by a name the rules can follow
			units = append(units, o)
		}
	}
	return units, names, rewrapped, classes, ""
}

// rewrap is a function whose pure wrappers changed: its name is bound to
// another object, and with classToo its class may behave differently.
type rewrap struct {
	unit      pysrc.Unit
	classToo  bool
	overloads bool // only typing.overload or (lazy) annotations changed: nothing reads it once shadowed
	shadowed  bool // a later definition of the same name in the same scope replaces it
	// annotations: only its lazy annotations changed, which no call sees
	annotations bool
	// signature: its header changed, which code reads without a call (signatures.go)
	signature bool
}

// shadowed reports whether a later unit of m's scope of u defines u's name
// again (an overload stub's implementation).
func shadowed(m *pysrc.Module, u pysrc.Unit) bool {
	for _, v := range m.Units {
		if v.Parent == u.Parent && v.Name == u.Name && v.Start > u.End {
			return true
		}
	}
	return false
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

// lazyAnnotations reports whether m compiles its annotations to strings
// (`from __future__ import annotations`), which nothing evaluates at import.
func lazyAnnotations(m *pysrc.Module) bool {
	for _, im := range m.Imports {
		if im.Module == "__future__" && !im.InFunction && slices.Equal(im.Names, []string{"annotations"}) {
			return true
		}
	}
	return false
}
