package distinfo

import (
	"maps"
	"slices"
)

// Versions is every installed distribution's version, by normalised name:
// what a map records of the environment it was built in.
func (e *Env) Versions() map[string]string { return maps.Clone(e.vers) }

// Drifted is one distribution whose installed code differs from a
// recorded environment's, and why.
type Drifted struct {
	Name string
	Why  string // "added", "removed", "1.0 -> 1.1", "requires x"
}

// Drift compares the environment with recorded versions (Versions of the
// environment a map was built in). It lists the distributions added,
// removed or at another version, and, transitively, every installed one
// requiring one of those: their code runs the changed code. own, the
// project's own distribution, is left out: its code is the work tree,
// which the diff covers, and its version may follow every commit.
func (e *Env) Drift(recorded map[string]string, own string) []Drifted {
	own = normalize(own)
	var out []Drifted
	seen := map[string]bool{own: true}
	add := func(name, why string) {
		if !seen[name] {
			seen[name] = true
			out = append(out, Drifted{name, why})
		}
	}
	for _, n := range slices.Sorted(maps.Keys(e.vers)) {
		switch old, ok := recorded[n]; {
		case !ok:
			add(n, "added")
		case old != e.vers[n]:
			add(n, old+" -> "+e.vers[n])
		}
	}
	for _, n := range slices.Sorted(maps.Keys(recorded)) {
		if _, ok := e.vers[n]; !ok {
			add(n, "removed")
		}
	}
	if len(out) == 0 {
		return nil
	}
	delete(seen, own) // what requires the project is the project's own tests' business
	return append(out, e.dependents(seen)...)
}

// dependents lists the installed distributions requiring, transitively,
// one in changed (which it extends).
func (e *Env) dependents(changed map[string]bool) []Drifted {
	requires := map[string][]string{}
	for n := range e.infos {
		d, _ := e.Dist(n)
		requires[n] = d.Requires
	}
	var out []Drifted
	for grew := true; grew; {
		grew = false
		for _, n := range slices.Sorted(maps.Keys(requires)) {
			if changed[n] {
				continue
			}
			for _, r := range requires[n] {
				if changed[r] {
					changed[n], grew = true, true
					out = append(out, Drifted{n, "requires " + r})
					break
				}
			}
		}
	}
	return out
}
