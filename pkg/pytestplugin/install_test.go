package pytestplugin

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestInstallWritesEveryPlugin(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "missing", "plugins")
	got, err := Install(dir)
	if err != nil {
		t.Fatalf("Install: %v", err)
	}
	if got != dir {
		t.Fatalf("Install returned %q, want %q", got, dir)
	}
	for _, module := range []string{FilterPlugin, MapInfoPlugin} {
		want, ok := Source(module)
		if !ok || len(want) == 0 {
			t.Fatalf("Source(%q) = %d bytes, ok=%v", module, len(want), ok)
		}
		content, err := os.ReadFile(filepath.Join(dir, module+".py"))
		if err != nil {
			t.Fatalf("read installed %s: %v", module, err)
		}
		if !bytes.Equal(content, want) {
			t.Errorf("installed %s differs from the embedded source", module)
		}
	}
	assertNoTempFiles(t, dir)
}

func TestInstallRewritesOnlyChangedFiles(t *testing.T) {
	dir := t.TempDir()
	if _, err := Install(dir); err != nil {
		t.Fatalf("first Install: %v", err)
	}
	filter := filepath.Join(dir, FilterPlugin+".py")
	mapinfo := filepath.Join(dir, MapInfoPlugin+".py")
	old := time.Date(2001, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, path := range []string{filter, mapinfo} {
		if err := os.Chtimes(path, old, old); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.WriteFile(mapinfo, []byte("stale = True\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Install(dir); err != nil {
		t.Fatalf("second Install: %v", err)
	}
	if info, err := os.Stat(filter); err != nil || !info.ModTime().Equal(old) {
		t.Errorf("unchanged %s was rewritten (stat err %v)", filter, err)
	}
	want, _ := Source(MapInfoPlugin)
	if content, _ := os.ReadFile(mapinfo); !bytes.Equal(content, want) {
		t.Errorf("stale %s was not replaced", mapinfo)
	}
	assertNoTempFiles(t, dir)
}

func TestInstallFailsWhereNoDirectoryCanBe(t *testing.T) {
	file := filepath.Join(t.TempDir(), "a-file")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, dir := range []string{"", file, filepath.Join(file, "below")} {
		if _, err := Install(dir); err == nil {
			t.Errorf("Install(%q) succeeded, want an error", dir)
		}
	}
}

func TestSourceOfUnknownModule(t *testing.T) {
	if _, ok := Source("impacted_nothing"); ok {
		t.Error("Source of an unknown module reported ok")
	}
}

func TestPythonPath(t *testing.T) {
	sep := string(os.PathListSeparator)
	cases := []struct{ dir, current, want string }{
		{"/p", "", "/p"},
		{"/p", "/a", "/p" + sep + "/a"},
		{"/p", "/a" + sep + "/b", "/p" + sep + "/a" + sep + "/b"},
	}
	for _, c := range cases {
		if got := PythonPath(c.dir, c.current); got != c.want {
			t.Errorf("PythonPath(%q, %q) = %q, want %q", c.dir, c.current, got, c.want)
		}
	}
}

func assertNoTempFiles(t *testing.T, dir string) {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, entry := range entries {
		if filepath.Ext(entry.Name()) != ".py" {
			t.Errorf("leftover file %s in %s", entry.Name(), dir)
		}
	}
}
