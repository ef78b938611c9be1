package selector

import "github.com/impacted/impacted/pkg/covmap"

// MapFiles returns the map's records of a project-relative path, matched
// the way a selection matches them (see pathIndex), for tools that look at
// a selection after the fact (audit, explain).
func MapFiles(m *covmap.Map, root string, strict bool, name string) []*covmap.File {
	s := &state{in: Input{Map: m}, mapPaths: newPathIndex(m.Paths(), root, strict)}
	return s.mapFiles(name)
}
