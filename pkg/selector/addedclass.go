package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// An added class binds its name, and nothing else can reach it: code gets
// hold of a class by naming it (a registry or a factory that names it is
// code the change must have touched too). That holds while creating it
// runs no code of its own at import: a call in its body, a decorator on
// it or on a method, a call in a method's defaults (or eager annotations)
// or in its bases. And what its bases do with it: a metaclass, an
// __init_subclass__ hook, a base the project does not define; the caller
// checks those (closedClass), as for a changed class attribute.

// inertClassBody reports whether running the body of class q of m (and
// of the classes nested in it) binds its attributes and does nothing else.
func inertClassBody(m *pysrc.Module, q string, lazy bool, idx map[string]int) bool {
	i, ok := idx[q]
	if !ok || len(m.Units[i].Decorators) > 0 || !m.CleanSignature(i, lazy) {
		return false
	}
	for _, st := range m.Stmts() {
		if !st.Pure && inClasses(st.Scope, []string{q}) {
			return false
		}
	}
	for j, u := range m.Units {
		if !memberOf(u.QualName, []string{q}) {
			continue
		}
		switch {
		case u.Kind == pysrc.KindClass && (len(u.Decorators) > 0 || !m.CleanSignature(j, lazy)):
			return false
		case u.Kind == pysrc.KindFunc && (!allWrappers(m, u, true) || !m.CleanSignature(j, lazy)):
			return false
		}
	}
	return true
}

// memberOf reports whether q is a member of one of classes (nested at any
// depth).
func memberOf(q string, classes []string) bool {
	for _, c := range classes {
		if strings.HasPrefix(q, c+".") {
			return true
		}
	}
	return false
}

// inClasses reports whether scope is one of classes or inside one.
func inClasses(scope string, classes []string) bool {
	return slices.Contains(classes, scope) || memberOf(scope, classes)
}

func indexByQual(m *pysrc.Module) map[string]int {
	out := make(map[string]int, len(m.Units))
	for i, u := range m.Units {
		out[u.QualName] = i
	}
	return out
}

// classesOf returns the classes among quals, units of m.
func classesOf(quals []string, m *pysrc.Module) []string {
	var out []string
	by := byQual(m)
	for _, q := range quals {
		if u, ok := by[q]; ok && u.Kind == pysrc.KindClass {
			out = append(out, q)
		}
	}
	return out
}
