package selector

import (
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// sameImport reports whether an edited import statement binds name to the
// very object it bound before: `from typing import Any, Callable, cast`
// becoming `from typing import Any, cast` (Callable now from
// collections.abc) leaves Any and cast as they were. In both versions the
// name is bound at module level once, by a from-import (or `import x`)
// of the same module at the same level, under its own name, and nothing
// at import time reads it before that import runs.
func sameImport(old, cur *pysrc.Module, oldSrc, curSrc []byte, name string) bool {
	a, ok := soleImport(old, oldSrc, name)
	if !ok {
		return false
	}
	b, ok := soleImport(cur, curSrc, name)
	return ok && a.Module == b.Module && a.Level == b.Level && (a.Names == nil) == (b.Names == nil)
}

// soleImport finds the one module-level import that binds name in m, and
// checks that no module-level code, decorator or signature reads name on
// an earlier line.
func soleImport(m *pysrc.Module, src []byte, name string) (pysrc.Import, bool) {
	var stmt *pysrc.Stmt
	stmts := m.Stmts()
	for i := range stmts {
		st := &stmts[i]
		if st.Scope != "" || !slices.Contains(st.Binds, name) {
			continue
		}
		if stmt != nil || st.Kind != pysrc.StmtImport {
			return pysrc.Import{}, false // bound twice, or not by an import
		}
		stmt = st
	}
	if stmt == nil || importedAs(src, *stmt, name) != name {
		return pysrc.Import{}, false
	}
	var found []pysrc.Import
	for _, im := range m.Imports {
		if im.InFunction || im.Line < stmt.Start || im.Line > stmt.End {
			continue
		}
		if im.Names == nil && im.Module == name || slices.Contains(im.Names, name) {
			found = append(found, im)
		}
	}
	if len(found) != 1 {
		return pysrc.Import{}, false
	}
	for _, oc := range m.Occurrences(name) {
		if oc.Where != pysrc.InBody && oc.Line < stmt.Start {
			return pysrc.Import{}, false
		}
	}
	return found[0], true
}
