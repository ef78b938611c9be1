package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// implicitlyRead returns the classes of module p whose behaviour changes
// with a dunder attribute their bodies bind (`__slots__ = ...`, `__hash__
// = None`, `__lt__ = _lt`, `__match_args__`): Python reads those itself,
// when it makes the class, its instances or runs an operator, so no code
// names them. What uses the class changes, as for a changed method: both
// the outermost class's name and the class's own.
func (s *state) implicitlyRead(p string, old, cur *pysrc.Module, names []string) []string {
	var out []string
	for _, n := range names {
		if !implicitDunder(n) {
			continue
		}
		for _, m := range []*pysrc.Module{old, cur} {
			for _, sc := range bindingScopes(m, n) {
				if sc == "" {
					continue
				}
				for _, c := range []string{strings.Split(sc, ".")[0], lastDotted(sc)} {
					if !slices.Contains(out, c) && !slices.Contains(names, c) {
						s.note("%s: %s.%s is read by Python itself: what uses %s", p, sc, n, c)
						out = append(out, c)
					}
				}
			}
		}
	}
	return out
}

// implicitDunder reports whether Python itself may read class attribute
// n: any dunder but the docstring, which only code that names it reads.
func implicitDunder(n string) bool {
	return len(n) > 4 && strings.HasPrefix(n, "__") && strings.HasSuffix(n, "__") && n != "__doc__"
}
