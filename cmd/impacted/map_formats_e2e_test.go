package main

import (
	"bytes"
	"path/filepath"
	"slices"
	"testing"
)

// TestMapJSONAndSQLiteAgree: the .coverage data file pytest-cov writes and
// the JSON `coverage json --show-contexts` exports from it are one map, so
// `impacted select` must print the same selection from either, for every
// kind of change, with the default threshold and with none.
func TestMapJSONAndSQLiteAgree(t *testing.T) {
	dir := newProject(t, "shop")
	mustRun(t, dir, nil, "uv", "run", "pytest", "-q", "-p", "no:cacheprovider", "--cov=.", "--cov-context=test", "--cov-report=")
	mustRun(t, dir, nil, "uv", "run", "coverage", "json", "--show-contexts", "-o", ".cache/c.json")
	patches := []string{
		"01-body-edit-format-money", "02-body-edit-harmless", "06-constant-currency-symbol",
		"13-data-file-products-price", "19-test-edit-assertion", "20-test-edit-harmless", "23-helper-edit-make-cart",
	}
	sqliteBytes := mustReadFile(t, filepath.Join(dir, ".coverage"))
	printed := 0
	for _, name := range patches {
		t.Run(name, func(t *testing.T) {
			resetTree(t, dir)
			patch, err := filepath.Abs(filepath.Join("testdata", "scenarios", "shop", name+".patch"))
			if err != nil {
				t.Fatal(err)
			}
			git(t, dir, "apply", patch)
			for _, extra := range [][]string{nil, {"--threshold", "1"}} {
				sqlite := selectIn(t, dir, nil, append([]string{"--map", ".coverage", "--base", "HEAD"}, extra...)...)
				json := selectIn(t, dir, nil, append([]string{"--map", ".cache/c.json", "--base", "HEAD"}, extra...)...)
				if sqlite.code != json.code || sqlite.fallback() != json.fallback() || !slices.Equal(sqlite.args, json.args) {
					t.Errorf("%v: .coverage and JSON disagree:\n.coverage: exit %d fallback %q %v\nJSON:      exit %d fallback %q %v",
						extra, sqlite.code, sqlite.fallback(), sqlite.args, json.code, json.fallback(), json.args)
				}
				if sqlite.code != 0 && sqlite.code != 2 {
					t.Errorf("%v: exit %d\n%s", extra, sqlite.code, sqlite.stderr)
				}
				if len(sqlite.args) > 0 {
					printed++
				}
			}
		})
	}
	if !bytes.Equal(mustReadFile(t, filepath.Join(dir, ".coverage")), sqliteBytes) {
		t.Error("selecting from .coverage modified it")
	}
	noSQLiteLeftovers(t, filepath.Join(dir, ".coverage"))
	if printed < len(patches) {
		t.Errorf("only %d of %d comparisons had a selection to compare", printed, 2*len(patches))
	}
}
