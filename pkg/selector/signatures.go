package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A function's signature (its parameters, defaults and annotations) is
// read by every call, which runs the body: the tests that ran the body
// cover a signature change. Code that reads the signature without calling
// the function sees it too: typer builds a command's --help from
// inspect.signature and the annotations of a function a decorator
// (`@app.command()`) registered at import, and a test of that help never
// runs the body. Where the project can read signatures, a changed header
// is therefore also a new function object under its name: what got hold
// of it by name (`app.command()(mod.main)`, `typer.run(main)`), and, for
// a decorator that is no pure wrapper, whatever the decorator handed it
// to at import: as import-time code.

// signatureWordsOnly name a reader of signatures that is no reader of
// annotations (annotationReaderWords name those).
var signatureWordsOnly = []string{"signature", "getfullargspec", "getargspec", "__signature__",
	"__defaults__", "__kwdefaults__", "co_varnames", "co_argcount"}

// signatureReaders says which code can read a signature without a call,
// or "" when none can.
func (s *state) signatureReaders() string {
	if s.sigReaders != nil {
		return *s.sigReaders
	}
	why := s.annotationReaders()
	if why == "" {
		why = s.namedIn(signatureWordsOnly)
	}
	s.sigReaders = &why
	return why
}

// readSignatures returns the functions of module p whose headers alone
// changed (decorators as they were) to rebind by name, or why the change
// is import-time code: a decorator that is no pure wrapper received the
// function. Test functions and fixtures are left to the test-file rules:
// pytest calls them, and no other test reads their signatures.
func (s *state) readSignatures(p string, d *pysrc.Diff, old, cur *pysrc.Module) ([]rewrap, string) {
	oldBy, newBy := byQual(old), byQual(cur)
	var out []rewrap
	for _, q := range d.ChangedHeaders {
		o, n := oldBy[q], newBy[q]
		switch {
		case o.Kind != pysrc.KindFunc || !slices.Equal(o.Decorators, n.Decorators):
			continue // a class header or a decorator: bodyUnits decided it
		case slices.Contains(d.AnnotationsOnly, q) && lazyAnnotations(old) && lazyAnnotations(cur) && allWrappers(old, o, false):
			continue // the lazy-annotation rule rebinds it already
		case !s.readsSignature(p, old, o):
			continue
		}
		if tests, why := s.signatureReaderTests(); why == "" {
			// as where nothing reads signatures, and what the project's
			// own readers ran in (sigreaders.go)
			s.note("%s: signature of %s changed, which only the project's readers of signatures read: the %d tests that ran them", p, q, len(tests))
			s.addIDs(tests)
			continue
		}
		why := s.signatureReaders()
		if !allWrappers(old, o, false) {
			return nil, "signature of " + q + " changed, which its decorator received at import, and " + why
		}
		s.note("%s: signature of %s changed, and %s: its name is rebound", p, q, why)
		out = append(out, rewrap{unit: o, shadowed: shadowed(cur, n), signature: true})
	}
	return out, ""
}

// readsSignature: code of the project can read function u's signature
// without calling it. Test functions and fixtures are left to the
// test-file rules: pytest calls them, and no other test reads them.
func (s *state) readsSignature(p string, m *pysrc.Module, u pysrc.Unit) bool {
	if u.Kind != pysrc.KindFunc || s.signatureReaders() == "" {
		return false
	}
	test := s.in.Rules.IsTestFile(p) || isConftest(p)
	return !test || !isTestFunc(m, u) && !isFixture(u)
}

// signatureUse: a name in the signature of function u of module p
// changed (its caller applied the body rules already). Where only the
// project's own code reads signatures, in tests, the tests that ran it
// (sigreaders.go). Else a decorator that is no pure wrapper got the
// function at import: import-time code; else what holds it by name (or
// holds its class) may read it.
func (s *state) signatureUse(p string, m *pysrc.Module, u pysrc.Unit, name string) []string {
	if tests, why := s.signatureReaderTests(); why == "" {
		// a decorator that got u at import read no signature then: no
		// reader line ran at import (sigreaders.go)
		s.note("%s: %s uses %s in its signature, which only the project's readers of signatures read: the %d tests that ran them", p, u.QualName, name, len(tests))
		s.addIDs(tests)
		return nil
	}
	if !allWrappers(m, u, false) {
		s.note("%s: %s uses %s in its signature, which its decorator received at import, and %s", p, u.QualName, name, s.signatureReaders())
		s.structural(p)
		return nil
	}
	s.note("%s: %s uses %s in its signature, and %s: its name is rebound", p, u.QualName, name, s.signatureReaders())
	if u.Parent >= 0 {
		return []string{lastDotted(m.Units[u.Parent].QualName)}
	}
	return []string{u.Name}
}

// isFixture: a pytest fixture, which pytest calls for every test using it.
func isFixture(u pysrc.Unit) bool {
	for _, d := range u.Decorators {
		ref, _, _ := strings.Cut(d, "(")
		if r := strings.TrimSpace(ref); r == "fixture" || strings.HasSuffix(r, ".fixture") {
			return true
		}
	}
	return false
}

// namedIn names the first Python file whose code (not a comment or a
// docstring) names one of words, or "" when none does.
func (s *state) namedIn(words []string) string {
	ws := wordSet(words)
	return s.scanCode(words, func(path string, m *pysrc.Module) string {
		for w := range m.Names() {
			if ws[w] && (!inspectWords[w] || importsInspect(m)) {
				return path + " names " + w
			}
		}
		return ""
	})
}

// inspectWords are inspect's functions, whose names a project may give to
// its own (jinja's CodeGenerator.signature writes a call's arguments):
// they count where the module imports inspect.
var inspectWords = map[string]bool{"signature": true, "getfullargspec": true, "getargspec": true}

func importsInspect(m *pysrc.Module) bool {
	return slices.ContainsFunc(m.Imports, func(im pysrc.Import) bool { return im.Level == 0 && im.Module == "inspect" })
}
