package selector

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pyproject"
	"github.com/impacted/impacted/pkg/pysrc"
)

// setupMetadata are the keyword arguments of setuptools' setup() that only
// fill the installed distribution's metadata: the code reading it sees them.
var setupMetadata = map[string]bool{
	"name":    false, // the distribution's name: what imports resolve to, what metadata is looked up by
	"version": true, "description": true, "long_description": true, "long_description_content_type": true,
	"classifiers": true, "url": true, "project_urls": true, "download_url": true, "author": true,
	"author_email": true, "maintainer": true, "maintainer_email": true, "license": true,
	"license_files": true, "keywords": true, "platforms": true, "python_requires": true, "zip_safe": true,
}

// setupDependencies are setup()'s requirement lists: what they install is
// the environment, which envDrift compares with the map's.
var setupDependencies = map[string]bool{
	"install_requires": true, "extras_require": true, "tests_require": true, "setup_requires": true,
}

// setupPy judges a change to the project's setup.py (glom's: classifiers,
// a version read from its package, requirements) by the keyword arguments
// of its one setup() call, as pyproject.toml's [project] table is judged
// key by key. It reports false, for the whole suite, when anything else
// changed: code setup.py runs, packages, entry points (a pytest plugin),
// build options.
func (s *state) setupPy(p string) bool {
	old, ok := s.in.Source.Old(p)
	if !ok {
		return false
	}
	cur, err := s.in.Source.New(p)
	if err != nil {
		return false
	}
	a, okA := setupCall(old)
	b, okB := setupCall(cur)
	if !okA || !okB || !slices.Equal(a.rest, b.rest) {
		return false
	}
	var keys []string
	for k := range a.kwargs {
		keys = append(keys, k)
	}
	for k := range b.kwargs {
		if _, ok := a.kwargs[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	for _, k := range keys {
		va, inA := a.kwargs[k]
		vb, inB := b.kwargs[k]
		if inA && inB && va == vb {
			continue
		}
		table := "setup(" + k + "=)"
		switch {
		case setupMetadata[k]:
			s.configChange(p, pyproject.Change{Table: "setup()." + k, Effect: pyproject.Metadata})
		case setupDependencies[k]:
			s.configChange(p, pyproject.Change{Table: "setup()." + k, Effect: pyproject.Dependencies})
		default:
			s.note("%s: %s changed, which may change what the tests import or run", p, table)
			return false
		}
	}
	return true
}

// setupSource is setup.py read for setupPy: the keyword arguments of its
// setup() call by name (their tokens' text), and every other token.
type setupSource struct {
	kwargs map[string]string
	rest   []string
}

// setupCall splits src at its one top-level `setup(` (or `setuptools.setup(`)
// call with keyword arguments only (no `**kwargs`).
func setupCall(src []byte) (setupSource, bool) {
	toks, err := pysrc.Tokenize(src)
	if err != nil {
		return setupSource{}, false
	}
	var code []pysrc.Token
	for _, t := range toks {
		if t.Type != pysrc.Comment && t.Type != pysrc.NL {
			code = append(code, t)
		}
	}
	out := setupSource{kwargs: map[string]string{}}
	calls := 0
	for i := 0; i < len(code); i++ {
		t := code[i]
		atStart := i == 0 || code[i-1].Type == pysrc.Newline || code[i-1].Type == pysrc.Dedent || code[i-1].Type == pysrc.Indent
		if t.Type == pysrc.Name && t.Text == "setup" && i+1 < len(code) && code[i+1].Text == "(" &&
			(atStart || i >= 2 && code[i-1].Text == "." && code[i-2].Text == "setuptools") {
			end, ok := setupArgs(code, i+2, out.kwargs)
			if !ok {
				return out, false
			}
			calls++
			out.rest = append(out.rest, "setup(...)")
			i = end
			continue
		}
		if atStart && t.Type == pysrc.String && i+1 < len(code) && code[i+1].Type == pysrc.Newline {
			i++ // a bare string (release notes after the call): Python runs nothing
			continue
		}
		out.rest = append(out.rest, t.Text)
	}
	return out, calls == 1
}

// setupArgs reads the keyword arguments from code[i] to the call's closing
// bracket, whose index it returns.
func setupArgs(code []pysrc.Token, i int, kwargs map[string]string) (int, bool) {
	for i < len(code) {
		if code[i].Text == ")" {
			return i, true
		}
		if code[i].Type != pysrc.Name || i+1 >= len(code) || code[i+1].Text != "=" {
			return i, false // a positional argument, **kwargs
		}
		name := code[i].Text
		var val strings.Builder
		depth := 0
		for i += 2; i < len(code); i++ {
			t := code[i]
			if depth == 0 && (t.Text == "," || t.Text == ")") {
				break
			}
			switch t.Text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
			}
			val.WriteString(t.Text)
			val.WriteByte(' ')
		}
		kwargs[name] = val.String()
		if i < len(code) && code[i].Text == "," {
			i++
		}
	}
	return i, false
}
