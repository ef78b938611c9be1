package main

import (
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/impacted/impacted/pkg/atomicfile"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/selector"
)

// writeSelection writes the node-id file and the filter plugin's input
// (into the run's scratch directory, or for a dry run where its printed
// command can find it), and returns the test files pytest must collect and
// the input's path.
func writeSelection(proj *project, sel *selector.Selection, scratch *runScratch, order []string) ([]string, string, error) {
	args := runnableArgs(proj, sel.Args())
	if err := writeNodeIDs(proj, args, scratch); err != nil {
		return nil, "", err
	}
	doc := pytestplugin.Selection{IDs: sel.IDs, Bases: sel.Bases, Files: sel.Files, Known: sel.Known, Order: order}
	content, err := pytestplugin.EncodeSelection(doc)
	if err != nil {
		return nil, "", fail(exitcode.Software, "%w", err)
	}
	path := ""
	if scratch != nil {
		path = scratch.path("selection.json")
	} else {
		path = dryRunSelection(proj, content)
		pruneDryRuns(filepath.Dir(path), path)
	}
	if err := atomicfile.Write(path, content); err != nil {
		return nil, "", fail(exitcode.CantCreate, "%w", err)
	}
	return testFiles(args), path, nil
}

// testFiles are the files of pytest arguments (node ids or paths), once
// each, in order: what pytest must collect for a selection.
func testFiles(args []string) []string {
	var files []string
	seen := map[string]bool{}
	for _, a := range args {
		f, _, _ := strings.Cut(a, "::")
		if !seen[f] {
			seen[f] = true
			files = append(files, f)
		}
	}
	return files
}

// writeNodeIDs leaves the selection where the ADR's Justfile did. A run
// whose scratch went to a temporary directory has already warned that
// .cache cannot be written, and goes on without it.
func writeNodeIDs(proj *project, args []string, scratch *runScratch) error {
	lines := strings.Join(args, "\n")
	if lines != "" {
		lines += "\n"
	}
	err := atomicfile.Write(proj.abs(nodeIDsFile), []byte(lines))
	if err != nil && (scratch == nil || scratch.lock != nil) {
		return fail(exitcode.CantCreate, "%w", err)
	}
	return nil
}

// runnableArgs keeps the pytest arguments whose file exists: pytest exits 4
// for a path that does not, so a deleted test file must never be printed
// or passed. (The map still knows its tests; nothing of them can run.)
func runnableArgs(proj *project, args []string) []string {
	out := args[:0:0]
	exists := testFileExists(proj)
	for _, a := range args {
		if exists(a) {
			out = append(out, a)
		}
	}
	return out
}

// testFileExists answers, once per file, whether a node id's (or a path
// argument's) file exists in the project.
func testFileExists(proj *project) func(nodeid string) bool {
	memo := map[string]bool{}
	return func(nodeid string) bool {
		f, _, _ := strings.Cut(nodeid, "::")
		ok, seen := memo[f]
		if !seen {
			_, err := os.Stat(proj.abs(f))
			ok = err == nil
			memo[f] = ok
		}
		return ok
	}
}

// pruneDryRuns removes dry-run selections older than a day: long enough to
// paste a printed command, short enough not to pile up.
func pruneDryRuns(dir string, keep string) {
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		if info, err := e.Info(); err == nil && p != keep && time.Since(info.ModTime()) > 24*time.Hour {
			os.Remove(p)
		}
	}
}
