package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMapBuildAtomic: a build replaces the map in one rename, so a reader
// that opened the old map keeps reading it whole; it leaves nothing of its
// own work in .cache; and a build whose pytest fails to run keeps the
// previous map byte for byte and exits with pytest's code.
func TestMapBuildAtomic(t *testing.T) {
	dir := newProject(t, "shop")
	path := filepath.Join(dir, defaultMap)
	old := buildMap(t, dir, nil)
	onlyTheMapIn(t, dir)

	reader, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer reader.Close()
	editFile(t, dir, "src/shop/formatting.py", `"""Return '1 item' or '3 items'."""`, `"""Return '1 item' or '3 items', in English."""`)
	git(t, dir, "commit", "-qam", "a new commit for a new map")
	if fresh := buildMap(t, dir, nil); bytes.Equal(fresh, old) {
		t.Fatal("the rebuilt map is identical to the old one: the check below proves nothing")
	}
	if seen, err := io.ReadAll(reader); err != nil || !bytes.Equal(seen, old) {
		t.Errorf("a reader of the old map saw %d other bytes (err %v): the map was rewritten in place", len(seen), err)
	}
	onlyTheMapIn(t, dir)

	before := mustReadFile(t, path)
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"unknown pytest option", []string{"--no-such-option"}, 4},
		{"no test collected", []string{"-k", "no_such_test"}, 5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, errOut, code := impacted(t, dir, nil, append([]string{"map", "build", "--"}, tc.args...)...)
			if code != tc.code || !strings.Contains(errOut, "no map written") {
				t.Errorf("map build: exit %d, want pytest's %d and a word that no map was written:\n%s", code, tc.code, errOut)
			}
			if !bytes.Equal(mustReadFile(t, path), before) {
				t.Error("a failed build changed the map")
			}
			onlyTheMapIn(t, dir)
		})
	}
}

// onlyTheMapIn fails when .cache holds anything a build should not leave:
// temporary files, coverage data files, the map-info record.
func onlyTheMapIn(t *testing.T, dir string) {
	t.Helper()
	cache := filepath.Join(dir, ".cache")
	err := filepath.WalkDir(cache, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(cache, p)
		name := d.Name()
		switch {
		case rel == "coverage.json", rel == filepath.Join("impacted", ".gitignore"), strings.HasPrefix(rel, filepath.Join("impacted", "plugin")+string(filepath.Separator)):
		case strings.Contains(name, ".tmp"), strings.HasPrefix(name, ".coverage"), strings.HasPrefix(name, ".mapinfo"), name == "mapinfo.json":
			t.Errorf("the build left %s in .cache", rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
