// Package lockdiff compares two versions of a uv.lock distribution by
// distribution: which ones were added, removed or changed (version,
// source, artifacts, dependencies), and which depend on those, through the
// dependency graph the lock records. The project's own packages (editable
// or virtual sources inside it) are its code, not distributions: their
// version is ignored, and a dependency they gain or lose counts as that
// dependency's change.
package lockdiff

import (
	"encoding/json"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Lock is the part of a uv.lock the comparison needs.
type Lock struct {
	pkgs map[string][]entry // normalised name -> entries (one per resolution fork)
}

type entry struct {
	own      bool            // the project's own package
	deps     map[string]bool // normalised names it depends on, in any group or extra
	body     string          // everything but metadata, for comparison
	version  string
	registry bool // from a package index: its version names its files
}

type rawLock struct {
	Package []map[string]any `toml:"package"`
}

// Parse reads a uv.lock.
func Parse(data []byte) (*Lock, error) {
	var raw rawLock
	if _, err := toml.Decode(string(data), &raw); err != nil {
		return nil, fmt.Errorf("parse uv.lock: %w", err)
	}
	l := &Lock{pkgs: map[string][]entry{}}
	for _, p := range raw.Package {
		name, _ := p["name"].(string)
		if name == "" {
			return nil, fmt.Errorf("parse uv.lock: a [[package]] without a name")
		}
		e := entry{own: ownSource(p["source"]), deps: map[string]bool{}, registry: registrySource(p["source"])}
		e.version, _ = p["version"].(string)
		for _, k := range []string{"dependencies", "optional-dependencies", "dev-dependencies"} {
			collectNames(p[k], e.deps)
		}
		body := map[string]any{}
		for k, v := range p {
			if k != "metadata" && !(e.own && k == "version") {
				body[k] = v
			}
		}
		e.body = canonical(body)
		n := Normalize(name)
		l.pkgs[n] = append(l.pkgs[n], e)
	}
	return l, nil
}

// ownSource reports whether a package's source is the project's own code:
// an editable or virtual path inside the project.
func ownSource(src any) bool {
	m, ok := src.(map[string]any)
	if !ok {
		return false
	}
	for _, k := range []string{"editable", "virtual"} {
		if p, ok := m[k].(string); ok && !strings.HasPrefix(p, "..") && !strings.HasPrefix(p, "/") {
			return true
		}
	}
	return false
}

// registrySource reports whether a package comes from a package index.
func registrySource(src any) bool {
	m, ok := src.(map[string]any)
	if !ok {
		return false
	}
	_, ok = m["registry"]
	return ok
}

// collectNames finds every {name = ...} in a dependency list or a table
// of them.
func collectNames(v any, into map[string]bool) {
	switch v := v.(type) {
	case []map[string]any:
		for _, d := range v {
			collectNames(d, into)
		}
	case []any:
		for _, d := range v {
			collectNames(d, into)
		}
	case map[string]any:
		if n, ok := v["name"].(string); ok {
			into[Normalize(n)] = true
			return
		}
		for _, d := range v {
			collectNames(d, into)
		}
	}
}

func canonical(v any) string {
	b, _ := json.Marshal(v) // maps marshal with sorted keys
	return string(b)
}

var separators = regexp.MustCompile(`[-_.]+`)

// Normalize is PEP 503's name normalisation.
func Normalize(name string) string {
	return strings.ToLower(separators.ReplaceAllString(name, "-"))
}

// Own lists the project's own packages in the lock.
func (l *Lock) Own() []string {
	var out []string
	for n, es := range l.pkgs {
		for _, e := range es {
			if e.own {
				out = append(out, n)
				break
			}
		}
	}
	sort.Strings(out)
	return out
}

// Changed is one distribution whose installed code may differ.
type Changed struct {
	Name string
	Why  string // "added", "removed", "changed", "dependency of own", "depends on x"
}

// Compare lists the distributions whose installed code may differ between
// old and cur: added, removed or changed ones, those the project's own
// packages or a changed distribution gained or lost as a dependency, and,
// transitively, every distribution depending on one of them.
func Compare(old, cur *Lock) []Changed {
	why := map[string]string{}
	names := map[string]bool{}
	for n := range old.pkgs {
		names[n] = true
	}
	for n := range cur.pkgs {
		names[n] = true
	}
	for n := range names {
		a, b := old.pkgs[n], cur.pkgs[n]
		switch {
		case len(a) == 0:
			why[n] = "added"
		case len(b) == 0:
			why[n] = "removed"
		case isOwn(a) || isOwn(b):
			for d := range edgeChange(a, b) {
				if why[d] == "" {
					why[d] = "dependency of " + n
				}
			}
		case bodies(a) != bodies(b):
			why[n] = "changed"
			for d := range edgeChange(a, b) {
				if why[d] == "" {
					why[d] = "dependency of " + n
				}
			}
		}
	}
	for n := range why {
		if isOwn(old.pkgs[n]) || isOwn(cur.pkgs[n]) {
			delete(why, n)
		}
	}
	dependents(why, old, cur)
	return byName(why)
}

func isOwn(es []entry) bool {
	for _, e := range es {
		if e.own {
			return true
		}
	}
	return false
}

func bodies(es []entry) string {
	s := make([]string, len(es))
	for i, e := range es {
		s[i] = e.body
	}
	sort.Strings(s)
	return strings.Join(s, "\n")
}

// edgeChange lists the dependencies one side has and the other lacks.
func edgeChange(a, b []entry) map[string]bool {
	da, db := map[string]bool{}, map[string]bool{}
	for _, e := range a {
		for d := range e.deps {
			da[d] = true
		}
	}
	for _, e := range b {
		for d := range e.deps {
			db[d] = true
		}
	}
	out := map[string]bool{}
	for d := range da {
		if !db[d] {
			out[d] = true
		}
	}
	for d := range db {
		if !da[d] {
			out[d] = true
		}
	}
	return out
}

// dependents adds, transitively, every distribution that depends (on
// either side) on one already in why; the project's own packages are not
// distributions and stop the walk.
func dependents(why map[string]string, old, cur *Lock) {
	rev := map[string][]string{}
	for _, l := range []*Lock{old, cur} {
		for n, es := range l.pkgs {
			if isOwn(es) {
				continue
			}
			for _, e := range es {
				for d := range e.deps {
					rev[d] = append(rev[d], n)
				}
			}
		}
	}
	var queue []string
	for n := range why {
		queue = append(queue, n)
	}
	sort.Strings(queue)
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		for _, r := range rev[n] {
			if why[r] == "" && !isOwn(old.pkgs[r]) && !isOwn(cur.pkgs[r]) {
				why[r] = "depends on " + n
				queue = append(queue, r)
			}
		}
	}
}

// AgainstInstalled lists the distributions whose installed code may
// differ once an environment holding installed (normalised name ->
// version) is synced to cur, as `uv run` does to a project's new lock:
// each one the lock has at another version, or not installed, or from
// a source other than an index (a version does not name a git commit),
// and, transitively, what depends on those. A sync by `uv run` keeps
// what the lock lacks, so nothing is removed.
func AgainstInstalled(cur *Lock, installed map[string]string) []Changed {
	why := map[string]string{}
	for n, es := range cur.pkgs {
		if isOwn(es) {
			continue
		}
		have, ok := installed[n]
		for _, e := range es {
			switch {
			case !ok:
				why[n] = "added"
			case !e.registry:
				why[n] = "not from an index"
			case e.version != have:
				why[n] = have + " -> " + e.version
			}
		}
	}
	dependents(why, cur, cur)
	return byName(why)
}

// byName lists why's distributions in name order.
func byName(why map[string]string) []Changed {
	out := make([]Changed, 0, len(why))
	for n, w := range why {
		out = append(out, Changed{n, w})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
