package selector

import (
	"strings"

	"github.com/impacted/impacted/pkg/pyproject"
)

// uncollected drops the selected test files that the suite does not
// collect: outside the testpaths pytest runs without paths, not in the
// map, no file that failed to collect when it was built. A test file
// next to an example (flask's examples/tutorial/tests, with its own
// conftest importing a package the suite does not install) is run by
// no full run; naming it to pytest made the run fail on its import. It
// holds only while the map's own tests all lie under testpaths (a map
// built with paths of its own defines the suite otherwise).
func (s *state) uncollected() {
	if len(s.files) == 0 || s.in.Source == nil {
		return
	}
	tp, ok := pyproject.Testpaths(func(p string) ([]byte, bool) {
		b, err := s.in.Source.New(p)
		return b, err == nil
	})
	if !ok {
		return
	}
	for _, n := range s.tests {
		if !pyproject.Collected(tp, fileOf(n)) {
			return
		}
	}
	var recorded map[string]bool
	if prov := s.in.Map.Provenance(); prov != nil {
		recorded = map[string]bool{}
		for name := range prov.Tests {
			recorded[fileOf(name)] = true
		}
	}
	outside := func(f string) bool {
		lo, hi := s.testsOf(f)
		return hi == lo && !recorded[f] && !pyproject.Collected(tp, f)
	}
	for f := range s.files {
		if outside(f) {
			s.note("%s: outside testpaths (%s): no run of the suite collects it", f, strings.Join(tp, " "))
			delete(s.files, f)
		}
	}
	for b := range s.bases {
		if f := fileOf(b); outside(f) {
			s.note("%s: outside testpaths (%s): no run of the suite collects it", f, strings.Join(tp, " "))
			delete(s.bases, b)
		}
	}
}
