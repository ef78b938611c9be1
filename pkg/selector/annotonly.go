package selector

import (
	"maps"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// typingModules provide the names a safe annotation subscripts.
var typingModules = map[string]bool{"typing": true, "typing_extensions": true, "collections.abc": true}

// annotationBuiltins are the builtin types an annotation may name: a
// cast's, and a few more.
var annotationBuiltins = func() map[string]bool {
	out := maps.Clone(castTypeBuiltins)
	for _, n := range []string{"None", "complex", "bytearray"} {
		out[n] = true
	}
	return out
}()

// safeAnnotation reports whether evaluating the annotation of statement
// st of m, which reads types (pysrc.AnnotationOnly), cannot fail: each
// name is a builtin type, typing's (imported above st, at run time, and
// bound by nothing else of the module or of st's class), or a class the
// module defines above st; only typing's and builtin generics are
// subscripted (their argument counts AnnotationOnly checked).
func safeAnnotation(m *pysrc.Module, st *pysrc.Stmt, types []pysrc.AnnType) bool {
	for _, t := range types {
		root, _, dotted := strings.Cut(t.Name, ".")
		if scopeBinds(m, st.Scope, root) {
			return false // the class's own binding of the name
		}
		switch {
		case annotationBuiltins[t.Name] && !moduleBinds(m, root):
		case typingImport(m, st, root, dotted):
		case !t.Subscripted && !dotted && classAbove(m, st, root):
		default:
			return false
		}
	}
	return true
}

// typingImport: root is bound, above st and at run time, only by an
// import of a typing module (`from typing import ClassVar`, `import
// typing` for a dotted name).
func typingImport(m *pysrc.Module, st *pysrc.Stmt, root string, dotted bool) bool {
	found := false
	for _, im := range m.Imports {
		binds := im.Level == 0 && (dotted && im.Names == nil && im.Module == root && typingModules[root] ||
			!dotted && slices.Contains(im.Names, root) && typingModules[im.Module])
		if binds && !im.InFunction && im.Line < st.Start && !typeChecked(m, im.Line) {
			found = true
		}
	}
	if !found {
		return false
	}
	for _, o := range m.Stmts() { // no other binding of the name
		if o.Scope == "" && o.Kind != pysrc.StmtImport && slices.Contains(o.Binds, root) {
			return false
		}
	}
	for _, im := range m.Imports {
		if slices.Contains(im.Names, root) && !typingModules[im.Module] {
			return false
		}
	}
	return !slices.ContainsFunc(m.Units, func(u pysrc.Unit) bool { return u.Parent < 0 && u.Name == root })
}

// classAbove: root is a module-level class of m defined above st and
// bound by nothing else.
func classAbove(m *pysrc.Module, st *pysrc.Stmt, root string) bool {
	n := 0
	for _, u := range m.Units {
		if u.Parent < 0 && u.Name == root {
			if u.Kind != pysrc.KindClass || u.End >= st.Start || typeChecked(m, u.Start) {
				return false
			}
			n++
		}
	}
	return n == 1 && !moduleBindsByStatement(m, root)
}

func moduleBinds(m *pysrc.Module, name string) bool {
	return moduleBindsByStatement(m, name) || slices.ContainsFunc(m.Units, func(u pysrc.Unit) bool { return u.Parent < 0 && u.Name == name })
}

func moduleBindsByStatement(m *pysrc.Module, name string) bool {
	for _, o := range m.Stmts() {
		if o.Scope == "" && slices.Contains(o.Binds, name) {
			return true
		}
	}
	return false
}

// scopeBinds: class scope (a QualName; "" is the module, none) binds name.
func scopeBinds(m *pysrc.Module, scope, name string) bool {
	if scope == "" {
		return false
	}
	for _, o := range m.Stmts() {
		if o.Scope == scope && slices.Contains(o.Binds, name) {
			return true
		}
	}
	return slices.ContainsFunc(m.Units, func(u pysrc.Unit) bool {
		return u.Parent >= 0 && m.Units[u.Parent].QualName == scope && u.Name == name
	})
}

// safelyAnnotated: st is an annotated assignment whose annotation
// safeAnnotation accepts.
func safelyAnnotated(m *pysrc.Module, st *pysrc.Stmt) bool {
	types, ok := m.AnnotationTypes(st)
	return ok && safeAnnotation(m, st, types)
}

// annotationEvaluates reports whether the annotation of statement cur
// (new; old, its former version, or nil) cannot fail to evaluate where it
// changed: none, the same as before, plain names (which unboundRead
// checks), or one safeAnnotation accepts. A subscript can raise TypeError
// (`ClassVar[int, str]`), a dotted name AttributeError.
func annotationEvaluates(om *pysrc.Module, old *pysrc.Stmt, m *pysrc.Module, cur *pysrc.Stmt) bool {
	ann, has := m.Annotation(cur)
	if !has {
		return true
	}
	if old != nil {
		if was, ok := om.Annotation(old); ok && slices.Equal(was, ann) {
			return true
		}
	}
	types, ok := m.AnnotationTypes(cur)
	if !ok {
		return false
	}
	plain := !slices.ContainsFunc(types, func(t pysrc.AnnType) bool { return t.Subscripted || strings.Contains(t.Name, ".") })
	return plain || safeAnnotation(m, cur, types)
}
