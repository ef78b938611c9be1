package selector

import (
	"bytes"

	"github.com/impacted/impacted/pkg/pysrc"
)

// guardLine finds, from line g of u upwards, the line every path to an
// edit at indentation ind passes: the statement before it in its block,
// or the header of the block holding it. A clause (`else:`, `finally:`, a
// bare `except:`, which report no run; an `elif` or `except E:` before
// the edit's own statement, which a path may skip) stands for its compound
// statement's first line. A decorator, a nested def or class, a `case`
// stops the reading.
func guardLine(o sides, u pysrc.Unit, g, ind int) (int, bool) {
	k := g
	for k >= u.BodyStart && (o.start(k) != k || indentOf(o.lines, k) > ind) {
		k--
	}
	if k < u.BodyStart {
		return 0, false
	}
	enclosing := indentOf(o.lines, k) < ind
	if enclosing && !endsWithColon(o.lines[o.end(k)-1]) {
		return 0, false
	}
	switch w := o.word(k); w {
	case "if", "for", "while", "try", "with":
		return k, true
	case "elif", "except":
		if enclosing && (w == "elif" || !bareExcept(o.lines[k-1])) {
			return k, true
		}
		return compoundStart(o, u, k)
	case "else", "finally":
		return compoundStart(o, u, k)
	case "def", "class", "async", "@", "case", "match", "lambda":
		return 0, false
	default: // a simple statement: return, x = ..., print(...)
		return k, !enclosing
	}
}

// compoundStart walks from clause line k up to the first line of its
// compound statement.
func compoundStart(o sides, u pysrc.Unit, k int) (int, bool) {
	ind := indentOf(o.lines, k)
	for j := k - 1; j >= u.BodyStart; j-- {
		if o.start(j) != j || indentOf(o.lines, j) > ind {
			continue
		}
		if indentOf(o.lines, j) < ind {
			return 0, false
		}
		switch o.word(j) {
		case "elif", "else", "except", "finally":
		case "if", "for", "while", "try":
			return j, true
		default:
			return 0, false
		}
	}
	return 0, false
}

func endsWithColon(line []byte) bool {
	if i := bytes.IndexByte(line, '#'); i >= 0 {
		line = line[:i]
	}
	return bytes.HasSuffix(bytes.TrimSpace(line), []byte(":"))
}

func bareExcept(line []byte) bool {
	t := bytes.TrimSpace(line)
	return bytes.HasPrefix(bytes.TrimSpace(t[len("except"):]), []byte(":"))
}
