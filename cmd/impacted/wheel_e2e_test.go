package main

import (
	"archive/zip"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"testing"
)

// TestWheelInstalls: scripts/wheel builds this machine's wheel, its RECORD
// matches its contents, and uv installs it into a fresh venv and as a tool
// with `impacted` on PATH, runs it with uvx and in a project that added it
// with uv add --dev, each printing the version the wheel carries.
func TestWheelInstalls(t *testing.T) {
	tmp := t.TempDir()
	const v = "0.0.0.dev0+e2e"
	mustRun(t, repoRoot(t), nil, filepath.Join(repoRoot(t), "scripts", "wheel"), "--host", "--version", v, "--out", tmp)
	wheels, _ := filepath.Glob(filepath.Join(tmp, "impacted-"+v+"-py3-none-*.whl"))
	if len(wheels) != 1 {
		t.Fatalf("want one host wheel in %s, got %v", tmp, wheels)
	}
	checkRecord(t, wheels[0], v)

	venv := filepath.Join(tmp, "venv")
	mustRun(t, tmp, nil, "uv", "venv", "-q", venv)
	mustRun(t, tmp, nil, "uv", "pip", "install", "-q", "--python", filepath.Join(venv, "bin", "python"), wheels[0])
	toolEnv := []string{"UV_TOOL_DIR=" + filepath.Join(tmp, "tools"), "UV_TOOL_BIN_DIR=" + filepath.Join(tmp, "bin")}
	mustRun(t, tmp, toolEnv, "uv", "tool", "install", "-q", wheels[0])
	want := "impacted version " + v
	for _, bin := range []string{filepath.Join(venv, "bin", "impacted"), filepath.Join(tmp, "bin", "impacted")} {
		if out, _ := mustRun(t, tmp, nil, bin, "--version"); strings.TrimSpace(out) != want {
			t.Errorf("%s --version = %q, want %q", bin, out, want)
		}
	}
	if out, _ := mustRun(t, tmp, toolEnv, "uvx", "--from", wheels[0], "impacted", "--version"); strings.TrimSpace(out) != want {
		t.Errorf("uvx --from the wheel: %q, want %q", out, want)
	}
	// A user's project: uv add --dev, then uv run finds impacted.
	proj := filepath.Join(tmp, "proj")
	mustRun(t, tmp, nil, "uv", "init", "-q", "--bare", "--name", "userproj", proj)
	mustRun(t, proj, nil, "uv", "add", "-q", "--dev", wheels[0])
	if out, _ := mustRun(t, proj, nil, "uv", "run", "impacted", "--version"); strings.TrimSpace(out) != want {
		t.Errorf("uv run impacted after uv add --dev: %q, want %q", out, want)
	}
}

// checkRecord verifies the wheel's RECORD as an installer does: every file
// listed with its urlsafe-base64 sha256 and size, and the binary executable.
func checkRecord(t *testing.T, wheel, v string) {
	t.Helper()
	z, err := zip.OpenReader(wheel)
	if err != nil {
		t.Fatal(err)
	}
	defer z.Close()
	info := "impacted-" + v + ".dist-info/"
	want := map[string]string{info + "RECORD": ""}
	var record string
	for _, f := range z.File {
		data := readZipFile(t, f)
		if f.Name == info+"RECORD" {
			record = string(data)
			continue
		}
		sum := sha256.Sum256(data)
		want[f.Name] = fmt.Sprintf("sha256=%s,%d", base64.RawURLEncoding.EncodeToString(sum[:]), len(data))
		if strings.HasSuffix(f.Name, ".data/scripts/impacted") && f.Mode().Perm()&0o111 == 0 {
			t.Errorf("%s is not executable in the wheel (mode %v)", f.Name, f.Mode())
		}
	}
	if _, ok := want["impacted-"+v+".data/scripts/impacted"]; !ok {
		t.Errorf("the wheel has no impacted-%s.data/scripts/impacted", v)
	}
	got := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(record), "\n") {
		name, rest, _ := strings.Cut(line, ",")
		got[name] = strings.TrimSuffix(rest, ",")
		if rest == "," {
			got[name] = ""
		}
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("RECORD does not match the wheel:\n got %v\nwant %v", got, want)
	}
}

func readZipFile(t *testing.T, f *zip.File) []byte {
	t.Helper()
	r, err := f.Open()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	data, err := io.ReadAll(r)
	if err != nil {
		t.Fatal(err)
	}
	return data
}
