package selector

import "github.com/impacted/impacted/pkg/pysrc"

// neverRan reports whether every edit of module p (the map holds it) lies
// inside a module-level definition of which no line ran while the map was
// built, decorators and def line included: the module's import stopped
// before it (structlog's twisted.py, whose `from twisted import ...` fails
// where twisted is not installed), or it sits in a branch not taken (`if
// WIN:`). The unchanged code before it decides that, in the same
// environment (which envDrift compares), so the edit cannot run in the
// tests either; what starts another interpreter is judged apart.
func (s *state) neverRan(p string, old *pysrc.Module) bool {
	hunks, ok := s.hunks(p)
	files := s.mapFiles(p)
	if !ok || len(hunks) == 0 || len(files) == 0 || old == nil {
		return false
	}
	for _, h := range hunks {
		lo, hi := h.OldStart, h.OldStart+h.OldCount-1
		if h.OldCount == 0 {
			hi = lo + 1 // lines inserted after OldStart: both neighbours inside one definition
		}
		u, ok := topUnitSpanning(old, lo, hi)
		if !ok {
			return false
		}
		if ranAny(files, u.Start, u.End) {
			return false
		}
	}
	return true
}

// topUnitSpanning returns the module-level function or class holding lines
// lo..hi, decorators included.
func topUnitSpanning(m *pysrc.Module, lo, hi int) (pysrc.Unit, bool) {
	for _, u := range m.Units {
		if u.Parent < 0 && u.Start <= lo && hi <= u.End {
			return u, true
		}
	}
	return pysrc.Unit{}, false
}
