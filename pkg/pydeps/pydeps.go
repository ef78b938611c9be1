// Package pydeps says whether a Python project has a distribution (pytest,
// pytest-cov, pytest-xdist): declared in a pyproject.toml, or installed in
// its virtual environment. `uv run pytest` in a project without pytest
// runs whatever pytest is on PATH, outside the project's environment, and
// a missing plugin surfaces as a pytest usage error with no hint.
package pydeps

import (
	"path/filepath"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// Project is the directories a project's distributions can come from.
type Project struct {
	Dirs  []string // the project's directory and its parents up to the repository top: workspaces declare in the root
	Venvs []string // virtual environments uv would use
}

// Locate returns the project at dir inside a repository whose top is top;
// venv is $UV_PROJECT_ENVIRONMENT when set.
func Locate(dir, top, venv string) Project {
	var p Project
	for d := filepath.Clean(dir); ; d = filepath.Dir(d) {
		p.Dirs = append(p.Dirs, d)
		p.Venvs = append(p.Venvs, filepath.Join(d, ".venv"))
		if d == filepath.Clean(top) || d == filepath.Dir(d) {
			break
		}
	}
	if venv != "" {
		if !filepath.IsAbs(venv) {
			venv = filepath.Join(dir, venv)
		}
		p.Venvs = append([]string{venv}, p.Venvs...)
	}
	return p
}

// Has reports whether dist is declared by any of the project's
// pyproject.toml files or installed in any of its environments. Either is
// enough: a project may install its tools from requirements files.
func (p Project) Has(dist string) bool {
	dist = Normalize(dist)
	for _, v := range p.Venvs {
		if installed(v, dist) {
			return true
		}
	}
	for _, d := range p.Dirs {
		if Declared(filepath.Join(d, "pyproject.toml"))[dist] {
			return true
		}
	}
	return false
}

// installed looks for the distribution's .dist-info in a venv's
// site-packages (POSIX layout; Windows is not a target).
func installed(venv, dist string) bool {
	name := strings.ReplaceAll(dist, "-", "_")
	m, _ := filepath.Glob(filepath.Join(venv, "lib", "python*", "site-packages", "*.dist-info"))
	for _, d := range m {
		base := filepath.Base(d)
		if i := strings.Index(base, "-"); i > 0 && strings.ReplaceAll(Normalize(base[:i]), "-", "_") == name {
			return true
		}
	}
	return false
}

// pyproject holds the tables that list requirements.
type pyproject struct {
	Project struct {
		Dependencies []string            `toml:"dependencies"`
		Optional     map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	Groups map[string][]any `toml:"dependency-groups"` // strings, or {include-group = ...}
	Tool   struct {
		UV struct {
			Dev []string `toml:"dev-dependencies"`
		} `toml:"uv"`
	} `toml:"tool"`
}

// Declared returns the normalized names of every requirement in a
// pyproject.toml: dependencies, optional dependencies, dependency groups
// and uv's dev-dependencies. A missing or unreadable file declares nothing.
func Declared(path string) map[string]bool {
	var doc pyproject
	if _, err := toml.DecodeFile(path, &doc); err != nil {
		return nil
	}
	reqs := append(append([]string{}, doc.Project.Dependencies...), doc.Tool.UV.Dev...)
	for _, r := range doc.Project.Optional {
		reqs = append(reqs, r...)
	}
	for _, g := range doc.Groups {
		for _, r := range g {
			if s, ok := r.(string); ok {
				reqs = append(reqs, s)
			}
		}
	}
	out := map[string]bool{}
	for _, r := range reqs {
		if name := reqName.FindString(strings.TrimSpace(r)); name != "" {
			out[Normalize(name)] = true
		}
	}
	return out
}

var reqName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*`)

// Normalize is PEP 503's name normalization.
func Normalize(name string) string {
	return strings.ToLower(separators.ReplaceAllString(name, "-"))
}

var separators = regexp.MustCompile(`[-_.]+`)
