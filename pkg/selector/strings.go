package selector

import (
	"path"
	"strings"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/pysrc"
)

// namedInStrings: code can reach a module without importing it, by naming
// it in a string: `subprocess.run([sys.executable, "-m", "shop.cli"])`
// runs it in a process coverage does not see, `monkeypatch.setattr(
// "shop.clock.now", ...)` fails once the name moves, `importlib` loads it.
// Every changed module is searched for that way (one git grep), and code
// that names it changes with it.
func (s *state) namedInStrings() {
	if s.fallback != "" {
		return
	}
	needles := ModuleNeedles(s.in.Changes, s.in.Rules)
	if len(needles) == 0 {
		return
	}
	hits, err := s.in.Source.Grep(needles)
	if err != nil {
		s.fail("project-unreadable", err.Error())
		return
	}
	for _, h := range hits {
		if s.changed[h.Path] && !s.in.Rules.IsTestFile(h.Path) {
			continue // a changed module's own text; its change is handled
		}
		src, err := s.in.Source.New(h.Path)
		if err != nil {
			continue
		}
		m, err := pysrc.Parse(src)
		if err != nil {
			s.structural(h.Path)
			continue
		}
		s.note("%s:%d names a changed module in a string", h.Path, h.Line)
		s.namedAt(h.Path, m, src, h.Line, "a module name")
	}
}

// ModuleNeedles lists the strings that name the changed modules, in a
// stable order: what the selector will ask Source.Grep for, so that a
// caller can start the search early.
func ModuleNeedles(changes []gitdiff.Change, rules config.Rules) []string {
	seen := map[string]bool{}
	var out []string
	for _, ch := range changes {
		for _, p := range []string{ch.OldPath, ch.NewPath} {
			if !isPython(p) || strings.HasPrefix(p, "../") || isConftest(p) || rules.IsTestFile(p) {
				continue
			}
			for _, n := range stringNeedles(p) {
				if !seen[n] {
					seen[n] = true
					out = append(out, n)
				}
			}
		}
	}
	return out
}

// stringNeedles are the strings that name module p: its dotted name from
// the package down ("shop.cli", prefix-matched after a quote so that
// "shop.cli.main" counts), "-m pkg" for a package's __main__, and its path.
func stringNeedles(p string) []string {
	c := components(p)
	var out []string
	if c[len(c)-1] == "__main__" {
		for i := 0; i < len(c)-1; i++ {
			name := strings.Join(c[i:len(c)-1], ".")
			out = append(out, `"`+name+`"`, `'`+name+`'`)
		}
	}
	for i := 0; i+2 <= len(c); i++ {
		name := strings.Join(c[i:], ".")
		out = append(out, `"`+name, `'`+name)
	}
	if d := path.Dir(p); d != "." {
		out = append(out, path.Base(d)+"/"+path.Base(p))
	} else {
		out = append(out, p)
	}
	return out
}
