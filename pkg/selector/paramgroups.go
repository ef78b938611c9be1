package selector

import (
	"github.com/impacted/impacted/pkg/pytestplugin"
)

// groupParametrizations runs every parametrization of a selected test's
// function when the map comes from impacted's sysmon collector. Within a
// run of one function's parametrizations (same fixtures) it records each
// line for the first of them that ran it, not for each (a function
// parametrized 40 ways costs one test's callbacks; see
// pkg/pytestplugin/impacted_sysmon.py): so a test the map credits with a
// line stands for its function's other parametrizations too.
func (s *state) groupParametrizations() {
	if s.fallback != "" || s.in.Map == nil {
		return
	}
	if prov := s.in.Map.Provenance(); prov == nil || prov.Collector != "sysmon" {
		return
	}
	n := 0
	for id := range s.ids {
		if b := pytestplugin.NodeBase(s.tests[id]); b != s.tests[id] && !s.bases[b] {
			s.bases[b] = true
			n++
		}
	}
	if n > 0 {
		s.note("%d test functions run every parametrization: the sysmon map records a line for the first parametrization that ran it", n)
	}
}
