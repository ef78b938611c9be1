package selector

import (
	"bytes"
	"slices"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// A project's own code that reads signatures or annotations (rich's
// inspect() renders `str(signature(obj))`; flask's
// Flask.__init_subclass__ reads its overriding methods' `.annotation`)
// reads them when a test runs it: the map then
// records that test on the line that reads. Where every such line is in a
// function body the map saw run only by tests (never at import or
// collection), kept by no cache, a name used in a signature reaches the
// tests that ran those lines, not every reader of its function's name.
// An annotation library or type checker, an aliased import of a reader, a
// reader at module level, one in a changed file or one the map never saw
// keeps the old rule (signatureUse: the function's name is rebound).

// readerRun is what signatureReaderTests found: the tests, or why not.
type readerRun struct {
	tests []covmap.TestID
	why   string // "" when tests are all the tests that can read a signature
}

// signatureReaderTests returns the tests that ran the project's
// signature-reading lines, or why they cannot stand for every reader.
func (s *state) signatureReaderTests() ([]covmap.TestID, string) {
	if s.readerRan != nil {
		return s.readerRan.tests, s.readerRan.why
	}
	r := &readerRun{}
	// a library, a type checker or the environment reads annotations where
	// no line of the project shows; the project's own words have lines
	if why := s.findReaders(nil); why != "" {
		r.why = why
	} else {
		r.tests, r.why = s.readerLines(slices.Concat(signatureWordsOnly, annotationReaderWords, evaluatorWords))
	}
	s.readerRan = r
	return r.tests, r.why
}

func (s *state) readerLines(words []string) ([]covmap.TestID, string) {
	ws := wordSet(words)
	var tests []covmap.TestID
	why := s.scanCode(words, func(path string, m *pysrc.Module) string {
		src := s.graph().src[path]
		if src == nil {
			return path + " reads signatures and is no module of the project"
		}
		lines := bytes.Split(src, []byte("\n"))
		for w := range m.Names() {
			if !ws[w] || inspectWords[w] && !importsInspect(m) || typeguardValueChecks[w] && !importsTypeguardCheck(m, w) {
				continue
			}
			for _, oc := range m.Occurrences(w) {
				if oc.ModulePath {
					continue
				}
				if slices.ContainsFunc(m.Imports, func(im pysrc.Import) bool { return im.Line == oc.Line }) {
					if oc.Line <= len(lines) && bytes.Contains(lines[oc.Line-1], []byte(" as ")) {
						return path + " imports " + w + " under another name"
					}
					continue // binds the name; its uses are lines of their own
				}
				t, why := s.ranOnlyInTests(path, m, src, oc.Line)
				if why != "" {
					return path + " names " + w + " " + why
				}
				tests = append(tests, t...)
			}
		}
		return ""
	})
	return tests, why
}

// ranOnlyInTests returns the tests that ran line of module p, or why the
// map's tests may not be all that run it.
func (s *state) ranOnlyInTests(p string, m *pysrc.Module, src []byte, line int) ([]covmap.TestID, string) {
	u := m.UnitAt(line)
	switch {
	case s.changed[p]:
		return nil, "in a changed file"
	case u < 0 || m.Units[u].Kind != pysrc.KindFunc || line < m.Units[u].BodyStart:
		return nil, "outside a function body"
	case s.cached(m, src, m.Units[u]) || s.stateNamed(m, m.Units[u]):
		return nil, "behind a cache or module state"
	}
	files := s.mapFiles(p)
	if len(files) == 0 {
		return nil, "in a file the map never saw"
	}
	var out []covmap.TestID
	for _, f := range files {
		t, ph := f.Range(line, line)
		if ph&covmap.PhaseImport != 0 {
			return nil, "at import or collection time"
		}
		out = append(out, t...)
	}
	return out, ""
}
