package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
)

// formatMoneyEdit changes the body of format_money, which many tests run
// through receipts, discounts and the package re-exports.
func formatMoneyEdit(t *testing.T, dir string) {
	t.Helper()
	editFile(t, dir, "src/shop/formatting.py", `sign = "-" if value < 0 else ""`, `sign = "-" if value < 0 else "" + ""`)
}

// TestMapSysmon: coverage.py's sysmon core (Python 3.12+) disables a line's
// event after its first hit, so with per-test contexts a line run by many
// tests is credited to the first one only. `impacted map build` must give
// a map as complete as the ctrace core's whether the user asks for sysmon
// in the environment or in [tool.coverage.run], and refuse clearly when
// something still forces sysmon on it. These are the coverage collector's
// cases (IMPACTED_COLLECTOR=coverage); impacted's own sysmon collector,
// the default on these Pythons, must give the same complete map.
func TestMapSysmon(t *testing.T) {
	cov := "IMPACTED_COLLECTOR=coverage"
	for _, version := range []string{"3.12.1", "3.13.0"} {
		t.Run(version, func(t *testing.T) {
			dir := newProject(t, "shop")
			mustRun(t, dir, []string{"UV_PYTHON=/root/.pyenv/versions/" + version + "/bin/python3"}, "uv", "sync", "-q")
			if cfg := string(mustReadFile(t, filepath.Join(dir, ".venv", "pyvenv.cfg"))); !strings.Contains(cfg, "version_info = "+version) {
				t.Fatalf("the venv is not Python %s:\n%s", version, cfg)
			}
			helper := funcBody(t, dir, "src/shop/formatting.py", "format_money")
			truth := rawMap(t, dir, "ctrace", []string{"COVERAGE_CORE=ctrace"}).ran(t, helper)
			if n := len(rawMap(t, dir, "sysmon", []string{"COVERAGE_CORE=sysmon"}).ran(t, helper)); n >= len(truth) {
				t.Fatalf("raw sysmon credits format_money to %d tests, ctrace to %d: sysmon is not in use, so this test proves nothing", n, len(truth))
			}
			t.Run("COVERAGE_CORE=sysmon", func(t *testing.T) {
				resetTree(t, dir)
				_, errOut := mustRun(t, dir, []string{"COVERAGE_CORE=sysmon", cov}, impactedBin, "map", "build")
				if !strings.Contains(errOut, "sysmon") {
					t.Errorf("map build does not say it overrides sysmon:\n%s", errOut)
				}
				checkSysmonMap(t, dir, helper, truth, false)
			})
			t.Run("COVERAGE_FORCE_CONFIG core=sysmon is refused", func(t *testing.T) {
				resetTree(t, dir)
				before := buildMap(t, dir, []string{cov})
				force := filepath.Join(t.TempDir(), "force.rc")
				if err := os.WriteFile(force, []byte("[run]\ncore = sysmon\n"), 0o644); err != nil {
					t.Fatal(err)
				}
				_, errOut, code := impacted(t, dir, []string{"COVERAGE_FORCE_CONFIG=" + force, cov}, "map", "build")
				if code == 0 || !strings.Contains(errOut, "sysmon") {
					t.Errorf("map build under a forced sysmon core: exit %d, want a refusal naming sysmon:\n%s", code, errOut)
				}
				if !bytes.Equal(mustReadFile(t, filepath.Join(dir, defaultMap)), before) {
					t.Error("a refused build replaced the map")
				}
			})
			t.Run("[tool.coverage.run] core = sysmon", func(t *testing.T) {
				resetTree(t, dir)
				editFile(t, dir, "pyproject.toml", "relative_files = true\n", "relative_files = true\ncore = \"sysmon\"\n")
				git(t, dir, "commit", "-qam", "coverage: sysmon core")
				if n := len(rawMap(t, dir, "config", []string{"COVERAGE_CORE="}).ran(t, helper)); n >= len(truth) {
					t.Fatalf("core = \"sysmon\" in pyproject.toml credits format_money to %d tests, ctrace to %d: the setting had no effect", n, len(truth))
				}
				buildMap(t, dir, []string{cov})
				checkSysmonMap(t, dir, helper, truth, false)
			})
			t.Run("impacted's sysmon collector", func(t *testing.T) {
				resetTree(t, dir)
				buildMap(t, dir, []string{"COVERAGE_CORE=sysmon"})
				if c := provenanceOf(t, dir).Collector; c != "sysmon" {
					t.Fatalf("the default collector on Python %s is %q, want sysmon", version, c)
				}
				checkSysmonMap(t, dir, helper, truth, true)
			})
		})
	}
}

// rawMap records the suite with pytest-cov alone under env and exports it
// as .cache/NAME.json: what a user's own run of the ADR recipe records.
func rawMap(t *testing.T, dir, name string, env []string) mapDoc {
	t.Helper()
	mustRun(t, dir, env, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test", "--cov-report=")
	out := filepath.Join(".cache", name+".json")
	mustRun(t, dir, nil, "uv", "run", "coverage", "json", "-q", "--show-contexts", "-o", out)
	return readMapDoc(t, filepath.Join(dir, out))
}

// checkSysmonMap: the built map credits the helper to every test ctrace
// does, and a body change of it selects them all, as the ctrace map does.
// impacted's own collector (grouped) credits a line to the first
// parametrization of a function that ran it: then the map credits the
// helper to every function ctrace does, and the selection runs every
// parametrization of those functions, at least what the ctrace map runs.
func checkSysmonMap(t *testing.T, dir string, helper lineSpan, truth map[string]bool, grouped bool) {
	t.Helper()
	doc := readMapDoc(t, filepath.Join(dir, defaultMap))
	if grouped {
		sameSet(t, "functions the built map credits with format_money", bases(doc.ran(t, helper)), bases(truth))
	} else {
		sameSet(t, "tests the built map credits with format_money", doc.ran(t, helper), truth)
	}
	formatMoneyEdit(t, dir)
	all := doc.tests()
	for id := range truth {
		all = append(all, id) // a parametrization that recorded no line of its own is not in a grouped map
	}
	got := mustSelect(t, dir, nil, "--threshold", "1").runs(all)
	if _, missing := diffSets(got, truth); len(missing) > 0 {
		t.Errorf("a body change of format_money does not select %v", missing)
	}
	ctrace := mustSelect(t, dir, nil, "--threshold", "1", "--map", ".cache/ctrace.json", "--base", "HEAD").runs(all)
	if !grouped {
		sameSet(t, "selectResult from the built map vs the ctrace map", got, ctrace)
	} else if _, missing := diffSets(got, ctrace); len(missing) > 0 {
		t.Errorf("the built map selects less than the ctrace map: %v", missing)
	}
}

// bases maps node ids to their functions (the ids without [params]).
func bases(ids map[string]bool) map[string]bool {
	out := map[string]bool{}
	for id := range ids {
		out[strings.SplitN(id, "[", 2)[0]] = true
	}
	return out
}

// provenanceOf reads the build record of the project's map.
func provenanceOf(t *testing.T, dir string) *covmap.Provenance {
	t.Helper()
	doc := readMapDoc(t, filepath.Join(dir, defaultMap))
	if doc.Impacted == nil {
		t.Fatal("the map has no build record")
	}
	return doc.Impacted
}
