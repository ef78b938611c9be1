package pyproject

import (
	"bytes"
	"sort"
	"strings"
)

// DiffINI compares two versions of setup.cfg or tox.ini section by
// section. Comments, blank lines and indentation-only edits do not count.
func DiffINI(old, cur []byte) []Change {
	a, b := sections(old), sections(cur)
	var names []string
	for k, v := range a {
		if b[k] != v {
			names = append(names, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	out := make([]Change, 0, len(names))
	for _, n := range names {
		out = append(out, Change{"[" + n + "]", iniSection(n)})
	}
	return out
}

// sections maps each section name to its normalised text; "" holds what
// comes before the first section.
func sections(data []byte) map[string]string {
	out := map[string]string{}
	cur := ""
	for _, raw := range bytes.Split(data, []byte("\n")) {
		line := strings.TrimSpace(string(raw))
		switch {
		case line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
			continue
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			cur = strings.TrimSpace(line[1 : len(line)-1])
			out[cur] += ""
			continue
		}
		out[cur] += line + "\n"
	}
	return out
}

// iniSection is the effect of one section of setup.cfg or tox.ini.
func iniSection(n string) Effect {
	head, _, _ := strings.Cut(n, ":")
	switch {
	case n == "pytest" || n == "tool:pytest":
		return Everything
	case head == "coverage" || head == "run" || head == "report" || head == "paths" || head == "html" || head == "xml" || head == "json" || head == "lcov":
		return Coverage // a .coveragerc's sections, or setup.cfg's [coverage:run]
	case n == "metadata":
		return Metadata
	case quietSections[n] || quietSections[head] || strings.HasPrefix(n, "mypy") ||
		strings.HasPrefix(n, "testenv") || strings.HasPrefix(n, "gh-actions") ||
		strings.HasPrefix(n, "bumpversion") || strings.HasPrefix(n, "pylint"):
		return None
	default: // options (install_requires, packages, entry points), build sections, unknown
		return Everything
	}
}

var quietSections = setOf(
	"flake8", "pycodestyle", "pep8", "pydocstyle", "isort", "tool:isort", "codespell",
	"tox", "tox:tox", "bandit", "yapf", "darglint", "doc8", "check-manifest", "zest.releaser",
	"devpi:upload", "aliases", "pep257", "mccabe", "rstcheck",
)
