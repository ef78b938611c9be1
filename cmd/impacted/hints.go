package main

import (
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pydeps"
)

// need is a distribution a pytest command line requires, and why.
type need struct{ dist, why string }

// checkPytestDeps stops a run through `uv run` before it starts pytest
// when the project lacks what the command needs, and says the fix: without
// pytest, `uv run pytest` quietly runs whatever pytest is on PATH, outside
// the project's environment; without pytest-xdist or pytest-cov, pytest
// stops with a usage error about -n or --cov that names no cause. Another
// launcher (--runner) brings its own environment, so it is not checked.
func checkPytestDeps(g *globals, proj *project, p plan.Plan) error {
	i := slices.Index(p.Argv, "pytest")
	if i != 2 || p.Argv[0] != "uv" || p.Argv[1] != "run" {
		return nil
	}
	deps := pydeps.Locate(proj.root, proj.repo.Root, g.getenv("UV_PROJECT_ENVIRONMENT"))
	var missing []need
	for _, n := range pytestNeeds(p.Argv[i+1:]) {
		if !deps.Has(n.dist) {
			missing = append(missing, n)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	names, whys := make([]string, len(missing)), make([]string, len(missing))
	for k, n := range missing {
		names[k], whys[k] = n.dist, n.why
	}
	return fail(exitcode.Unavailable, "this project has no %s (no pyproject.toml declares it, .venv does not have it), and %s: add it with `uv add --dev %s`",
		strings.Join(names, ", "), strings.Join(whys, "; "), strings.Join(names, " "))
}

// pytestNeeds is what pytest's arguments require beyond pytest itself.
func pytestNeeds(args []string) []need {
	out := []need{{"pytest", "`uv run pytest` would run another pytest, outside the project's environment"}}
	if slices.ContainsFunc(args, func(a string) bool { return strings.HasPrefix(a, "--cov") }) {
		out = append(out, need{"pytest-cov", "the map is recorded with pytest-cov's --cov-context=test"})
	}
	if slices.ContainsFunc(args, func(a string) bool { return a == "-n" || strings.HasPrefix(a, "--numprocesses") }) {
		out = append(out, need{"pytest-xdist", "--xdist runs pytest -n, which is pytest-xdist's (or run without --xdist)"})
	}
	return out
}
