package selector

import (
	"runtime"

	"github.com/impacted/impacted/pkg/covmap"
)

// Why says what added one part of a selection (a node id, a base or a test
// file) when Input.Explain is set. It is read from the decisions the
// selector itself made, its notes, not recomputed: each part is credited to
// the last note made before it was added, within the same change.
type Why struct {
	// Change is the changed path whose rules added it ("" for the map's
	// record: a test that failed when the map was built).
	Change string `json:"change"`
	// Chain are the decisions that led to it, outermost first; the last
	// one added it. Empty when the change's rule added it without a note
	// (a changed test, for one).
	Chain []string `json:"chain"`
}

// whyState follows which note added what. The rules call each other
// (a rebound name -> a function that uses it -> the tests that ran it), and
// a note's depth in the call stack tells which earlier notes were made by
// its callers: those are its chain.
type whyState struct {
	on     bool
	change int            // index in Input.Changes of the change being applied, -1 before
	cur    int            // the note of the decision being applied, -1 none
	index  map[string]int // note -> its index (a decision is noted once)
	depth  []int          // per note: call depth
	group  []int          // per note: change index
	ids    map[covmap.TestID]credit
	files  map[string]credit
	bases  map[string]credit
}

type credit struct{ note, change int }

func (s *state) whyStart() {
	w := &s.why
	w.on, w.change, w.cur, w.index = s.in.Explain, -1, -1, map[string]int{}
	if w.on {
		w.ids, w.files, w.bases = map[covmap.TestID]credit{}, map[string]credit{}, map[string]credit{}
	}
}

// whyChange: the rules of change i are applied next.
func (s *state) whyChange(i int) {
	if s.why.on {
		s.credit()
		s.why.change = i
	}
}

// whyNote credits what was added since the previous decision to it, and
// makes note n (about to be made, or made before: a decision is noted
// once) the current one.
func (s *state) whyNote(n string) {
	w := &s.why
	if !w.on {
		return
	}
	s.credit()
	if i, ok := w.index[n]; ok {
		w.cur = i
		return
	}
	w.cur = len(w.depth)
	w.index[n] = w.cur
	w.depth = append(w.depth, runtime.Callers(0, make([]uintptr, 4096)))
	w.group = append(w.group, w.change)
}

// credit gives every part not yet credited to the last note of the
// current change (-1: none yet).
func (s *state) credit() {
	w := &s.why
	c := credit{note: w.cur, change: w.change}
	if c.note >= 0 && w.group[c.note] != w.change {
		c.note = -1
	}
	for f := range s.files {
		if _, ok := w.files[f]; !ok {
			w.files[f] = c
		}
	}
	for b := range s.bases {
		if _, ok := w.bases[b]; !ok {
			w.bases[b] = c
		}
	}
	if len(w.ids) == len(s.ids) {
		return
	}
	for id := range s.ids {
		if _, ok := w.ids[id]; !ok {
			w.ids[id] = c
		}
	}
}

// whyResult turns the credits into Selection.Why.
func (s *state) whyResult() map[string]Why {
	if !s.why.on {
		return nil
	}
	s.credit()
	out := map[string]Why{}
	for id, c := range s.why.ids {
		out[s.tests[id]] = s.explain(c)
	}
	for _, m := range []map[string]credit{s.why.bases, s.why.files} {
		for k, c := range m {
			out[k] = s.explain(c)
		}
	}
	return out
}

// explain is the chain of note c.note: walking back through the notes of
// the same change, each note made by a shallower frame than the last one
// kept is a caller's decision.
func (s *state) explain(c credit) Why {
	w := Why{Chain: []string{}}
	if c.change >= 0 && c.change < len(s.in.Changes) {
		w.Change = s.in.Changes[c.change].Path()
	}
	if c.note < 0 {
		return w
	}
	chain := []string{s.notes[c.note]}
	d := s.why.depth[c.note]
	for j := c.note - 1; j >= 0 && s.why.group[j] == c.change; j-- {
		if s.why.depth[j] < d {
			chain, d = append(chain, s.notes[j]), s.why.depth[j]
		}
	}
	for i, j := 0, len(chain)-1; i < j; i, j = i+1, j-1 {
		chain[i], chain[j] = chain[j], chain[i]
	}
	w.Chain = chain
	return w
}
