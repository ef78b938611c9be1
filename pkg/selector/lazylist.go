package selector

import (
	"bytes"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// lazyNamed handles a line of module r naming q, a module the map saw
// imported lazily, when r defines a PEP 562 `__getattr__`: then r's
// attributes may be q or q's, loaded on the first read and cached (by
// importlib or in r's globals), so later readers run neither r's
// `__getattr__` nor q's code. It reports whether the line needs no other
// rule.
//
// A list of r's lazy submodules, or a table of attribute names to modules,
// that `__getattr__` only looks names up in:
//
//	_LAZY_SUBMODULES = {"converters", "validators", "filters"}
//	_LAZY = {"Item": "core.models"}
//
// did not change; what `__getattr__` answers for the names naming q did.
// So the change reaches what reads those attributes of r, the tests that
// ran the lookups, and the modules that star-import r. Anything else r
// does with q's name is unknown: every importer of r.
func (s *state) lazyNamed(r string, m *pysrc.Module, src []byte, line int, q string) bool {
	if !bindsGetattr(m) {
		return false // an ordinary module: namedAt's rules
	}
	for _, si := range s.starImporters(r) {
		s.note("%s: star-imports %s, whose __getattr__ may load %s", si, r, q)
		s.importTime(si)
	}
	return s.servedByGetattr(r, m, src, line, []string{q}, q)
}

// servedByGetattr handles line of module r, which defines a `__getattr__`,
// naming one of the modules qs (what, for the note): a lazy table's entry
// (lazyTable); an entry of `__all__`, names to export, whose readers are
// namedAt's; anything else, every importer of r (lazyUnknown). It reports
// whether the line needs no other rule.
func (s *state) servedByGetattr(r string, m *pysrc.Module, src []byte, line int, qs []string, what string) bool {
	if st, ok := moduleStmtAt(m, line); ok && st.Pure && slices.Equal(st.Binds, []string{"__all__"}) {
		return false
	}
	if s.lazyTable(r, m, src, line, qs) {
		return true
	}
	s.lazyUnknown(r, line, what)
	return false
}

// lazyTable applies lazyServed when the statement of module r holding line
// is a table r's `__getattr__` only looks names up in, serving names from
// one of the modules qs; it reports whether it did.
func (s *state) lazyTable(r string, m *pysrc.Module, src []byte, line int, qs []string) bool {
	st, ok := moduleStmtAt(m, line)
	if !ok || !st.Pure || len(st.Binds) != 1 || s.changed[r] {
		return false
	}
	var names []string
	for _, q := range qs {
		names = append(names, servedNames(src, st, q)...)
	}
	if len(names) == 0 {
		return false
	}
	lines, ok := s.lookupLines(r, m, src, st, st.Binds[0])
	if ok {
		s.lazyServed(r, st, names, lines)
	}
	return ok
}

// lazyUnknown: module r's `__getattr__` may serve q, read at line in a way
// lazyTable does not know, under any name, cached after the first read.
func (s *state) lazyUnknown(r string, line int, q string) {
	s.note("%s:%d: names %s, and its __getattr__ may serve it under any name, cached after the first read: every importer of %s", r, line, q, r)
	s.importTime(r)
}

// lazyServed: r's table st serves names from the changed module, looked up
// on lines.
func (s *state) lazyServed(r string, st pysrc.Stmt, names []string, lines []int) {
	var tests int
	for _, l := range lines {
		for _, f := range s.mapFiles(r) {
			ids, _ := f.Range(l, l)
			tests += len(ids)
			s.addIDs(ids)
		}
	}
	s.note("%s:%d: %s serves %s through the module's __getattr__: what reads %s, and the %d tests that ran its lookups", r, st.Start, st.Binds[0], strings.Join(names, ", "), strings.Join(names, ", "), tests)
	for l := st.Start; l <= st.End; l++ {
		s.lazyLists[lazyListKey(r, l)] = true // its strings are names, not reads of the attributes
	}
	s.propagate(r, names, nil)
}

func lazyListKey(q string, line int) string { return q + "\x00" + strconv.Itoa(line) }

// inLazyTable reports whether occurrence oc of module q (a string) is an
// entry of a table q's `__getattr__` serves from: one lazyServed followed,
// or one serving names of module from, which it then follows.
func (s *state) inLazyTable(q string, m *pysrc.Module, oc pysrc.Occurrence, from string) bool {
	if oc.Bare || oc.Attr || oc.Where != pysrc.InStatement {
		return false
	}
	if s.lazyLists[lazyListKey(q, oc.Line)] {
		return true
	}
	key := lazyListKey(q, oc.Line) + "\x00" + from
	if v, ok := s.lazyTried[key]; ok {
		return v
	}
	s.lazyTried[key] = false // lazyServed's own propagation may ask again
	v := bindsGetattr(m) && s.lazyTable(q, m, s.graph().src[q], oc.Line, []string{from})
	s.lazyTried[key] = v
	return v
}

// bindsGetattr reports whether module m defines a module-level __getattr__.
func bindsGetattr(m *pysrc.Module) bool {
	for _, u := range m.Units {
		if u.Kind == pysrc.KindFunc && u.Parent < 0 && u.Name == "__getattr__" {
			return true
		}
	}
	for _, st := range m.Stmts() {
		if st.Scope == "" && slices.Contains(st.Binds, "__getattr__") {
			return true
		}
	}
	return false
}

// moduleStmtAt returns the module-level statement holding line.
func moduleStmtAt(m *pysrc.Module, line int) (pysrc.Stmt, bool) {
	for _, st := range m.Stmts() {
		if st.Scope == "" && line >= st.Start && line <= st.End {
			return st, true
		}
	}
	return pysrc.Stmt{}, false
}

var (
	plainString = `("[^"\\\n]*"|'[^'\\\n]*')`
	stringRe    = regexp.MustCompile(plainString)
	pairRe      = regexp.MustCompile(plainString + `\s*:\s*` + plainString)
	listSyntax  = regexp.MustCompile(`^[\s\[\]{}(),]*$`)
	listTarget  = regexp.MustCompile(`^\s*[A-Za-z_]\w*\s*(:\s*[\w\[\], .]+)?=`)
)

// servedNames returns the attribute names statement st (`NAME = ...`)
// serves from module q: in a list, tuple or set of plain strings, q's last
// component; in a dict of plain strings to plain strings, the keys whose
// module is q (its dotted name, a trailing part of it, or relative). Nil
// when st is anything else.
func servedNames(src []byte, st pysrc.Stmt, q string) []string {
	text := statementText(src, st)
	loc := listTarget.FindIndex(text)
	if loc == nil {
		return nil
	}
	value := text[loc[1]:]
	var out []string
	if pairs := pairRe.FindAllSubmatch(value, -1); len(pairs) > 0 {
		if !listSyntax.Match(pairRe.ReplaceAll(value, nil)) {
			return nil
		}
		for _, p := range pairs {
			if namesModule(unquote(p[2]), q) {
				out = append(out, unquote(p[1]))
			}
		}
		return out
	}
	if !listSyntax.Match(stringRe.ReplaceAll(value, nil)) {
		return nil
	}
	for _, lit := range stringRe.FindAll(value, -1) {
		if unquote(lit) == lastComponent(q) {
			out = append(out, lastComponent(q))
		}
	}
	return out
}

func unquote(lit []byte) string { return string(lit[1 : len(lit)-1]) }

// namesModule reports whether dotted (`core.models`, `.models`) can name q.
func namesModule(dotted, q string) bool {
	c := components(q)
	want := strings.TrimLeft(dotted, ".")
	for i := range c {
		if strings.Join(c[i:], ".") == want {
			return true
		}
	}
	return false
}

func statementText(src []byte, st pysrc.Stmt) []byte {
	lines := bytes.Split(src, []byte("\n"))
	if st.Start < 1 || st.End > len(lines) {
		return nil
	}
	return bytes.Join(lines[st.Start-1:st.End], []byte("\n"))
}

// lookupLines returns the lines of r that read table other than its own
// statement st, when each only looks a name up in it (`if x in table:`,
// `table[x]`, `table.get(x`) in the body of one of r's functions, or is a
// pure module-level statement, and no other module names table.
func (s *state) lookupLines(r string, m *pysrc.Module, src []byte, st pysrc.Stmt, table string) ([]int, bool) {
	g := s.graph()
	for _, q := range g.visible(r) {
		if q != r && g.mods[q] != nil && g.mods[q].Names()[table] {
			return nil, false
		}
	}
	t := regexp.QuoteMeta(table)
	word := regexp.MustCompile(`\b` + t + `\b`)
	lookup := regexp.MustCompile(`^\s*(el)?if\s+[A-Za-z_]\w*\s+(not\s+)?in\s+` + t + `\s*:|\b` + t + `\s*\[\s*[A-Za-z_]\w*\s*\]|\b` + t + `\.get\(\s*[A-Za-z_]\w*\s*[,)]`)
	lines := bytes.Split(src, []byte("\n"))
	var out []int
	for _, oc := range m.Occurrences(table) {
		if oc.Line >= st.Start && oc.Line <= st.End {
			continue
		}
		if oc.Where == pysrc.InStatement && m.Stmts()[oc.Stmt].Scope == "" && m.Stmts()[oc.Stmt].Pure {
			continue // `__all__ = [*table]`: reads the table's unchanged names, loads nothing
		}
		if oc.Where != pysrc.InBody || !oc.Bare || oc.Line > len(lines) {
			return nil, false
		}
		l := lines[oc.Line-1]
		if len(word.FindAllIndex(l, -1)) != 1 || !lookup.Match(l) {
			return nil, false
		}
		out = append(out, oc.Line)
	}
	return out, true
}
