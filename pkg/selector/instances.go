package selector

import (
	"bytes"
	"slices"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// perTestInstances reports whether the instances of class unit ci of
// module p (the map's version mod, its source src) live within one test:
// the class's own __init__ ran in the map only in test bodies (no import,
// no fixture setup that could share the object), it defines no __new__
// (which may hand out one instance), and no class of the project based on
// it has a constructor of its own (which may not run this __init__).
// Then what a method stores on self is gone with the test, and self counts
// as a local name for the line-level rules.
func (s *state) perTestInstances(p string, mod *pysrc.Module, ci int, files []*covmap.File) bool {
	key := p + "\x00" + mod.Units[ci].QualName
	if v, ok := s.perTest[key]; ok {
		return v
	}
	ok := s.findPerTest(p, mod, ci, files)
	s.perTest[key] = ok
	return ok
}

func (s *state) findPerTest(p string, mod *pysrc.Module, ci int, files []*covmap.File) bool {
	init := -1
	for i, v := range mod.Units {
		if v.Parent != ci || v.Kind != pysrc.KindFunc {
			continue
		}
		switch v.Name {
		case "__new__", "__post_init__", "__init_subclass__", "__class_getitem__":
			return false
		case "__init__":
			if init >= 0 {
				return false // two: which one is bound depends on a branch
			}
			init = i
		}
	}
	if init < 0 {
		return false // inherited or generated (a dataclass): no lines to read
	}
	u := mod.Units[init]
	ran := false
	for _, f := range files {
		t, ph := f.Range(u.BodyStart, u.End)
		if ph&^covmap.PhaseRun != 0 {
			return false
		}
		ran = ran || len(t) > 0
	}
	if !ran {
		return false
	}
	// a subclass builds its instances through this __init__ unless it has
	// a constructor of its own; followed down to its own subclasses
	g := s.graph()
	queue, seen := []string{mod.Units[ci].Name}, map[string]bool{}
	for len(queue) > 0 {
		name := queue[0]
		queue = queue[1:]
		if seen[name] {
			continue
		}
		seen[name] = true
		for _, q := range g.py {
			m := g.mods[q]
			if m == nil || !m.Names()[name] {
				continue
			}
			for i, v := range m.Units {
				if v.Kind != pysrc.KindClass {
					continue
				}
				bases, ok := classBases(g.src[q], v)
				switch {
				case !ok:
					return false
				case !slices.Contains(bases, name):
				case ownConstructor(m, i):
					return false
				default:
					queue = append(queue, v.Name)
				}
			}
		}
	}
	return true
}

// ownConstructor reports whether class unit ci defines how its instances
// are made.
func ownConstructor(m *pysrc.Module, ci int) bool {
	return slices.ContainsFunc(m.Units, func(v pysrc.Unit) bool {
		return v.Parent == ci && (v.Name == "__init__" || v.Name == "__new__" || v.Name == "__post_init__")
	})
}

// selfLocal reports whether a method's self is as fresh as its own
// objects: the instances of its class live within one test
// (perTestInstances).
func (s *state) selfLocal(p string, mod *pysrc.Module, src []byte, u pysrc.Unit, files []*covmap.File) bool {
	return u.Parent >= 0 && bytes.Contains(nthLine(src, u.DefLine), []byte("(self")) && s.perTestInstances(p, mod, u.Parent, files)
}
