package selector

import (
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// full reports whether the selection already holds every test of the map
// while the threshold is below 1: the result is then the whole suite
// (threshold:p=1.00) whatever else the walk finds, so it can stop. jinja's
// widest changes walked 1,300 more decisions after that, for a second of
// CPU. It counts again only when the selection grew since it last did.
func (s *state) full() bool {
	if s.isFull {
		return true
	}
	if s.in.Rules.Threshold >= 1 || len(s.tests) == 0 {
		return false
	}
	size := len(s.ids) + len(s.files) + len(s.bases)
	if size == s.fullAt {
		return false
	}
	s.fullAt = size
	for id, n := range s.tests {
		if !s.ids[covmap.TestID(id)] && !s.files[fileOf(n)] && !s.bases[pytestplugin.NodeBase(n)] {
			return false
		}
	}
	s.isFull = true
	s.note("every test of the map is selected: nothing else can change the result")
	return true
}
