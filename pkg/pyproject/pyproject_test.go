package pyproject

import (
	"fmt"
	"strings"
	"testing"
)

func TestDiff(t *testing.T) {
	base := "[project]\nname = \"p\"\nversion = \"1\"\ndependencies = []\n\n[tool.ruff]\nline-length = 88\n\n[tool.uv]\npackage = true\n"
	tests := []struct {
		name, cur string
		want      string
	}{
		{"comment only", base + "# note\n", "[]"},
		{"ruff", base[:len(base)-len("[tool.uv]\npackage = true\n")] + "extend-select = [\"I\"]\n\n[tool.uv]\npackage = true\n", "[{[tool.ruff] none}]"},
		{"tox", base + "\n[tool.tox]\nenv_list = [\"py312\"]\n", "[{[tool.tox] none}]"},
		{"version", "[project]\nname = \"p\"\nversion = \"2\"\ndependencies = []\n\n[tool.ruff]\nline-length = 88\n\n[tool.uv]\npackage = true\n", "[{[project].version metadata}]"},
		{"dependencies", "[project]\nname = \"p\"\nversion = \"1\"\ndependencies = [\"x\"]\n\n[tool.ruff]\nline-length = 88\n\n[tool.uv]\npackage = true\n", "[{[project].dependencies dependencies}]"},
		{"pytest", base + "\n[tool.pytest.ini_options]\naddopts = \"-x\"\n", "[{[tool.pytest] everything}]"},
		{"coverage", base + "\n[tool.coverage.run]\nbranch = true\n", "[{[tool.coverage] coverage}]"},
		{"uv cache key", base + "cache-keys = [{ file = \"x\" }]\n", "[{[tool.uv].cache-keys none}]"},
		{"uv package", "[project]\nname = \"p\"\nversion = \"1\"\ndependencies = []\n\n[tool.ruff]\nline-length = 88\n\n[tool.uv]\npackage = false\n", "[{[tool.uv].package everything}]"},
		{"groups", base + "\n[dependency-groups]\ndev = [\"pytest\"]\n", "[{[dependency-groups] dependencies}]"},
		{"unknown tool", base + "\n[tool.mystery]\nx = 1\n", "[{[tool.mystery] everything}]"},
		{"gha-update", base + "\n[tool.gha-update]\ntag-only = [\"slsa-framework/slsa-github-generator\"]\n", "[{[tool.gha-update] none}]"},
		{"dynamic dependencies", "[project]\nname = \"p\"\nversion = \"1\"\ndynamic = [\"dependencies\"]\n\n[tool.ruff]\nline-length = 88\n\n[tool.uv]\npackage = true\n",
			"[{[project].dependencies dependencies} {[project].dynamic dependencies}]"},
		{"dynamic scripts", base[:len("[project]\nname = \"p\"\n")] + "dynamic = [\"scripts\"]\n" + base[len("[project]\nname = \"p\"\n"):], "[{[project].dynamic everything}]"},
		{"flit sdist", base + "\n[tool.flit.sdist]\ninclude = [\"CHANGES.md\"]\n", "[{[tool.flit.sdist] none}]"},
		{"flit module", base + "\n[tool.flit.module]\nname = \"q\"\n", "[{[tool.flit.module] everything}]"},
		{"hatch sdist", base + "\n[tool.hatch.build.targets.sdist]\ninclude = [\"x\"]\n", "[{[tool.hatch.build.targets.sdist] none}]"},
		{"hatch wheel", base + "\n[tool.hatch.build.targets.wheel]\npackages = [\"x\"]\n", "[{[tool.hatch.build] everything}]"},
		{"build system", base + "\n[build-system]\nrequires = [\"x\"]\n", "[{[build-system] everything}]"},
		{"scripts", base[:len("[project]\nname = \"p\"\n")] + "scripts = { p = \"p:main\" }\n" + base[len("[project]\nname = \"p\"\n"):], "[{[project].scripts everything}]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Diff([]byte(base), []byte(tt.cur))
			if err != nil {
				t.Fatal(err)
			}
			if s := fmt.Sprint(got); s != tt.want {
				t.Errorf("Diff = %s, want %s", s, tt.want)
			}
		})
	}
	if _, err := Diff([]byte(base), []byte("[project\n")); err == nil {
		t.Error("want an error for a broken file")
	}
}

func TestDiffINI(t *testing.T) {
	base := "[metadata]\nname = p\n\n[flake8]\nmax-line-length = 88\n\n[tool:pytest]\naddopts = -q\n"
	tests := []struct{ name, cur, want string }{
		{"comments", "# hi\n" + base + "; more\n", "[]"},
		{"flake8", "[metadata]\nname = p\n\n[flake8]\nmax-line-length = 99\n\n[tool:pytest]\naddopts = -q\n", "[{[flake8] none}]"},
		{"pytest", "[metadata]\nname = p\n\n[flake8]\nmax-line-length = 88\n\n[tool:pytest]\naddopts = -x\n", "[{[tool:pytest] everything}]"},
		{"metadata", "[metadata]\nname = p\nversion = 2\n\n[flake8]\nmax-line-length = 88\n\n[tool:pytest]\naddopts = -q\n", "[{[metadata] metadata}]"},
		{"options", base + "[options]\npackages = find:\n", "[{[options] everything}]"},
		{"testenv", base + "[testenv:lint]\ncommands = ruff\n", "[{[testenv:lint] none}]"},
	}
	for _, tt := range tests {
		if s := fmt.Sprint(DiffINI([]byte(base), []byte(tt.cur))); s != tt.want {
			t.Errorf("%s: DiffINI = %s, want %s", tt.name, s, tt.want)
		}
	}
}

// TestDiffDynamicVersionMadeStatic: jinja's 9e49736a drops `dynamic =
// ["version"]` (flit read __version__) for a static version: the version's
// value changes, nothing else.
func TestDiffDynamicVersionMadeStatic(t *testing.T) {
	old := "[project]\nname = \"p\"\ndynamic = [\"version\"]\n"
	cur := "[project]\nname = \"p\"\nversion = \"3.2.0.dev\"\n"
	got, err := Diff([]byte(old), []byte(cur))
	if err != nil {
		t.Fatal(err)
	}
	if s, want := fmt.Sprint(got), "[{[project].dynamic metadata} {[project].version metadata}]"; s != want {
		t.Errorf("Diff = %s, want %s", s, want)
	}
}

// TestDiffPoetry: rich bumps its version in [tool.poetry]: metadata, as
// [project].version; its packages shape the build.
func TestDiffPoetry(t *testing.T) {
	base := "[tool.poetry]\nname = \"p\"\nversion = \"1\"\npackages = [{ include = \"p\" }]\n\n[tool.poetry.dependencies]\npython = \">=3.8\"\n"
	for _, tt := range []struct{ name, from, to, want string }{
		{"version", `version = "1"`, `version = "2"`, "[{[tool.poetry].version metadata}]"},
		{"a dependency", `python = ">=3.8"`, "python = \">=3.8\"\nattrs = \"*\"", "[{[tool.poetry].dependencies dependencies}]"},
		{"packages", `include = "p"`, `include = "q"`, "[{[tool.poetry].packages everything}]"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Diff([]byte(base), []byte(strings.Replace(base, tt.from, tt.to, 1)))
			if err != nil {
				t.Fatal(err)
			}
			if s := fmt.Sprint(got); s != tt.want {
				t.Errorf("Diff = %s, want %s", s, tt.want)
			}
		})
	}
}
