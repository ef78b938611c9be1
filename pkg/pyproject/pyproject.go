// Package pyproject tells, table by table, what a change to a project's
// configuration files (pyproject.toml, setup.cfg, tox.ini) can do to a
// test run: most of what they hold configures tools that never run in
// tests (linters, type checkers, formatters), some is the project's
// metadata, some its dependencies (which the lock file resolves), and some
// changes how pytest, coverage or the build run, which can change any test.
package pyproject

import (
	"fmt"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// Effect is what a changed table can do to the tests.
type Effect int

// The effects, from none to everything.
const (
	None         Effect = iota // configures a tool that does not run in tests
	Metadata                   // the installed project's metadata: code reading it changes
	Dependencies               // what gets installed: the lock file's diff says what changed
	Coverage                   // coverage.py's settings: they matter where coverage runs
	Everything                 // pytest, the build, entry points, or unknown
)

func (e Effect) String() string {
	return [...]string{"none", "metadata", "dependencies", "coverage", "everything"}[e]
}

// Change is one changed table (or key of a table) and its effect.
type Change struct {
	Table  string // "[tool.ruff]", "[project].version"
	Effect Effect
}

// Diff compares two versions of a pyproject.toml, key by key where a
// table mixes effects ([project], [tool.uv]) and table by table elsewhere.
func Diff(old, cur []byte) ([]Change, error) {
	var a, b map[string]any
	if _, err := toml.Decode(string(old), &a); err != nil {
		return nil, fmt.Errorf("parse the old pyproject.toml: %w", err)
	}
	if _, err := toml.Decode(string(cur), &b); err != nil {
		return nil, fmt.Errorf("parse pyproject.toml: %w", err)
	}
	var out []Change
	for _, k := range changedKeys(a, b) {
		switch k {
		case "project":
			pa, pb := sub(a, k), sub(b, k)
			out = append(out, keyed("[project].", pa, pb, func(key string) Effect {
				if key == "dynamic" {
					return dynamicEffect(pa, pb)
				}
				return projectKey(key)
			})...)
		case "dependency-groups":
			out = append(out, Change{"[dependency-groups]", Dependencies})
		case "tool":
			out = append(out, tools(sub(a, k), sub(b, k))...)
		default: // build-system, unknown tables
			out = append(out, Change{"[" + k + "]", Everything})
		}
	}
	return out, nil
}

func tools(a, b map[string]any) []Change {
	var out []Change
	for _, t := range changedKeys(a, b) {
		switch {
		case t == "uv":
			out = append(out, keyed("[tool.uv].", sub(a, t), sub(b, t), uvKey)...)
		case t == "poetry":
			out = append(out, keyed("[tool.poetry].", sub(a, t), sub(b, t), poetryKey)...)
		case t == "flit" || t == "hatch":
			out = append(out, builders(t, sub(a, t), sub(b, t))...)
		case quietTools[t]:
			out = append(out, Change{"[tool." + t + "]", None})
		case t == "coverage":
			out = append(out, Change{"[tool.coverage]", Coverage})
		default: // pytest, impacted, build backends, unknown tools
			out = append(out, Change{"[tool." + t + "]", Everything})
		}
	}
	return out
}

// builders: flit's and hatch's tables mix what they build into the
// installed package (everything) with what only goes into an sdist, or
// hatch's own environments, which `uv run` never uses.
func builders(t string, a, b map[string]any) []Change {
	var out []Change
	for _, k := range changedKeys(a, b) {
		c := Change{"[tool." + t + "." + k + "]", Everything}
		switch {
		case k == "sdist" || k == "envs":
			c.Effect = None
		case k == "build":
			ta, tb := sub(sub(a, k), "targets"), sub(sub(b, k), "targets")
			if changed := changedKeys(ta, tb); slices.Equal(changed, []string{"sdist"}) &&
				reflect.DeepEqual(withoutKey(sub(a, k), "targets"), withoutKey(sub(b, k), "targets")) {
				c = Change{"[tool." + t + ".build.targets.sdist]", None}
			}
		}
		out = append(out, c)
	}
	return out
}

func withoutKey(m map[string]any, k string) map[string]any {
	out := map[string]any{}
	for key, v := range m {
		if key != k {
			out[key] = v
		}
	}
	return out
}

func keyed(prefix string, a, b map[string]any, effect func(string) Effect) []Change {
	var out []Change
	for _, k := range changedKeys(a, b) {
		out = append(out, Change{prefix + k, effect(k)})
	}
	return out
}

// changedKeys lists the keys whose values differ, sorted.
func changedKeys(a, b map[string]any) []string {
	var out []string
	for k, v := range a {
		if w, ok := b[k]; !ok || !reflect.DeepEqual(v, w) {
			out = append(out, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}

// sub returns table k of t, or an empty table for a value of another kind.
func sub(t map[string]any, k string) map[string]any {
	if m, ok := t[k].(map[string]any); ok {
		return m
	}
	if _, ok := t[k]; ok {
		return map[string]any{"": t[k]} // not a table: compared as one value
	}
	return map[string]any{}
}

// Extra is one [project].optional-dependencies list that changed.
type Extra struct {
	Name    string
	Changed []string // distributions whose requirement was added, removed or edited
	Before  []string // every distribution the old list required
}

// ChangedExtras lists the optional-dependency lists that differ.
func ChangedExtras(old, cur []byte) ([]Extra, error) {
	a, err := extras(old)
	if err != nil {
		return nil, err
	}
	b, err := extras(cur)
	if err != nil {
		return nil, err
	}
	var out []Extra
	for _, name := range changedKeys(toAny(a), toAny(b)) {
		e := Extra{Name: name}
		seen := map[string]bool{}
		for _, pair := range [][2][]string{{a[name], b[name]}, {b[name], a[name]}} {
			for _, r := range pair[0] {
				if n := requirementName.FindString(r); n != "" && !slices.Contains(pair[1], r) && !seen[n] {
					seen[n] = true
					e.Changed = append(e.Changed, n)
				}
			}
		}
		for _, r := range a[name] {
			if n := requirementName.FindString(r); n != "" {
				e.Before = append(e.Before, n)
			}
		}
		sort.Strings(e.Changed)
		out = append(out, e)
	}
	return out, nil
}

func extras(data []byte) (map[string][]string, error) {
	var doc struct {
		Project struct {
			Optional map[string][]string `toml:"optional-dependencies"`
		} `toml:"project"`
	}
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil, err
	}
	out := map[string][]string{}
	for k, list := range doc.Project.Optional {
		for _, r := range list {
			out[k] = append(out[k], strings.Join(strings.Fields(r), ""))
		}
	}
	return out, nil
}

func toAny(m map[string][]string) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

var requirementName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*`)
