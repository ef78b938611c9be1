package selector

import (
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// neverImported reports whether module p, which the map does not hold,
// was never imported while the map was built: every module that imports
// it is in the map, and none of the statements importing it ran (they sit
// under `if sys.platform == "win32":`, in a function no test called). A
// module the map measures records its import-time lines when anything
// imports it, so a map without p and with those lines unrun says no test
// reached p in the test process: a change to p can reach only what
// starts another interpreter, or reads p as text, which other rules
// follow. Any importer the map cannot speak for (not in it, a
// pytest_plugins string, a line that ran) keeps the import-time rule.
func (s *state) neverImported(p string) bool {
	if len(s.mapFiles(p)) > 0 || isConftest(p) || s.in.Rules.IsTestFile(p) {
		return false
	}
	g := s.graph()
	for _, q := range g.rev[p] {
		m, files := g.mods[q], s.mapFiles(q)
		if m == nil || len(files) == 0 {
			return false
		}
		lines, ok := importLines(g, q, m, p)
		if !ok {
			return false
		}
		for _, f := range files {
			for _, l := range lines {
				if t, ph := f.Range(l, l); len(t) > 0 || ph != 0 {
					return false
				}
			}
		}
	}
	return len(g.rev[p]) > 0
}

// importLines returns the lines of q's import statements that import p; ok
// is false when p comes in another way (a pytest_plugins string).
func importLines(g *graph, q string, m *pysrc.Module, p string) (lines []int, ok bool) {
	for _, im := range m.Imports {
		if slices.Contains(g.imports(q, &pysrc.Module{Imports: []pysrc.Import{im}}), p) {
			lines = append(lines, m.LogicalStart(im.Line))
		}
	}
	return lines, len(lines) > 0
}
