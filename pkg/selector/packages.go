package selector

import (
	"path"
	"strings"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// packageInit handles an __init__.py that appeared or is gone. In a new
// directory it is a new module like any other: it changes what imports
// it (a name that now resolves, or no longer does) and what loads modules
// by name. Where the directory already held modules, it turns a namespace
// package into a regular one or back: every import of those modules now
// runs (or no longer runs) its code, and pytest names the test modules
// below it differently, so each of them changes at import time.
func (s *state) packageInit(p string, gone bool) {
	dir := dirOf(p)
	kept := s.keptBelow(dir)
	verb := "new"
	if gone {
		verb = "removed"
	}
	s.note("%s: %s package __init__.py; %d modules already below %s/", p, verb, len(kept), dir)
	s.importTime(p)
	s.newModule(p)
	tests := false
	for _, q := range kept {
		if s.in.Rules.IsTestFile(q) || isConftest(q) {
			tests = true
			s.sameBaseName(q)
		}
		s.importTime(q)
	}
	if tests {
		s.dirTests(dir)
	}
}

// sameBaseName selects the test modules elsewhere with q's file name:
// outside a package pytest imports a test module by its base name, so two
// of them collide ("import file mismatch") once one loses its package.
func (s *state) sameBaseName(q string) {
	for _, f := range s.graph().py {
		if f != q && path.Base(f) == path.Base(q) && s.in.Rules.IsTestFile(f) {
			s.files[f] = true
		}
	}
}

// keptBelow lists the Python files below dir that are on both sides of
// the change (neither added nor deleted by it).
func (s *state) keptBelow(dir string) []string {
	moved := map[string]bool{}
	for _, ch := range s.in.Changes {
		if ch.Status != gitdiff.Modified && ch.Status != gitdiff.TypeChanged {
			moved[ch.OldPath], moved[ch.NewPath] = true, true
		}
	}
	prefix := dir + "/"
	if dir == "" {
		prefix = ""
	}
	var out []string
	for _, q := range s.graph().py {
		if strings.HasPrefix(q, prefix) && !moved[q] && !strings.HasSuffix(q, "/__init__.py") {
			out = append(out, q)
		}
	}
	return out
}
