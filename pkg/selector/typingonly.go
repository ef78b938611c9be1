package selector

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// typingOnly drops from units the functions of module p whose bodies
// changed only in what Python never runs (pysrc's TypingOnly: local
// variable annotations, typing.cast wrappers) and whose headers did not
// change: no test can see the difference. Each spelling of cast the
// comparison stripped must be typing's in both versions, and no code of
// the function may bind its root name (a parameter `t`, a local `cast`).
func (s *state) typingOnly(p string, d *pysrc.Diff, old, cur *pysrc.Module, oldSrc, curSrc []byte, units []pysrc.Unit) []pysrc.Unit {
	if len(d.TypingOnly) == 0 || !typingCasts(d.Casts, old) || !typingCasts(d.Casts, cur) ||
		slices.ContainsFunc(d.CastReads, func(n string) bool { return !boundAtRunTime(cur, n) }) {
		return units
	}
	newBy := byQual(cur)
	return slices.DeleteFunc(units, func(u pysrc.Unit) bool {
		q := u.QualName
		if !slices.Contains(d.TypingOnly, q) || slices.Contains(d.ChangedHeaders, q) ||
			!castRootsFree(d.Casts, oldSrc, u) || !castRootsFree(d.Casts, curSrc, newBy[q]) {
			return false
		}
		s.note("%s: %s changed only in local annotations or typing casts, which run nothing: nothing", p, q)
		return true
	})
}

// castTypeBuiltins are builtins a cast's type may name.
var castTypeBuiltins = map[string]bool{"int": true, "str": true, "bytes": true, "float": true, "bool": true,
	"list": true, "dict": true, "set": true, "tuple": true, "frozenset": true, "object": true, "type": true}

// boundAtRunTime: module m binds name when it runs, outside any `if
// TYPE_CHECKING:` block (a new cast's type must evaluate).
func boundAtRunTime(m *pysrc.Module, name string) bool {
	if castTypeBuiltins[name] {
		return true
	}
	stmts := m.Stmts()
	for i := range stmts {
		if st := &stmts[i]; st.Scope == "" && slices.Contains(st.Binds, name) && !typeChecked(m, st.Start) {
			return true
		}
	}
	for _, u := range m.Units {
		if u.Parent < 0 && u.Name == name && !typeChecked(m, u.Start) {
			return true
		}
	}
	return false
}

// typingCasts: each spelling ("cast", "t.cast") is typing.cast in module m.
func typingCasts(casts []string, m *pysrc.Module) bool {
	for _, c := range casts {
		root, _, dotted := strings.Cut(c, ".")
		mod, ok := importedFrom(m, root, !dotted)
		if !ok || mod != "typing" && mod != "typing_extensions" {
			return false
		}
	}
	return true
}

// castRootsFree: in unit u's lines, every occurrence of a cast spelling's
// root is a use of it (`t.` or `cast(`), never a binding of the name.
func castRootsFree(casts []string, src []byte, u pysrc.Unit) bool {
	lines := bytes.Split(src, []byte("\n"))
	if u.Start < 1 || u.End > len(lines) {
		return false
	}
	text := bytes.Join(lines[u.Start-1:u.End], []byte("\n"))
	for _, c := range casts {
		root, _, dotted := strings.Cut(c, ".")
		use := `\(`
		if dotted {
			use = `\.`
		}
		re := regexp.MustCompile(`(^|[^\w.])` + regexp.QuoteMeta(root) + `\b(\s*` + use + `)?`)
		for _, m := range re.FindAllSubmatchIndex(text, -1) {
			if m[4] < 0 {
				return false
			}
		}
	}
	return true
}
