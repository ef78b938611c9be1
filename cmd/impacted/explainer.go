package main

import (
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/impacted/impacted/pkg/audit"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/selector"
)

// explainer answers for one selection made with Input.Explain.
type explainer struct {
	out               *outcome
	ids, bases, files map[string]bool
	lines             map[string]string // changed path -> its changed lines
	inMap             map[string]bool
}

func newExplainer(out *outcome) *explainer {
	e := &explainer{out: out, ids: setOf(out.sel.IDs), bases: setOf(out.sel.Bases), files: setOf(out.sel.Files),
		lines: map[string]string{}, inMap: setOf(out.m.Tests())}
	for _, ch := range out.changes {
		e.lines[ch.Path()] = hunkLines(ch)
	}
	return e
}

// named explains the tests the arguments name, every selected test without.
func (e *explainer) named(args []string) (out []testWhy) {
	if len(args) == 0 {
		for _, n := range e.selected() {
			out = append(out, e.test(n))
		}
		return sortByCause(out)
	}
	defer func() { out = sortByCause(out) }()
	for _, a := range args {
		switch file, line, hasLine := strings.Cut(a, ":"); {
		case strings.Contains(a, "::"):
			out = append(out, e.test(a))
		case hasLine && isNumber(line):
			n, _ := strconv.Atoi(line)
			for _, t := range e.ranLine(file, n) {
				out = append(out, e.test(t))
			}
		default:
			out = append(out, e.byFile(a)...)
		}
	}
	return out
}

// selected lists what the selection runs: the map's tests it covers, and
// the bases and files that stand for tests the map has not seen.
func (e *explainer) selected() []string {
	var out []string
	covered := map[string]bool{}
	for _, n := range e.out.m.Tests() {
		if e.runs(n) {
			out = append(out, n)
			covered[pytestplugin.NodeBase(n)], covered[fileOfNode(n)] = true, true
		}
	}
	for _, x := range append(slices.Clone(e.out.sel.Bases), e.out.sel.Files...) {
		if !covered[x] {
			out = append(out, x)
		}
	}
	return out
}

func (e *explainer) runs(n string) bool {
	return e.ids[n] || e.bases[pytestplugin.NodeBase(n)] || e.files[fileOfNode(n)] || e.bases[n] || e.files[n]
}

// test explains one node id.
func (e *explainer) test(n string) testWhy {
	t := testWhy{Test: n, Runs: e.runs(n)}
	if !t.Runs {
		t.Reason = e.notSelected(n)
		return t
	}
	for _, via := range []string{n, pytestplugin.NodeBase(n), fileOfNode(n)} {
		if w, ok := e.out.sel.Why[via]; ok && (via == n && e.ids[n] || e.bases[via] || e.files[via]) {
			t.Via, t.Change, t.Lines, t.Chain = via, w.Change, e.lines[w.Change], w.Chain
			break
		}
	}
	return t
}

func (e *explainer) notSelected(n string) string {
	if !e.inMap[n] {
		return "the map does not know it, and no changed test file holds it (a test added since the map was built runs when its file changes)"
	}
	return "no rule reached it; nearest change: " + audit.Nearest(n, e.out.changes, ranLines(e.out, n))
}

// ranLine lists the map's tests that ran line n of file.
func (e *explainer) ranLine(file string, n int) []string {
	tests := e.out.m.Tests()
	var out []string
	for _, f := range selector.MapFiles(e.out.m, e.out.proj.root, false, file) {
		ran, _ := f.Range(n, n)
		for _, id := range ran {
			out = append(out, tests[id])
		}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// byFile explains the tests a changed file selected, or a test file's tests.
func (e *explainer) byFile(file string) []testWhy {
	var out []testWhy
	for _, n := range e.selected() {
		if t := e.test(n); t.Change == file || fileOfNode(n) == file {
			out = append(out, t)
		}
	}
	if len(out) == 0 {
		for _, n := range e.out.m.Tests() {
			if fileOfNode(n) == file {
				out = append(out, e.test(n))
			}
		}
	}
	if len(out) == 0 {
		out = append(out, testWhy{Test: file, Reason: "it selects nothing: it did not change, or its change selects no test"})
	}
	return sortByCause(out)
}

// sortByCause groups the tests that the same decisions selected.
func sortByCause(ts []testWhy) []testWhy {
	key := func(t testWhy) string { return t.Change + "\x00" + strings.Join(t.Chain, "\x00") }
	sort.SliceStable(ts, func(i, j int) bool {
		if ki, kj := key(ts[i]), key(ts[j]); ki != kj {
			return ki < kj
		}
		return ts[i].Test < ts[j].Test
	})
	return ts
}

func fileOfNode(n string) string { f, _, _ := strings.Cut(n, "::"); return f }

func isNumber(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
