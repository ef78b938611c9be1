package selector

import (
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// importContexts is what a map built by impacted's sys.monitoring
// collector knows on top of coverage.py's contexts: which module's
// top-level execution ran each import-time line (see covmap.Map's
// HasImports and Importers). Asserted, not required, so that a map
// without the facts keeps the import-time rule.
type importContexts interface {
	HasImports() bool
	Importers(path string, lo, hi int) []string
}

// ranByTestModules handles a function of p that ran at import time when
// the map says which modules' top-level code ran it: if those are test
// modules only (marshmallow's test modules building Schema classes in
// their bodies call Field.__init__; pytest's fixture scan of a test class
// runs cachetools' descriptors' __get__ while collecting that module), the
// change reaches their tests and the tests that ran it later, not every
// test importing p. It reports false, deciding nothing, when the map lacks
// the facts, or a project module, conftest.py or pytest's session start
// ran it.
func (s *state) ranByTestModules(p string, u pysrc.Unit, files []*covmap.File, tests []covmap.TestID) bool {
	ic, ok := any(s.in.Map).(importContexts)
	if !ok || !ic.HasImports() {
		return false
	}
	var mods []string
	for _, f := range files {
		mods = append(mods, ic.Importers(f.Path(), u.BodyStart, u.End)...)
	}
	if len(mods) == 0 {
		return false // import-time per coverage, yet no module named: unknown
	}
	for _, q := range mods {
		if q == covmap.SessionModule {
			s.note("%s: %s runs in pytest's session start (a plugin or conftest hook)", p, u.QualName)
			return false
		}
		if !s.in.Rules.IsTestFile(q) || isConftest(q) {
			return false
		}
	}
	for _, q := range mods {
		s.note("%s: %s runs while test module %s imports: its tests", p, u.QualName, q)
		s.files[q] = true
		for _, r := range s.graph().importers(q) {
			if s.in.Rules.IsTestFile(r) && !isConftest(r) {
				s.files[r] = true
			} else {
				s.importTime(r)
			}
		}
	}
	s.addIDs(tests)
	return true
}
