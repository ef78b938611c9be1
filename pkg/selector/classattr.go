package selector

import (
	"bytes"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A class attribute (`name = "fish"` in `class FishComplete`) is not a
// module-level name: no bare `name` anywhere else refers to it. Code reads
// it through the class, a subclass, or an instance made from one of them,
// and each of those must first get hold of the class, by naming it (or a
// subclass, or something that names it: a registry, a factory). So a
// changed attribute of class C changes what C's own body and methods do
// with it, and is otherwise followed as a change of C's binding, instead
// of as every use of its name in every module that can see C's.
//
// That holds only when nothing turns the class body into behaviour the
// class name does not show: a decorator (dataclass), a metaclass, an
// __init_subclass__ hook in a base, a base the project does not define
// (Enum, NamedTuple, a model class), or code that finds classes without
// naming them (__subclasses__, inspect.getmembers). Such a class keeps
// the bare-name rule.

// classAttr is one attribute of a class of module p.
type classAttr struct {
	class, name string // the class's QualName and the attribute's name
	gone        bool   // no longer bound: code reading it fails
}

// plainBases are bases that do nothing with a subclass's attributes.
var plainBases = map[string]bool{"object": true, "Exception": true, "BaseException": true,
	"ValueError": true, "TypeError": true, "KeyError": true, "RuntimeError": true, "LookupError": true,
	"AttributeError": true, "OSError": true, "IOError": true, "UserWarning": true, "Warning": true,
	"DeprecationWarning": true, "Generic": true, "ABC": true, "IndexError": true, "NotImplementedError": true}

// collectionABCs are collections.abc's classes. Their metaclass, ABCMeta,
// reads a subclass's attributes only to find abstract methods, which code
// meets when it makes an instance, and that code names the class; their
// __subclasshook__s answer for classes that do not inherit from them.
// So, as ABC is, they are plain bases (flask's SessionMixin is a
// MutableMapping).
var collectionABCs = map[string]bool{"Container": true, "Hashable": true, "Iterable": true, "Iterator": true,
	"Reversible": true, "Generator": true, "Sized": true, "Callable": true, "Collection": true, "Sequence": true,
	"MutableSequence": true, "Set": true, "MutableSet": true, "Mapping": true, "MutableMapping": true,
	"MappingView": true, "KeysView": true, "ItemsView": true, "ValuesView": true, "Awaitable": true,
	"Coroutine": true, "AsyncIterable": true, "AsyncIterator": true, "AsyncGenerator": true, "Buffer": true}

// abcBase: base b of a class of module m is one of collectionABCs,
// imported by name from collections.abc (or typing's aliases of them).
func abcBase(m *pysrc.Module, b string) bool {
	if !collectionABCs[b] {
		return false
	}
	mod, ok := importedFrom(m, b, true)
	return ok && (mod == "collections.abc" || mod == "typing" || mod == "typing_extensions")
}

// findsClasses are the names of code that reaches classes without naming
// them, as code (`cls.__subclasses__()`, `inspect.getmembers(m)`,
// `gc.get_objects()`) or as a whole string (`getattr(cls,
// "__subclasses__")`); not inside a longer string (jinja's sandbox tests
// render templates that try `__subclasses__`).
var findsClasses = []string{"__subclasses__", "getmembers", "__subclasshook__", "get_objects", "get_referrers", "get_referents"}

// closedClass reports whether class q of module p (m, src) holds
// attributes only its name can reach (see above).
func (s *state) closedClass(p string, m *pysrc.Module, src []byte, q string) bool {
	key := p + "\x00" + q
	if v, ok := s.closed[key]; ok {
		return v
	}
	s.closed[key] = false // a cycle in the bases is not closed
	g := s.graph()
	if g.findsClasses == nil {
		v := false
		for _, f := range g.py {
			if m := g.mods[f]; m == nil {
				v = v || slices.ContainsFunc(findsClasses, func(n string) bool { return bytes.Contains(g.src[f], []byte(n)) }) // unparsable: by its text
			} else {
				v = v || slices.ContainsFunc(findsClasses, func(n string) bool { return m.Names()[n] })
			}
		}
		g.findsClasses = &v
	}
	v := !*g.findsClasses && s.closedHierarchy(m, src, q)
	s.closed[key] = v
	return v
}

func (s *state) closedHierarchy(m *pysrc.Module, src []byte, q string) bool {
	return s.hierarchyClosed(m, src, q, map[string]bool{})
}

// hierarchyClosed is closedHierarchy's walk; walking lists the classes
// above on the way. A base that leads back to one of them (markdown's
// `class TestCase(unittest.TestCase)`, whose base's last name is its own)
// is not read as closed: walking it again would never end.
func (s *state) hierarchyClosed(m *pysrc.Module, src []byte, q string, walking map[string]bool) bool {
	if walking[q] {
		return false
	}
	walking[q] = true
	defer delete(walking, q)
	u, ok := unitByQual(m, q)
	if !ok || u.Kind != pysrc.KindClass || len(u.Decorators) > 0 || definesHook(m, u) {
		return false
	}
	bases, ok := classBases(src, u)
	if !ok {
		return false
	}
	for _, b := range bases {
		if plainBases[b] || abcBase(m, b) {
			continue
		}
		if v, ok := unitByQual(m, b); ok && v.Kind == pysrc.KindClass {
			// a class of the same module (the usual base): that one
			if !s.hierarchyClosed(m, src, b, walking) {
				return false
			}
			continue
		}
		if !s.closedBase(b) {
			return false
		}
	}
	return true
}

// closedBase reports whether every project class named b is closed.
func (s *state) closedBase(b string) bool {
	g := s.graph()
	found := false
	for _, f := range g.py {
		m := g.mods[f]
		if m == nil || !m.Names()[b] {
			continue
		}
		for _, u := range m.Units {
			if u.Parent < 0 && u.Kind == pysrc.KindClass && u.Name == b {
				found = true
				if !s.closedClass(f, m, g.src[f], u.QualName) {
					return false
				}
			}
		}
	}
	return found
}

func unitByQual(m *pysrc.Module, q string) (pysrc.Unit, bool) {
	for _, u := range m.Units {
		if u.QualName == q {
			return u, true
		}
	}
	return pysrc.Unit{}, false
}

// definesHook reports whether class u defines a hook that runs on its
// subclasses' bodies or on its own attributes' names. __class_getitem__
// is none: it runs when code subscripts a class it names (`Base[int]` in a
// subclass's bases, before the subclass exists), which the class's name
// already follows.
func definesHook(m *pysrc.Module, u pysrc.Unit) bool {
	for _, v := range m.Units {
		if v.Parent >= 0 && m.Units[v.Parent].QualName == u.QualName &&
			(v.Name == "__init_subclass__" || v.Name == "__set_name__") {
			return true
		}
	}
	return false
}

// classBases returns the last dotted component of each base in u's
// header, without subscripts; ok is false for a keyword (metaclass=) or
// a header it cannot read.
func classBases(src []byte, u pysrc.Unit) ([]string, bool) {
	lines := bytes.Split(src, []byte("\n"))
	if u.DefLine < 1 || u.BodyStart > len(lines) {
		return nil, false
	}
	end := u.BodyStart
	if end < u.DefLine {
		end = u.DefLine
	}
	header := string(bytes.Join(lines[u.DefLine-1:end], []byte(" ")))
	open := strings.IndexByte(header, '(')
	colon := strings.IndexByte(header, ':')
	if open < 0 || (colon >= 0 && colon < open) {
		return []string{"object"}, colon >= 0
	}
	depth, start := 0, open+1
	var out []string
	for i := open; i < len(header); i++ {
		switch header[i] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
		}
		if (header[i] == ',' && depth == 1) || (header[i] == ')' && depth == 0) {
			base := strings.TrimSpace(header[start:i])
			if j := strings.IndexByte(base, '['); j >= 0 {
				base = base[:j]
			}
			if strings.ContainsAny(base, "=*()") {
				return nil, false
			}
			if base != "" {
				out = append(out, lastDotted(base))
			}
			start = i + 1
			if depth == 0 {
				return out, true
			}
		}
	}
	return nil, false
}

// propagateAttrs follows changed attributes of p's classes: their uses
// inside the class (its body's statements, its methods, their headers),
// then the class's own name.
func (s *state) propagateAttrs(p string, m *pysrc.Module, src []byte, attrs []classAttr) {
	for len(attrs) > 0 && s.fallback == "" {
		a := attrs[0]
		attrs = attrs[1:]
		key := "attr\x00" + p + "\x00" + a.class + "\x00" + a.name
		if s.propagated[key] {
			continue
		}
		s.propagated[key] = true
		attrs = append(attrs, s.usesInClass(p, m, src, a)...)
		if s.attrRead(p, m, a) {
			s.valueOnly = !a.gone
			s.propagate(p, []string{lastDotted(a.class)}, nil)
			s.valueOnly = false
		}
	}
}

// attrRead reports whether any module that can see p names a's name
// (`obj.name`, getattr(obj, "name"), a keyword) other than where a binds
// it: an attribute nothing names is read by nothing, as for a module-level
// name.
func (s *state) attrRead(p string, m *pysrc.Module, a classAttr) bool {
	if implicitDunder(a.name) {
		return true // Python reads it, whatever code names (see implicitlyRead)
	}
	g := s.graph()
	for _, q := range g.visible(p) {
		if q != p {
			if mq := g.mods[q]; mq == nil || mq.Names()[a.name] {
				return true
			}
			continue
		}
		stmts := m.Stmts()
		for _, oc := range m.Occurrences(a.name) {
			if oc.Where != pysrc.InStatement || stmts[oc.Stmt].Scope != a.class || !slices.Contains(stmts[oc.Stmt].Binds, a.name) {
				return true
			}
		}
	}
	return false
}

// usesInClass applies the name rules to the uses of a's name inside its
// class, and returns the attributes that change with it.
func (s *state) usesInClass(p string, m *pysrc.Module, src []byte, a classAttr) []classAttr {
	u, ok := unitByQual(m, a.class)
	if !ok {
		s.structural(p)
		return nil
	}
	var more []classAttr
	stmts := m.Stmts()
	for _, oc := range m.Occurrences(a.name) {
		if oc.Line < u.Start || oc.Line > u.End {
			continue
		}
		switch {
		case oc.Where == pysrc.InStatement:
			st := stmts[oc.Stmt]
			if a.gone || !st.Pure || st.Kind == pysrc.StmtImport || st.Scope == "" {
				s.note("%s:%d: class code uses %s.%s", p, oc.Line, a.class, a.name)
				s.structural(p)
				continue
			}
			for _, b := range st.Binds {
				more = append(more, classAttr{class: st.Scope, name: b})
			}
		case oc.Where == pysrc.InDecorator || m.Units[oc.Unit].Kind == pysrc.KindClass:
			s.note("%s:%d: decorator or class header in %s uses %s", p, oc.Line, a.class, a.name)
			s.structural(p)
		default:
			if oc.Where == pysrc.InBody && m == s.graph().mods[p] {
				s.useLine = s.oldLineOf(p, oc.Line, s.graph().src[p])
			}
			s.usedIn(p, m.Units[oc.Unit], a.class+"."+a.name)
		}
	}
	return more
}

// classScoped splits the names a module no longer binds: those old bound
// only as attributes of closed classes that still exist, and the rest.
func (s *state) classScoped(p string, old, cur *pysrc.Module, curSrc []byte, removed, goneClasses []string) (attrs []classAttr, rest []string) {
	for _, n := range removed {
		scopes := bindingScopes(old, n)
		if len(scopes) > 0 && !slices.ContainsFunc(scopes, func(sc string) bool { return !inClasses(sc, goneClasses) }) {
			continue // only attributes of removed classes: reached through the classes' names
		}
		ok := len(scopes) > 0
		for _, sc := range scopes {
			ok = ok && sc != "" && s.closedClass(p, cur, curSrc, sc) && s.throughClass(p, sc, n)
		}
		if !ok {
			rest = append(rest, n)
			continue
		}
		for _, sc := range scopes {
			attrs = append(attrs, classAttr{class: sc, name: n, gone: true})
		}
	}
	return attrs, rest
}

// bindingScopes lists the scopes ("" for the module) in which m binds n.
func bindingScopes(m *pysrc.Module, n string) []string {
	seen := map[string]bool{}
	var out []string
	add := func(sc string) {
		if !seen[sc] {
			seen[sc] = true
			out = append(out, sc)
		}
	}
	for _, st := range m.Stmts() {
		for _, b := range st.Binds {
			if b == n {
				add(st.Scope)
			}
		}
	}
	for _, u := range m.Units {
		if u.Name == n {
			if u.Parent < 0 {
				add("")
			} else {
				add(m.Units[u.Parent].QualName)
			}
		}
	}
	return out
}

func attrNames(attrs []classAttr) string {
	out := make([]string, len(attrs))
	for i, a := range attrs {
		out[i] = a.class + "." + a.name
		if a.gone {
			out[i] += " (gone)"
		}
	}
	return strings.Join(out, ", ")
}

// stub reports whether u is a one-line function whose body does nothing
// (`def f(x: C) -> C: ...`, an overload): when a name it uses only holds
// a changed value (see state.valueOnly), nothing about it changes.
func stub(src []byte, u pysrc.Unit) bool {
	lines := bytes.Split(src, []byte("\n"))
	if u.Kind != pysrc.KindFunc || u.BodyStart != u.DefLine || u.End != u.DefLine || u.DefLine > len(lines) {
		return false
	}
	l := bytes.TrimSpace(lines[u.DefLine-1])
	return bytes.HasSuffix(l, []byte(": ...")) || bytes.HasSuffix(l, []byte(": pass"))
}

// throughClass reports whether attribute name of closed class q of p is
// better followed through the class than by its bare name. Both reach
// every reader (a reader names the attribute, and got the class by naming
// it); the one that fewer modules name selects less: `Cart.MAX_LINES`
// by its name, `FishComplete.name` through `FishComplete`.
func (s *state) throughClass(p, q, name string) bool {
	g := s.graph()
	byName, byClass := 0, 0
	for _, v := range g.visible(p) {
		if m := g.mods[v]; m != nil {
			if m.Names()[name] {
				byName++
			}
			if m.Names()[lastDotted(q)] {
				byClass++
			}
		}
	}
	return byClass < byName
}

// namersOf follows the code that names function u of p (mod, src) to
// reach it: a method of a closed class through the class, as a changed
// attribute is (its uses in the class, then the class's name), when fewer
// modules name the class than the method, or when the method is a dunder;
// else by its bare name and its class's. A dunder's bare name adds
// nothing to its class's: the protocol calls it through the class, and
// code naming it explicitly (`super().__new__(cls)`, `Tpl.__new__`) holds
// the class or a subclass, which it named; an unrelated `object.__new__`
// or a metaclass's own `__new__` is no reader of it (jinja: a cached
// Template.__new__ reached NodeType.__new__, run at import, so every test).
func (s *state) namersOf(p string, mod *pysrc.Module, src []byte, u pysrc.Unit) {
	if u.Parent >= 0 && mod.Units[u.Parent].Kind == pysrc.KindClass {
		class := mod.Units[u.Parent].QualName
		if s.closedClass(p, mod, src, class) && (implicitDunder(u.Name) || s.throughClass(p, class, u.Name)) {
			s.note("%s: %s is reached through %s", p, u.QualName, class)
			s.propagateAttrs(p, mod, src, []classAttr{{class: class, name: u.Name}})
			return
		}
	}
	s.propagate(p, definitionNames(u.QualName), nil)
}
