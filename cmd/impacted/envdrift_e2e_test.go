package main

import (
	"strings"
	"testing"
)

// TestEnvironmentDrift: the map records the environment it was built in.
// Pins edited but not installed change nothing the tests import; an
// environment that no longer matches the map's (here pytest's own
// dependency downgraded, as a CI job installing new pins would) reaches
// what imports the changed distributions — with an untouched tree, which
// before selected nothing.
func TestEnvironmentDrift(t *testing.T) {
	dir := newProject(t, "shop")
	p := shopCopy{t: t, dir: dir}
	p.write("requirements-dev.txt", "pygments==2.21.0\n")
	git(t, dir, "add", "requirements-dev.txt")
	git(t, dir, "commit", "-qm", "pins")
	mustRun(t, dir, nil, impactedBin, "map", "build")

	p.write("requirements-dev.txt", "pygments==2.19.1\n")
	if s := mustSelect(t, dir, nil, "-v"); len(s.args) != 0 || !strings.Contains(s.stderr, "requirements-dev.txt: dependency pins") {
		t.Errorf("pins edited, environment unchanged: want nothing selected and the pins note, got %v\n%s", s.args, s.stderr)
	}

	mustRun(t, dir, nil, "uv", "pip", "install", "-q", "--python", ".venv/bin/python", "pygments==2.19.1")
	s := selectIn(t, dir, nil, "-v")
	if s.code != 2 || s.fallback() != "dependency-changed:pytest(pytest-plugin)" || !strings.Contains(s.stderr, "pygments 2.21.0 -> 2.19.1") {
		t.Errorf("pygments downgraded in the environment: want exit 2 with dependency-changed:pytest(pytest-plugin) "+
			"(pytest requires pygments), got exit %d, fallback %q\n%s", s.code, s.fallback(), s.stderr)
	}
}
