package distinfo

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDist(t *testing.T) {
	venv := t.TempDir()
	site := filepath.Join(venv, "lib", "python3.12", "site-packages")
	write := func(rel, body string) {
		p := filepath.Join(site, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("PyYAML-6.0.dist-info/RECORD", "yaml/__init__.py,sha256=x,1\n_yaml/__init__.py,,\nPyYAML-6.0.dist-info/RECORD,,\n")
	write("pytest_cov-6.0.dist-info/RECORD", "pytest_cov/plugin.py,,\n../../../bin/x,,\n")
	write("pytest_cov-6.0.dist-info/entry_points.txt", "[pytest11]\npytest_cov = pytest_cov.plugin\n")
	write("cov-1.0.dist-info/RECORD", "a1_cov.pth,,\ncov.py,,\n")
	write("a1_cov.pth", "import sys; exec('x')\n")
	write("lib-1.0.dist-info/RECORD", "__editable__.lib-1.0.pth,,\n")
	write("__editable__.lib-1.0.pth", "/src/lib\n")
	write("tool-1.0.dist-info/RECORD", "tool.cpython-312-x86_64-linux-gnu.so,,\n")
	write("tool-1.0.dist-info/METADATA", "Name: tool\nRequires-Dist: Click>=8\nRequires-Dist: rich; extra == \"fancy\"\n\nRequires-Dist: body\n")
	write("tool-1.0.dist-info/entry_points.txt", "[console_scripts]\ntool = tool:main\n")
	e := Open(venv)
	if e == nil {
		t.Fatal("no environment found")
	}
	d, ok := e.Dist("pyyaml")
	if slices.Sort(d.TopLevel); !ok || !slices.Equal(d.TopLevel, []string{"_yaml", "yaml"}) {
		t.Errorf("pyyaml = %+v, %v", d, ok)
	}
	if d, _ := e.Dist("pytest-cov"); !d.Plugin || !slices.Equal(d.TopLevel, []string{"pytest_cov"}) {
		t.Errorf("pytest-cov = %+v", d)
	}
	if d, _ := e.Dist("cov"); !d.Pth || d.Paths {
		t.Errorf("cov = %+v, want a .pth that runs code", d)
	}
	if d, _ := e.Dist("lib"); d.Pth || !d.Paths || len(d.TopLevel) != 0 {
		t.Errorf("lib = %+v, want a path .pth and nothing listed", d)
	}
	if d, _ := e.Dist("tool"); !slices.Equal(d.TopLevel, []string{"tool"}) || !slices.Equal(d.Scripts, []string{"tool"}) || !slices.Equal(d.Requires, []string{"click"}) {
		t.Errorf("tool = %+v", d)
	}
	if _, ok := e.Dist("missing"); ok {
		t.Error("a missing distribution was found")
	}
	if p := e.Provided(); !p["yaml"] || !p["json"] || p["missing"] {
		t.Errorf("Provided() lacks yaml or json, or has missing")
	}
	if Open(t.TempDir()) != nil {
		t.Error("an empty directory is not an environment")
	}
}
