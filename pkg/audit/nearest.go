package audit

import (
	"fmt"
	"strings"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// Ran gives, for a changed path (on the side the map was built on), the
// lines the test ran there, ascending; nil when it ran none or the map does
// not know the file.
type Ran func(path string) []int

// Nearest names the changed lines nearest to what a missed test ran: for
// each changed file it ran code of, the hunk closest to a line it ran and
// that line; else the changes of its own file; else every changed path. It
// is where to look for the link the selector did not follow.
func Nearest(test string, changes []gitdiff.Change, ran Ran) string {
	var near []string
	for _, ch := range changes {
		if ch.OldPath == "" || len(ch.Hunks) == 0 {
			continue
		}
		lines := ran(ch.OldPath)
		if len(lines) == 0 {
			continue
		}
		h, line, dist := closest(ch.Hunks, lines)
		near = append(near, fmt.Sprintf("%s:%s (it ran line %d, %d away)", ch.OldPath, span(h), line, dist))
	}
	if len(near) > 0 {
		return strings.Join(near, ", ")
	}
	file, _, _ := strings.Cut(test, "::")
	var all []string
	for _, ch := range changes {
		if ch.Path() == file {
			return "its own file " + describe(ch) + " (it ran no changed file)"
		}
		all = append(all, describe(ch))
	}
	return "it ran no changed file; the change: " + strings.Join(all, ", ")
}

// closest returns the hunk nearest to any of lines, that line and the distance.
func closest(hunks []gitdiff.Hunk, lines []int) (gitdiff.Hunk, int, int) {
	best, bestLine, bestDist := hunks[0], lines[0], -1
	for _, h := range hunks {
		lo, hi := h.OldStart, h.OldStart+max(h.OldCount, 1)-1
		for _, l := range lines {
			d := 0
			switch {
			case l < lo:
				d = lo - l
			case l > hi:
				d = l - hi
			}
			if bestDist < 0 || d < bestDist {
				best, bestLine, bestDist = h, l, d
			}
		}
	}
	return best, bestLine, bestDist
}

func span(h gitdiff.Hunk) string {
	if h.OldCount <= 1 {
		return fmt.Sprint(h.OldStart)
	}
	return fmt.Sprintf("%d-%d", h.OldStart, h.OldStart+h.OldCount-1)
}

func describe(ch gitdiff.Change) string {
	if len(ch.Hunks) == 0 {
		return ch.Path()
	}
	parts := make([]string, len(ch.Hunks))
	for i, h := range ch.Hunks {
		parts[i] = span(h)
	}
	return ch.Path() + ":" + strings.Join(parts, ",")
}
