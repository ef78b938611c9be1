package gitdiff

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
)

// section is one "diff --git" block of the patch: which path it is about
// and the hunks it holds.
type section struct {
	oldPath, newPath string
	deleted, binary  bool
	hunks            []Hunk
}

// patchParser reads a -U0 patch line by line. Inside a hunk it counts the
// '-' and '+' lines the header announced, so a content line that looks like
// a header ("+++ b/x", "diff --git") can never be taken for one.
type patchParser struct {
	sec              *section
	oldLeft, newLeft int
	done             func(*section) error
}

// line feeds one line without its trailing newline.
func (p *patchParser) line(l []byte) error {
	if p.oldLeft > 0 || p.newLeft > 0 {
		return p.body(l)
	}
	switch {
	case bytes.HasPrefix(l, []byte("diff --git ")):
		if err := p.finish(); err != nil {
			return err
		}
		p.sec = &section{}
		if path, ok := headerPath(string(l[len("diff --git "):])); ok {
			p.sec.oldPath, p.sec.newPath = path, path
		}
		return nil
	case bytes.HasPrefix(l, []byte("@@ ")):
		if p.sec == nil {
			return fmt.Errorf("hunk before any file header: %q", l)
		}
		h, err := parseHunkHeader(string(l))
		if err != nil {
			return err
		}
		p.sec.hunks = append(p.sec.hunks, h)
		p.oldLeft, p.newLeft = h.OldCount, h.NewCount
		return nil
	case p.sec == nil:
		return nil // e.g. "* Unmerged path": nothing to attach it to
	}
	return p.header(string(l))
}

// header interprets the extended header lines that name the paths or mark a
// file binary, added or deleted; the rest (index, mode, similarity) is noise.
func (p *patchParser) header(l string) error {
	s := p.sec
	var ok, null bool
	switch {
	case strings.HasPrefix(l, "--- "):
		s.oldPath, _, ok = sidePath(l[4:], "a/")
	case strings.HasPrefix(l, "+++ "):
		s.newPath, null, ok = sidePath(l[4:], "b/")
		s.deleted = s.deleted || null
	case strings.HasPrefix(l, "rename from "), strings.HasPrefix(l, "copy from "):
		_, rest, _ := strings.Cut(l, " from ")
		s.oldPath, ok = unquote(rest)
	case strings.HasPrefix(l, "rename to "), strings.HasPrefix(l, "copy to "):
		_, rest, _ := strings.Cut(l, " to ")
		s.newPath, ok = unquote(rest)
	case strings.HasPrefix(l, "deleted file mode "):
		s.deleted, ok = true, true
	case strings.HasPrefix(l, "Binary files ") && strings.HasSuffix(l, " differ"):
		s.binary, ok = true, true
	default:
		ok = true
	}
	if !ok {
		return fmt.Errorf("malformed patch header %q", l)
	}
	return nil
}

// body consumes one line inside a hunk.
func (p *patchParser) body(l []byte) error {
	c := byte(' ') // an empty line is a context line under diff.suppressBlankEmpty
	if len(l) > 0 {
		c = l[0]
	}
	switch {
	case c == '\\': // "\ No newline at end of file"
	case c == '-' && p.oldLeft > 0:
		p.oldLeft--
	case c == '+' && p.newLeft > 0:
		p.newLeft--
	case c == ' ' && p.oldLeft > 0 && p.newLeft > 0:
		p.oldLeft--
		p.newLeft--
	default:
		return fmt.Errorf("unexpected line in hunk (%d old, %d new lines left): %.80q", p.oldLeft, p.newLeft, l)
	}
	return nil
}

// finish hands the current section over; call it once more at end of input.
func (p *patchParser) finish() error {
	if p.oldLeft > 0 || p.newLeft > 0 {
		return fmt.Errorf("patch ends inside a hunk (%d old, %d new lines missing)", p.oldLeft, p.newLeft)
	}
	sec := p.sec
	p.sec = nil
	if sec == nil {
		return nil
	}
	return p.done(sec)
}

// parseHunkHeader parses "@@ -a[,b] +c[,d] @@ optional function context".
func parseHunkHeader(l string) (Hunk, error) {
	ranges, _, ok := strings.Cut(strings.TrimPrefix(l, "@@ "), " @@")
	oldR, newR, ok2 := strings.Cut(ranges, " ")
	if !ok || !ok2 {
		return Hunk{}, fmt.Errorf("malformed hunk header %q", l)
	}
	var h Hunk
	var err1, err2 error
	h.OldStart, h.OldCount, err1 = parseRange(oldR, '-')
	h.NewStart, h.NewCount, err2 = parseRange(newR, '+')
	if err1 != nil || err2 != nil {
		return Hunk{}, fmt.Errorf("malformed hunk header %q", l)
	}
	return h, nil
}

// parseRange parses "-start[,count]"; a missing count means one line.
func parseRange(s string, sign byte) (start, count int, err error) {
	if s == "" || s[0] != sign {
		return 0, 0, fmt.Errorf("range %q lacks %q", s, sign)
	}
	startS, countS, hasCount := strings.Cut(s[1:], ",")
	if start, err = strconv.Atoi(startS); err != nil || start < 0 {
		return 0, 0, fmt.Errorf("bad range start %q", s)
	}
	count = 1
	if hasCount {
		if count, err = strconv.Atoi(countS); err != nil || count < 0 {
			return 0, 0, fmt.Errorf("bad range count %q", s)
		}
	}
	return start, count, nil
}
