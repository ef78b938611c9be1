package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A module's `__all__` is read by `from m import *`, which binds the names
// it lists in the importing module, and by code that names `__all__`
// (`m.__all__` in a test, a loop over it). Nothing else sees it: pytest and
// doctest collect from a module's namespace, not from its `__all__`. So an
// edit of a literal `__all__` changes:
//   - what names `__all__` (followed as the name `__all__`), and
//   - in each module that star-imports m, the names it gained (now bound
//     there, perhaps over an earlier binding) and the names it lost (no
//     longer bound there, unless something else binds them), followed from
//     that module as rebound and unbound names. A module without `__all__`
//     that star-imports m passes them on to its own star-importers, which
//     import it and so see them through the same propagation.
//
// Reordering the entries changes only the first. A computed `__all__`, or an
// added or removed entry that m does not bind itself unconditionally (a
// submodule, which a star import imports; a name from m's own star import;
// a typo, which makes every star import of m fail), is import-time code of m.

// exportDiff is what an edit of module p's literal `__all__` changes for
// the modules that star-import p.
type exportDiff struct {
	added, removed []string
}

// exportChange compares the export lists of old and cur; ok is false when
// the change cannot be followed by names (see above).
func exportChange(old, cur *pysrc.Module) (x exportDiff, ok bool) {
	was, ok1 := old.ExportList()
	now, ok2 := cur.ExportList()
	if !ok1 || !ok2 {
		return x, false
	}
	for _, n := range now {
		if !slices.Contains(was, n) && !slices.Contains(x.added, n) {
			if !boundAtTop(cur, n) {
				return x, false
			}
			x.added = append(x.added, n)
		}
	}
	for _, n := range was {
		if !slices.Contains(now, n) && !slices.Contains(x.removed, n) {
			if !boundAtTop(old, n) {
				return x, false
			}
			x.removed = append(x.removed, n)
		}
	}
	return x, true
}

// boundAtTop reports whether a simple module-level statement of m (an
// assignment or an import, outside any if/try/for) or a def or class
// outside any compound statement binds name.
func boundAtTop(m *pysrc.Module, name string) bool {
	stmts := m.Stmts()
	for _, st := range stmts {
		if st.Scope == "" && (st.Kind == pysrc.StmtAssign || st.Kind == pysrc.StmtImport) && slices.Contains(st.Binds, name) {
			return true
		}
	}
	for _, u := range m.Units {
		if u.Parent >= 0 || u.Name != name {
			continue
		}
		nested := slices.ContainsFunc(stmts, func(st pysrc.Stmt) bool {
			return st.Scope == "" && st.Kind == pysrc.StmtOther && st.Start <= u.DefLine && u.DefLine <= st.End
		})
		if !nested {
			return true
		}
	}
	return false
}

// starExports follows an edit of p's `__all__` into the modules that
// star-import p.
func (s *state) starExports(p string, x exportDiff) {
	if len(x.added) == 0 && len(x.removed) == 0 {
		return
	}
	for _, q := range s.starImporters(p) {
		s.note("%s: star-imports %s, whose __all__ gained: %s; lost: %s", q, p, strings.Join(x.added, ", "), strings.Join(x.removed, ", "))
		s.propagate(q, x.added, x.removed)
	}
}

// starImporters lists the modules with a module-level `from p import *`.
func (s *state) starImporters(p string) []string {
	g := s.graph()
	var out []string
	for _, q := range g.rev[p] {
		m := g.mods[q]
		if m == nil {
			continue
		}
		for _, im := range m.Imports {
			if !im.InFunction && slices.Contains(im.Names, "*") && slices.Contains(g.target(q, im), p) {
				out = append(out, q)
				break
			}
		}
	}
	slices.Sort(out)
	return out
}
