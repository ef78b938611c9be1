package pyproject

// quietTools configure tools that read the source but never run inside
// pytest: linters, type checkers, formatters, spell and release tools. tox
// is one too: it runs pytest in environments of its own, never inside the
// pytest `impacted run` starts (as tox.ini's [tox] and [testenv] sections).
var quietTools = setOf(
	"tox",
	"ruff", "mypy", "black", "isort", "pyright", "basedpyright", "codespell", "pylint",
	"flake8", "bandit", "pydocstyle", "docformatter", "towncrier", "commitizen",
	"bumpversion", "bumpver", "tbump", "semantic_release", "cibuildwheel",
	"check-manifest", "interrogate", "vulture", "autopep8", "yapf", "mdformat", "typos",
	"deptry", "pyproject-fmt", "tomlsort", "refurb", "pyrefly", "ty", "rstcheck", "doc8",
	"pycln", "autoflake", "repo-review", "check-wheel-contents", "sphinx-pyproject",
	"pydoclint", "darglint", "mypy-baseline", "pyupgrade", "blacken-docs", "sourcery",
	"gha-update",
)

// projectKey is the effect of one key of [project].
func projectKey(k string) Effect {
	switch k {
	case "version", "description", "readme", "license", "license-files", "authors",
		"maintainers", "keywords", "classifiers", "urls", "requires-python":
		return Metadata
	case "dependencies", "optional-dependencies":
		return Dependencies
	default: // name, scripts, gui-scripts, entry-points, dynamic, unknown
		return Everything
	}
}

// poetryKey is the effect of one key of [tool.poetry], poetry's own
// [project] (rich's releases bump its version there): the metadata keys
// as [project]'s, what it installs as dependencies, and what shapes the
// build or the entry points (name, packages, include, scripts, plugins,
// unknown keys) as everything.
func poetryKey(k string) Effect {
	switch k {
	case "version", "description", "readme", "license", "authors", "maintainers", "keywords",
		"classifiers", "homepage", "repository", "documentation", "urls":
		return Metadata
	case "dependencies", "dev-dependencies", "group", "extras", "source":
		return Dependencies
	default:
		return Everything
	}
}

// dynamicEffect is the effect of a changed [project].dynamic: the fields
// it adds or drops move between pyproject.toml and the build backend, which
// changes those fields' values only (a static version replacing flit's
// __version__: jinja's 9e49736a). The values' own keys are compared too.
func dynamicEffect(a, b map[string]any) Effect {
	old, okA := stringSet(a["dynamic"])
	cur, okB := stringSet(b["dynamic"])
	if !okA || !okB {
		return Everything
	}
	e := None
	for k := range old {
		if !cur[k] {
			e = max(e, projectKey(k))
		}
	}
	for k := range cur {
		if !old[k] {
			e = max(e, projectKey(k))
		}
	}
	return e
}

// stringSet reads a TOML array of strings (absent: empty); ok is false for
// any other value.
func stringSet(v any) (map[string]bool, bool) {
	out := map[string]bool{}
	if v == nil {
		return out, true
	}
	xs, ok := v.([]any)
	if !ok {
		return nil, false
	}
	for _, x := range xs {
		s, ok := x.(string)
		if !ok {
			return nil, false
		}
		out[s] = true
	}
	return out, true
}

// uvKey is the effect of one key of [tool.uv]: what is installed goes
// through the lock; whether and how the project itself is installed
// changes every test; the rest configures uv's own behaviour.
func uvKey(k string) Effect {
	switch k {
	case "dev-dependencies", "sources", "index", "index-url", "extra-index-url", "find-links",
		"no-index", "constraint-dependencies", "override-dependencies",
		"build-constraint-dependencies", "dependency-metadata", "workspace", "conflicts",
		"environments", "required-environments", "prerelease", "resolution", "exclude-newer",
		"exclude-newer-package", "fork-strategy", "index-strategy", "no-binary", "no-build",
		"no-binary-package", "no-build-package", "no-sources":
		return Dependencies
	case "package", "default-groups", "build-backend", "config-settings",
		"config-settings-package", "no-build-isolation", "no-build-isolation-package",
		"extra-build-dependencies", "extra-build-variables":
		return Everything
	default:
		return None
	}
}

func setOf(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}
