package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestMapBuildStopped: when pytest does not finish a map build, the build
// says how it ended, how many tests had finished, names the fix for a
// project's own time limits, and keeps the old map. A test ends
// pytest the way pytest-timeout's thread method does (os._exit), or the
// way Ctrl-C and --session-timeout do (an interrupted session, exit 2), or
// is killed by a signal.
// (The real pytest-timeout is not a dependency of the examples.)
func TestMapBuildStopped(t *testing.T) {
	dir := newProject(t, "shop")
	before := buildMap(t, dir, nil)
	// The stopping test runs after test_cart.py and test_catalog.py: the
	// count is theirs, and the rest of the suite is not paid for.
	total := 0
	for _, id := range readMapDoc(t, filepath.Join(dir, defaultMap)).tests() {
		if strings.HasPrefix(id, "tests/test_cart.py::") || strings.HasPrefix(id, "tests/test_catalog.py::") {
			total++
		}
	}
	for _, tc := range []struct{ name, body, says string }{
		{"os._exit", "import os\n    os._exit(1)", "pytest exited 1 before its session ended"},
		{"KeyboardInterrupt", "raise KeyboardInterrupt", "pytest was interrupted (exit 2"},
		// The OOM killer, or a CI runner's kill -9 of the test process.
		{"SIGKILL", "import os, signal\n    os.kill(os.getpid(), signal.SIGKILL)", "pytest was killed by signal 9 while building the map"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			resetTree(t, dir)
			last := filepath.Join(dir, "tests", "test_catalog_zz.py")
			if err := os.WriteFile(last, []byte("def test_ends_pytest():\n    "+tc.body+"\n"), 0o644); err != nil {
				t.Fatal(err)
			}
			_, errOut, code := impacted(t, dir, nil, "map", "build")
			for _, want := range []string{tc.says, "after " + strconv.Itoa(total) + " tests", "the old one is kept", "impacted map build -- --timeout=0"} {
				if !strings.Contains(errOut, want) {
					t.Errorf("exit %d; the message does not say %q:\n%s", code, want, errOut)
				}
			}
			if code == 0 {
				t.Error("a stopped build exited 0")
			}
			if !bytes.Equal(mustReadFile(t, filepath.Join(dir, defaultMap)), before) {
				t.Error("a stopped build replaced the map")
			}
		})
	}
}
