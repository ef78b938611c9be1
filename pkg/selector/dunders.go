package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// implicitlyRead returns the classes of module p whose behaviour changes
// with a dunder attribute a changed statement of their body binds
// (`__slots__ = ...`, `__hash__ = None`, `__lt__ = _lt`, `__match_args__`):
// Python reads those itself, when it makes the class, its instances or
// runs an operator, so no code names them. What uses the class changes,
// as for a changed method: both the outermost class's name and the
// class's own.
func (s *state) implicitlyRead(p string, d *pysrc.Diff, names []string) []string {
	var out []string
	for _, sc := range d.Statements {
		for _, st := range []*pysrc.Stmt{sc.Old, sc.New} {
			if st == nil || st.Scope == "" {
				continue
			}
			for _, n := range st.Binds {
				if !implicitDunder(n) {
					continue
				}
				for _, c := range []string{strings.Split(st.Scope, ".")[0], lastDotted(st.Scope)} {
					if !slices.Contains(out, c) && !slices.Contains(names, c) {
						s.note("%s: %s.%s is read by Python itself: what uses %s", p, st.Scope, n, c)
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}

// implicitDunder reports whether Python itself may read class attribute
// n: any dunder but those only code that names them reads (the docstring,
// the annotations an annotated attribute binds, the names).
func implicitDunder(n string) bool {
	switch n {
	case "__doc__", "__annotations__", "__module__", "__qualname__":
		return false
	}
	return len(n) > 4 && strings.HasPrefix(n, "__") && strings.HasSuffix(n, "__")
}
