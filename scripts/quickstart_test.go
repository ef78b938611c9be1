// Package scripts tests the quick start's scripts the way a new machine
// runs them.
package scripts

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestEnsureToolsOnStockDebianPython: on a machine whose only Python is an
// externally-managed one (PEP 668) without ensurepip (Debian without
// python3-venv), and with neither uv nor just on PATH, sourcing
// scripts/ensure-tools installs both privately into the tools directory
// and puts them on PATH; a second run installs nothing.
func TestEnsureToolsOnStockDebianPython(t *testing.T) {
	tmp := t.TempDir()
	simBin := debianPython(t, filepath.Join(tmp, "python"))
	goPath, err := exec.LookPath("go")
	if err != nil {
		t.Fatal("go is not on PATH")
	}
	path := strings.Join([]string{simBin, filepath.Dir(goPath), "/usr/bin", "/bin"}, ":")
	for _, tool := range []string{"uv", "just"} {
		if p := lookIn(path, tool); p != "" {
			t.Fatalf("the new machine's PATH must not have %s, but %s does", tool, p)
		}
	}
	tools := filepath.Join(tmp, "tools")
	env := []string{"PATH=" + path, "HOME=" + filepath.Join(tmp, "home"), "IMPACTED_TOOLS_DIR=" + tools}

	// The simulated machine refuses what the old ensure-tools did.
	if out := run(t, env, "python3", "-m", "pip", "install", "--no-index", "uv"); !strings.Contains(out, "externally-managed-environment") {
		t.Fatalf("the simulated system Python is not externally managed:\n%s", out)
	}
	if out := run(t, env, "python3", "-m", "venv", filepath.Join(tmp, "venv")); !strings.Contains(out, "ensurepip") {
		t.Fatalf("python3 -m venv works on the simulated machine (want Debian's missing ensurepip):\n%s", out)
	}

	script := `. scripts/ensure-tools && command -v uv just && uv --version && just --version`
	out := run(t, env, "bash", "-c", script)
	want := []string{filepath.Join(tools, "bin", "uv"), filepath.Join(tools, "bin", "just"), "uv 0.", "just 1."}
	for _, w := range want {
		if !strings.Contains(out, w) {
			t.Errorf("ensure-tools output lacks %q:\n%s", w, out)
		}
	}
	if !strings.Contains(out, "ensure-tools: installing uv==") || !strings.Contains(out, " rust-just==") {
		t.Errorf("ensure-tools did not say what it installed:\n%s", out)
	}
	if again := run(t, env, "bash", "-c", script); strings.Contains(again, "installing") || !strings.Contains(again, filepath.Join(tools, "bin", "uv")) {
		t.Errorf("a second run must reuse the private tools:\n%s", again)
	}
}

// debianPython makes dir a Python home that behaves like Debian's system
// Python: the real interpreter, run with PYTHONHOME pointing at a stdlib
// of symlinks that carries an EXTERNALLY-MANAGED marker (so pip refuses
// for real) and lacks ensurepip and a working venv. Nothing of the real installation is modified. It returns the
// directory holding its python3.
func debianPython(t *testing.T, dir string) string {
	t.Helper()
	out, err := exec.Command("python3", "-c", "import sys, sysconfig; print(sys.executable); print(sysconfig.get_path('stdlib'))").Output()
	if err != nil {
		t.Fatalf("python3: %v (the quick start needs Python 3)", err)
	}
	exe, stdlib, _ := strings.Cut(strings.TrimSpace(string(out)), "\n")
	lib := filepath.Join(dir, "lib", filepath.Base(stdlib))
	if err := os.MkdirAll(lib, 0o755); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(stdlib)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if e.Name() == "ensurepip" || e.Name() == "venv" || e.Name() == "EXTERNALLY-MANAGED" {
			continue
		}
		if err := os.Symlink(filepath.Join(stdlib, e.Name()), filepath.Join(lib, e.Name())); err != nil {
			t.Fatal(err)
		}
	}
	marker := "[externally-managed]\nError=To install Python packages system-wide, try apt install python3-xyz.\n"
	write(t, filepath.Join(lib, "EXTERNALLY-MANAGED"), marker, 0o644)
	// Debian's venv refuses up front when ensurepip is missing; CPython's
	// would find the real ensurepip (it drops PYTHONHOME), so inject it.
	write(t, filepath.Join(lib, "venv", "__init__.py"), "", 0o644)
	write(t, filepath.Join(lib, "venv", "__main__.py"), "import sys\nsys.exit('The virtual environment was not created successfully because ensurepip is not\\n"+
		"available.  On Debian/Ubuntu systems, you need to install the python3-venv package.')\n", 0o644)
	bin := filepath.Join(dir, "bin")
	write(t, filepath.Join(bin, "python3"), "#!/bin/sh\nPYTHONHOME='"+dir+"' exec '"+exe+"' \"$@\"\n", 0o755)
	return bin
}

func write(t *testing.T, path, data string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(data), mode); err != nil {
		t.Fatal(err)
	}
}

// run runs a command in the repository with exactly env and returns its
// combined output, whatever its exit code.
func run(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir = ".."
	cmd.Env = env
	if p := lookIn(envPath(env), name); p != "" {
		cmd.Path = p
	}
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	_ = cmd.Run()
	return out.String()
}

func envPath(env []string) string {
	for _, e := range env {
		if v, ok := strings.CutPrefix(e, "PATH="); ok {
			return v
		}
	}
	return ""
}

// lookIn is exec.LookPath on a given PATH.
func lookIn(path, name string) string {
	for _, dir := range filepath.SplitList(path) {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return ""
}
