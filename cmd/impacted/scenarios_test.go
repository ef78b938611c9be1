package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/pytestplugin"
)

// scenario is one change to an example project, from testdata/scenarios/<project>.
type scenario struct {
	name, kind, expect, why string
	breaks                  bool
	patch                   string
}

func loadScenarios(t *testing.T, project string) []scenario {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "scenarios", project, "*.patch"))
	if err != nil || len(paths) == 0 {
		t.Fatalf("no scenarios for %s: %v", project, err)
	}
	var out []scenario
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		abs, _ := filepath.Abs(p)
		sc := scenario{name: strings.TrimSuffix(filepath.Base(p), ".patch"), patch: abs}
		for _, line := range strings.Split(string(data), "\n") {
			k, v, ok := strings.Cut(strings.TrimPrefix(line, "# "), ":")
			if !strings.HasPrefix(line, "# ") || !ok {
				continue
			}
			v = strings.TrimSpace(v)
			switch k {
			case "kind":
				sc.kind = v
			case "breaks":
				sc.breaks = v == "yes"
			case "expect":
				sc.expect = v
			case "why":
				sc.why = v
			}
		}
		out = append(out, sc)
	}
	return out
}

// planned is what `impacted run --dry-run` decided, read back from the
// files it leaves for the pytest filter plugin.
type planned struct {
	full  bool
	ids   map[string]bool
	bases map[string]bool
	files map[string]bool
	known map[string][]string
	count int
}

func dryRun(t *testing.T, dir string, args ...string) planned {
	t.Helper()
	out, errOut, code := impacted(t, dir, nil, append([]string{"run", "--dry-run"}, args...)...)
	if code != 0 {
		t.Fatalf("impacted run --dry-run: exit %d\n%s\n%s", code, out, errOut)
	}
	p := planned{full: strings.Contains(out, " full=true ")}
	if p.full {
		return p
	}
	var doc struct {
		IDs, Bases, Files []string
		Known             map[string][]string
	}
	// The plan names the selection file it leaves; none means nothing runs.
	m := regexp.MustCompile(`(?m)^impacted: env: IMPACTED_SELECTION=(.*)$`).FindStringSubmatch(out)
	if m == nil {
		return p
	}
	data, err := os.ReadFile(m[1])
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	p.ids, p.bases, p.files, p.known = set(doc.IDs), set(doc.Bases), set(doc.Files), doc.Known
	p.count = len(doc.IDs) + len(doc.Bases) + len(doc.Files)
	return p
}

func set(xs []string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

// runs reports whether the plan runs the failing test (or collects the
// failing file), with the filter plugin's rules.
func (p planned) runs(id string) bool {
	if p.full {
		return true
	}
	if id == everything {
		return p.count > 0
	}
	file, _, isTest := strings.Cut(id, "::")
	if p.files[file] || p.ids[id] {
		return true
	}
	if !isTest { // a collection error in a file or a package: any selected test below it shows it
		for _, set := range []map[string]bool{p.ids, p.bases, p.files} {
			for a := range set {
				if strings.HasPrefix(a, file+"::") || strings.HasPrefix(a, file+"/") {
					return true
				}
			}
		}
		return false
	}
	b := pytestplugin.NodeBase(id)
	if p.bases[b] {
		return true
	}
	if known, ok := p.known[b]; ok {
		for _, k := range known {
			if k == id {
				return false
			}
		}
		return true
	}
	return false
}

// TestScenariosNeverMissAFailure is the project's first promise: after each
// change in testdata/scenarios/<project> (one subtest per example project),
// every test that really fails (the whole suite is run to know) is in the
// selection, with a map built by `impacted map build` and with a plain
// ADR-style map (coverage json, no provenance).
func TestScenariosNeverMissAFailure(t *testing.T) {
	for _, project := range scenarioProjects(t) {
		t.Run(project, func(t *testing.T) { checkScenarios(t, project) })
	}
}

// scenarioProjects lists the example projects that have scenarios.
func scenarioProjects(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(filepath.Join("testdata", "scenarios"))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if e.IsDir() {
			out = append(out, e.Name())
		}
	}
	if len(out) == 0 {
		t.Fatal("no scenario projects in testdata/scenarios")
	}
	return out
}

// checkScenarios runs every scenario of one example project.
func checkScenarios(t *testing.T, project string) {
	dir := newProject(t, project)
	mustRun(t, dir, nil, impactedBin, "map", "build")
	mustRun(t, dir, nil, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test", "--cov-report=")
	mustRun(t, dir, nil, "uv", "run", "coverage", "json", "--show-contexts", "-o", ".cache/adr.json")
	maps := map[string][]string{
		"built": nil,
		"adr":   {"--map", ".cache/adr.json", "--base", "HEAD"},
	}
	var selected, total, fallbacks int
	for _, sc := range loadScenarios(t, project) {
		t.Run(sc.name, func(t *testing.T) {
			git(t, dir, "checkout", "-q", "--", ".")
			git(t, dir, "clean", "-qfd", "-e", ".venv", "-e", ".cache")
			git(t, dir, "apply", sc.patch)
			failing := failingTests(t, dir)
			if sc.breaks != (len(failing) > 0) {
				t.Fatalf("scenario says breaks=%v but the suite reports %d failures: %v", sc.breaks, len(failing), failing)
			}
			for _, name := range []string{"built", "adr"} {
				p := dryRun(t, dir, maps[name]...)
				for _, f := range failing {
					if !p.runs(f) {
						t.Errorf("[%s map] %s (%s): failing test %s is not selected; selection: ids=%v bases=%v files=%v",
							name, sc.kind, sc.why, f, keys(p.ids), keys(p.bases), keys(p.files))
					}
				}
				if name != "built" {
					continue
				}
				total++
				if p.full {
					fallbacks++
				} else {
					selected += p.count
				}
				switch sc.expect {
				case "nothing":
					if p.full || p.count != 0 {
						t.Errorf("%s: want an empty selection, got full=%v count=%d", sc.kind, p.full, p.count)
					}
				case "no-fallback":
					if p.full {
						t.Errorf("%s: want a selection, got the whole suite", sc.kind)
					}
				case "fallback":
					if !p.full {
						t.Errorf("%s: want the whole suite", sc.kind)
					}
				}
			}
		})
	}
	t.Logf("%s scenarios: %d, fallbacks to the whole suite: %d, selected arguments in the others: %d", project, total, fallbacks, selected)
}

func keys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
