package selector

import (
	"bytes"
	"path"
	"regexp"
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// mainGuard is the first line of a module's `if __name__ == "__main__":`.
var mainGuard = regexp.MustCompile(`^if\s+(__name__\s*==\s*["']__main__["']|["']__main__["']\s*==\s*__name__)\s*:`)

// inMainBlock reports whether line of m lies in the body of a module-level
// `if __name__ == "__main__":` with no elif or else: code that runs only
// when the module runs as a program, never when it is imported.
func inMainBlock(m *pysrc.Module, src []byte, line int) bool {
	lines := bytes.Split(src, []byte("\n"))
	for _, st := range m.Stmts() {
		if st.Scope != "" || line <= st.Start || line > st.End || st.Start > len(lines) {
			continue
		}
		if !mainGuard.Match(lines[st.Start-1]) {
			return false
		}
		for k := st.Start + 1; k <= st.End && k <= len(lines); k++ {
			if l := lines[k-1]; len(l) > 0 && l[0] != ' ' && l[0] != '\t' && l[0] != '#' {
				return false // an elif or else at the top: that branch runs at import
			}
		}
		return true
	}
	return false
}

// runAsProgram handles a line of module q's `__main__` block that names a
// changed module or starts an interpreter: it runs only in a process that
// runs q as a program (`python -m pkg.q`, `python path/to/q.py`, runpy),
// so the code that starts such a process changes with it, and nothing
// else (packaging's _musllinux.py prints its musl version from there).
func (s *state) runAsProgram(q string, line int) {
	g := s.graph()
	needles := moduleNeedles(q)
	for _, pre := range []string{`"`, `'`, `/`} {
		needles = append(needles, []byte(pre+path.Base(q)))
	}
	refs := slices.DeleteFunc(g.containing(needles), func(r string) bool { return r == q })
	s.note("%s:%d runs only when %s runs as a program: what runs it (%d modules name it)", q, line, q, len(refs))
	for _, r := range refs {
		m := g.mods[r]
		if m == nil || isConftest(r) {
			s.structural(r)
			continue
		}
		for _, l := range linesContaining(g.src[r], needles) {
			if !s.prose(r, m, l) {
				s.namedAt(r, m, g.src[r], l, lastComponent(q))
			}
		}
	}
}
