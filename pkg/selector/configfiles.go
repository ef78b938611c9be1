package selector

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/lockdiff"
	"github.com/impacted/impacted/pkg/pyproject"
)

// configFile handles pyproject.toml, setup.cfg, tox.ini and uv.lock, and
// reports whether p was one of them. Each is compared by table (or by
// distribution, for the lock): a table of a tool that does not run in
// tests selects nothing, the project's metadata selects the code that
// reads it, dependencies go through the lock, and pytest, coverage, build
// or unknown tables run everything. Code that opens the file by path
// changes in any case.
func (s *state) configFile(p string) bool {
	base := path.Base(p)
	switch base {
	case "pyproject.toml", "setup.cfg", "tox.ini", "uv.lock", ".coveragerc":
	default:
		return false
	}
	if pat := config.MatchAny(s.in.Rules.Ignore, p); pat != "" {
		s.note("%s: ignored (%s)", p, pat)
		return true
	}
	old, ok := s.in.Source.Old(p)
	cur, err := s.in.Source.New(p)
	if !ok && err == nil && base == "uv.lock" && s.recordedDists() != nil {
		s.readers(p)
		s.lockAdded(p, cur)
		return true
	}
	if !ok || err != nil {
		s.fail("invalidated", p) // added or removed: nothing to compare
		return true
	}
	s.readers(p)
	var changes []pyproject.Change
	switch base {
	case "uv.lock":
		s.lockFile(p, old, cur)
		return true
	case "pyproject.toml":
		changes, err = pyproject.Diff(old, cur)
		if err != nil {
			s.fail("invalidated", p)
			return true
		}
	default:
		changes = pyproject.DiffINI(old, cur)
	}
	for _, c := range changes {
		if c.Effect == pyproject.Dependencies && c.Table == "[project].optional-dependencies" && s.extrasNotInstalled(p, old, cur) {
			continue
		}
		s.configChange(p, c)
	}
	return true
}

func (s *state) configChange(p string, c pyproject.Change) {
	switch c.Effect {
	case pyproject.None:
		s.note("%s: %s configures a tool that does not run in tests", p, c.Table)
	case pyproject.Metadata:
		s.note("%s: %s is the project's metadata: the code that reads it", p, c.Table)
		re := metadataCall
		if !strings.HasSuffix(c.Table, ".version") {
			re = fullMetadataCall // version() reads nothing else
		}
		s.metadataReaders(re)
	case pyproject.Coverage:
		if why := s.coverageRuns(); why != "" {
			s.note("%s: %s configures coverage.py, which %s", p, c.Table, why)
			s.fail("invalidated", p+c.Table)
			return
		}
		s.note("%s: %s configures coverage.py, which no test run starts: the code that runs it", p, c.Table)
		s.importersOf([]string{"coverage", "pytest_cov"}, []string{"coverage", "coverage3"}, nil)
	case pyproject.Dependencies:
		switch {
		case s.lockChanged():
			s.note("%s: %s: uv.lock says what it changed", p, c.Table)
		case s.in.EnvRecorded && !s.hasLock():
			// No uv.lock for `uv run` to re-resolve: the tests see what
			// the environment has, which envDrift compares with the map's.
			s.note("%s: %s: the environment it installs is compared with the map's instead", p, c.Table)
		default:
			s.fail("dependencies-unlocked", p+c.Table)
		}
	default:
		if lock, err := s.in.Source.New("uv.lock"); err == nil && c.Table == "[tool.uv].default-groups" && s.recordedDists() != nil {
			// which of the lock's groups `uv run` installs: whatever it
			// may install now is the lock against the map's environment
			s.note("%s: %s: the lock's distributions against the environment the map was built in", p, c.Table)
			s.lockAdded("uv.lock", lock)
			return
		}
		if tool, ok := s.absentTool(c.Table); ok {
			s.note("%s: %s configures %s, which the environment the map was built in does not install: no test reads it", p, c.Table, tool)
			return
		}
		s.fail("invalidated", p+c.Table)
	}
}

// toolTable is a [tool.X] table; buildTools are tools whose tables shape
// what the build installs or reports (packages, package data, the
// version) though the test environment holds none of them.
var (
	toolTable  = regexp.MustCompile(`^\[tool\.([A-Za-z0-9_-]+)\]$`)
	buildTools = map[string]bool{"setuptools": true, "setuptools-scm": true, "poetry": true, "pdm": true, "pdm-backend": true,
		"hatch": true, "hatch-vcs": true, "flit": true, "flit-core": true, "maturin": true, "scikit-build": true,
		"scikit-build-core": true, "meson-python": true, "versioneer": true, "uv": true, "pytest": true, "impacted": true,
		"coverage": true, "pbr": true, "py-build-cmake": true, "whey": true}
)

// absentTool reports the tool an unknown [tool.X] table configures when
// the environment the map recorded installs no distribution of that name
// (normalized; nor one it begins, scikit-build-core for scikit-build):
// nothing that runs in the tests reads it (sponcon, a README tool, in
// structlog). Code of the project reading pyproject.toml by path is
// followed apart (readers); a build tool's table counts in any case.
func (s *state) absentTool(table string) (string, bool) {
	m := toolTable.FindStringSubmatch(table)
	dists := s.recordedDists()
	if m == nil || dists == nil {
		return "", false
	}
	tool := lockdiff.Normalize(m[1])
	if buildTools[tool] {
		return "", false
	}
	for d := range dists {
		if n := lockdiff.Normalize(d); n == tool || strings.HasPrefix(n, tool+"-") {
			return "", false
		}
	}
	return m[1], true
}

// extrasNotInstalled reports whether the changed optional dependencies
// can be followed without a lock. An extra the environment does not have
// (docs, lint: none of its requirements installed) cannot change a test
// run. In one it has, a distribution that requires no other one (pytz)
// changes only the code importing it, once an environment built afresh
// gains or loses it; one that requires others, or that is not installed
// yet, would bring versions no file shows.
func (s *state) extrasNotInstalled(p string, old, cur []byte) bool {
	if s.in.Env == nil || s.lockChanged() {
		return false
	}
	extras, err := pyproject.ChangedExtras(old, cur)
	if err != nil || len(extras) == 0 {
		return false
	}
	var leaves []string
	for _, e := range extras {
		if !slices.ContainsFunc(e.Before, func(n string) bool { _, ok := s.in.Env.Dist(n); return ok }) {
			s.note("%s: optional dependencies [%s] changed (%s); the environment does not have that extra", p, e.Name, strings.Join(e.Changed, ", "))
			continue
		}
		for _, n := range e.Changed {
			if d, ok := s.in.Env.Dist(n); !ok || len(d.Requires) > 0 || d.Paths {
				return false
			}
			leaves = append(leaves, n)
		}
	}
	var changed []lockdiff.Changed
	for _, n := range leaves {
		changed = append(changed, lockdiff.Changed{Name: lockdiff.Normalize(n), Why: "requirement changed"})
	}
	if len(changed) > 0 {
		s.distsChanged(p, changed)
	}
	return true
}

// coverageRuns says why coverage.py runs inside test runs, or "": the
// environment turns it on, or pytest's configuration or a conftest.py
// mentions --cov or pytest_cov. Then its settings (fail_under, sources,
// plugins) can change any run's outcome.
func (s *state) coverageRuns() string {
	if s.in.CoverageRuns {
		return "the environment turns on (PYTEST_ADDOPTS, COVERAGE_PROCESS_START)"
	}
	for _, f := range []string{"pyproject.toml", "pytest.ini", ".pytest.ini", "setup.cfg", "tox.ini"} {
		b, err := s.in.Source.New(f)
		if err != nil || !mentionsCov(b) {
			continue
		}
		// pytest reads its own sections; tox.ini's [testenv] commands
		// (`pytest --cov`, dotenv's) run under tox, not in our runs
		if text, ok := pyproject.PytestSettings(f, b); !ok || mentionsCov([]byte(text)) {
			return "pytest's configuration in " + f + " turns on"
		}
	}
	g := s.graph()
	for _, q := range g.py {
		if isConftest(q) && (mentionsCov(g.src[q]) || bytes.Contains(g.src[q], []byte("coverage"))) {
			return q + " may turn on"
		}
	}
	return ""
}

func mentionsCov(b []byte) bool {
	return bytes.Contains(b, []byte("--cov")) || bytes.Contains(b, []byte("pytest_cov"))
}

// lockChanged reports whether the change edits a uv.lock, which then
// says what a dependency change installs.
func (s *state) lockChanged() bool {
	for _, ch := range s.in.Changes {
		if path.Base(ch.NewPath) == "uv.lock" && (ch.OldPath == ch.NewPath || ch.OldPath == "" && s.recordedDists() != nil) {
			return true
		}
	}
	return false
}

// recordedDists is the environment the map was built in, nil when the map
// predates that record.
func (s *state) recordedDists() map[string]string {
	if prov := s.in.Map.Provenance(); prov != nil {
		return prov.Dists
	}
	return nil
}

// readers: code that opens a configuration file by path reads all of it.
func (s *state) readers(p string) {
	g := s.graph()
	refs := g.fileRefs(p)
	for _, q := range sortedKeys(refs) {
		s.note("%s: read by %s", p, q)
		s.semantic[q] = true
		s.fileNamedIn(q, refs[q], path.Base(p))
	}
}

// metadataCall is code that reads an installed distribution's metadata
// (metadataLines skips the import statements that bring it in: the calls
// are what read it).
var metadataCall = regexp.MustCompile(`importlib[._]metadata|importlib_metadata|pkg_resources|\b(?:version|metadata|distribution|get_distribution|requires|packages_distributions)\(\s*(?:["']|__name__|__package__)`)

// fullMetadataCall reads more than the version: the classifiers, summary,
// urls and requirements are in what these return.
var fullMetadataCall = regexp.MustCompile(`pkg_resources|\b(?:metadata|distribution|distributions|get_distribution|requires|packages_distributions)\s*\(`)

// metadataWords: every match of metadataCall and fullMetadataCall holds
// one. Checking for them first spares the regular expressions the modules
// that cannot match (most of them): on rich a version bump's scan took a
// fifth of the select.
var metadataWords = [][]byte{[]byte("metadata"), []byte("pkg_resources"), []byte("version"), []byte("distribution"), []byte("requires")}

func mayReadMetadata(src []byte) bool {
	return slices.ContainsFunc(metadataWords, func(w []byte) bool { return bytes.Contains(src, w) })
}

// metadataReaders: the project's version or description changed in its
// installed metadata; code reading that metadata changes.
func (s *state) metadataReaders(re *regexp.Regexp) {
	g := s.graph()
	for _, q := range g.py {
		m := g.mods[q]
		if m == nil || !mayReadMetadata(g.src[q]) || !re.Match(g.src[q]) {
			continue
		}
		s.semantic[q] = true // also when a child process runs it
		for _, line := range metadataLines(g.src[q], re) {
			s.note("%s:%d reads installed metadata", q, line)
			if isConftest(q) {
				s.structural(q)
				break
			}
			s.namedAt(q, m, g.src[q], line, "the project's metadata")
		}
	}
}

func metadataLines(src []byte, re *regexp.Regexp) []int {
	var out []int
	line, start := 1, 0
	for i := 0; i <= len(src); i++ {
		if i == len(src) || src[i] == '\n' {
			if l := bytes.TrimSpace(src[start:i]); re.Match(l) && !bytes.HasPrefix(l, []byte("import ")) && !bytes.HasPrefix(l, []byte("from ")) {
				out = append(out, line)
			}
			line, start = line+1, i+1
		}
	}
	return out
}

// hasLock reports whether the project has a uv.lock, which `uv run`
// re-resolves and syncs when the declared dependencies change.
func (s *state) hasLock() bool {
	_, err := s.in.Source.New("uv.lock")
	return err == nil
}
