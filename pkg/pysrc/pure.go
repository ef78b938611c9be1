package pysrc

// clean reports whether [lo, hi) can run no code of its own when evaluated:
// no call (a name, `)`, `]`, `}` or string followed by `(`; `in (`, `and (`
// and the like are no calls), none inside an f-string field, no await, no
// yield. Attribute and subscript reads count as clean.
func (a *stmtScan) clean(lo, hi int) bool {
	for k := lo; k < hi; k++ {
		switch a.typ(k) {
		case Name:
			if t := a.text(k); t == "await" || t == "yield" {
				return false
			}
		case String:
			if formatted(a.text(k)) && fieldRuns(a.text(k)) {
				return false
			}
		case Op:
			if k > lo && a.text(k) == "(" && a.callee(k-1) && !pureCallables[a.text(k-1)] && !a.literalMethod(k-1) {
				return false
			}
		}
	}
	return true
}

// pureCallables are constructors and factories of the standard library
// that build a value and do nothing else, so `TAX_RATE = Decimal("0.20")`,
// `ROOT = Path(__file__).parent`, `_MISSING = object()` or `WRITE_LOCKS =
// weakref.WeakKeyDictionary()` stays a plain binding of a name (partial
// binds its function without calling it). Matched on the last component of
// the callee (`decimal.Decimal(...)` too). Names a project or library may
// well give a class with side effects (Counter, Event) are left out.
var pureCallables = map[string]bool{
	"Decimal": true, "Fraction": true, "int": true, "float": true, "str": true, "bytes": true,
	"bool": true, "tuple": true, "frozenset": true, "set": true, "list": true, "dict": true,
	"complex": true, "range": true, "Path": true, "PurePath": true, "PurePosixPath": true,
	"PureWindowsPath": true, "timedelta": true, "date": true, "datetime": true, "time": true,
	"timezone": true, "compile": true, "namedtuple": true, "TypeVar": true, "ParamSpec": true,
	"NewType": true, "field": true, "auto": true, "MappingProxyType": true, "getLogger": true,
	"object": true, "WeakKeyDictionary": true, "WeakValueDictionary": true, "WeakSet": true,
	"defaultdict": true, "OrderedDict": true, "ChainMap": true, "deque": true, "ContextVar": true,
	"SimpleNamespace": true, "Lock": true, "RLock": true, "partial": true,
}

// literalMethods are the methods of str that build a value from a plain
// literal and their arguments, as str(...) does: `'.'.join(parts)` in a
// version module (glom's `__version__ = '.'.join([str(p) for p in
// version_info ...])`). Not format, which calls its arguments' __format__.
var literalMethods = map[string]bool{
	"join": true, "lower": true, "upper": true, "strip": true, "lstrip": true,
	"rstrip": true, "split": true, "rsplit": true, "replace": true, "encode": true,
	"startswith": true, "endswith": true,
}

// literalMethod reports whether the name at k is such a method of a plain
// string literal (`'.'.join`).
func (a *stmtScan) literalMethod(k int) bool {
	return a.typ(k) == Name && literalMethods[a.text(k)] && a.is(k-1, Op, ".") &&
		a.typ(k-2) == String && !formatted(a.text(k-2))
}

// callee reports whether the token at k, followed by `(`, makes a call.
func (a *stmtScan) callee(k int) bool {
	switch a.typ(k) {
	case Name:
		return !isKeyword(a.text(k))
	case String:
		return true
	case Op:
		t := a.text(k)
		return t == ")" || t == "]" || t == "}"
	}
	return false
}

// formatted reports whether a string literal is an f-string or t-string,
// whose fields are code.
func formatted(lit string) bool {
	for i := 0; i < len(lit) && lit[i] != '"' && lit[i] != '\''; i++ {
		if c := lit[i] | 0x20; c == 'f' || c == 't' {
			return true
		}
	}
	return false
}

// fieldRuns reports whether an f-string's replacement fields may call
// something or bind a name (`:=`). It errs on the side of yes: strings
// nested in a field and format specs are read as code too.
func fieldRuns(lit string) bool {
	depth, prev := 0, -1 // prev: offset of the last non-space byte in a field
	for i := 0; i < len(lit); i++ {
		c := lit[i]
		if depth == 0 {
			if c == '{' && i+1 < len(lit) && lit[i+1] == '{' {
				i++
			} else if c == '{' {
				depth, prev = 1, -1
			}
			continue
		}
		switch c {
		case ' ', '\t', '\n', '\r', '\f':
			continue
		case '{':
			depth++
		case '}':
			depth--
		case '(':
			if prev >= 0 && callerAt(lit, prev) {
				return true
			}
		case '=':
			if prev >= 0 && lit[prev] == ':' {
				return true
			}
		}
		prev = i
	}
	return false
}

// callerAt reports whether the byte at i of an f-string's field, followed
// by `(`, ends something callable: a name that is no keyword, a closing
// bracket or a quote.
func callerAt(s string, i int) bool {
	switch c := s[i]; {
	case c == ')' || c == ']' || c == '"' || c == '\'':
		return true
	case !isNameChar(c):
		return false
	}
	j := i
	for j > 0 && isNameChar(s[j-1]) {
		j--
	}
	return !isDigit(s[j]) && !isKeyword(s[j:i+1])
}
