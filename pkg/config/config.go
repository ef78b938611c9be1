// Package config reads the [tool.impacted] table of pyproject.toml and holds
// the invalidation and ignore rules the selector applies.
//
// Precedence is the usual one for command-line tools: a flag beats its
// IMPACTED_* environment variable, which beats pyproject.toml, which beats
// the defaults below. The CLI resolves flags and environment; this package
// supplies the file and the defaults.
package config

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// DefaultInvalidate lists files whose change can alter any test's outcome in
// ways no coverage map records: dependencies, interpreter, pytest and
// coverage configuration. A change to one of them runs the whole suite. The
// ADR's list, minus what the selector now handles precisely (tests/,
// conftest.py and package __init__.py files; pyproject.toml, setup.cfg,
// tox.ini and .coveragerc table by table; uv.lock distribution by
// distribution; requirements and pylock files through the environment they
// install, which a map records; setup.py by its setup() call's arguments).
var DefaultInvalidate = []string{
	"pytest.ini", ".python-version", "sitecustomize.py", "usercustomize.py",
}

// DefaultIgnore lists files that cannot change a test outcome unless Python
// code names them (the selector checks that first): prose, CI and editor
// configuration, type stubs, a project's artwork, tool output.
var DefaultIgnore = append([]string{
	"*.md", "*.rst", "*.markdown", "*.adoc", "docs/**", "doc/**", "LICENSE*", "COPYING*",
	"AUTHORS*", "CHANGELOG*", "CHANGES*", "HISTORY*", "NEWS*",
	// Release-note fragments, collected into a changelog at release: reno,
	// towncrier (and pip's news/), scriv.
	"releasenotes/**", "changelog.d/**", "newsfragments/**", "news/**", "changes/*.md", "changes/*.rst",
	".gitignore", ".gitattributes", ".gitkeep", ".keep", ".editorconfig",
	"artwork/**", "Justfile", "justfile", "Makefile", "makefile", "GNUmakefile", "*.pyi", "py.typed",
	"CODEOWNERS", ".mailmap", ".env.example",
	// What an sdist holds: uv installs the project editable, from the tree.
	"MANIFEST.in",
	// tox's own TOML configuration: pytest reads tox.ini, never tox.toml.
	"tox.toml",
	// Tool output that a project may have forgotten to .gitignore.
	".coverage", ".coverage.*", "coverage.xml", "coverage.json", "htmlcov/**", ".pytest_cache/**",
	"__pycache__/**", "*.pyc", ".venv/**", ".mypy_cache/**", ".ruff_cache/**", ".tox/**", ".nox/**",
}, ToolConfigs...)

// ToolConfigs is the configuration of tools that do not run in tests (CI,
// editors, linters, spell checkers, docs builders). A file that only
// these name (pyspelling's word list, a linter's baseline) is that tool's
// data: the selector ignores it too.
var ToolConfigs = []string{
	".github/**", ".gitlab-ci.yml", ".pre-commit-config.yaml", ".ci/**", ".devcontainer/**", ".vscode/**", ".idea/**",
	".prettierignore", ".prettierrc*", ".markdownlint*", ".yamllint*", ".flake8", ".pylintrc", "ruff.toml",
	".ruff.toml", "mypy.ini", ".mypy.ini", "pyrightconfig*.json", ".codespellrc", "codecov.y*ml", ".codecov.y*ml",
	".readthedocs.y*ml", "mkdocs.yml", "renovate.json", ".pyspelling.y*ml", ".spellcheck.y*ml",
	// release tools: bump2version, bump-my-version, tbump
	".bumpversion.cfg", ".bumpversion.toml", "tbump.toml",
}

// DefaultTestFiles is pytest's default python_files.
var DefaultTestFiles = []string{"test_*.py", "*_test.py"}

// DefaultThreshold is the ADR's: above this share of the map, the whole suite runs.
const DefaultThreshold = 0.4

// File is the [tool.impacted] table as written by the user. Pointers tell
// "absent" from a zero value.
type File struct {
	Threshold   *float64 `toml:"threshold"`
	Invalidate  []string `toml:"invalidate"`
	Ignore      []string `toml:"ignore"`
	Map         string   `toml:"map"`
	Base        string   `toml:"base"`
	StrictPaths *bool    `toml:"strict-paths"`
	Runner      string   `toml:"runner"`
	Xdist       string   `toml:"xdist"`
	// TestFiles overrides pytest's python_files; when absent, the
	// [tool.pytest.ini_options] python_files value is used, then pytest's default.
	TestFiles []string `toml:"test-files"`
}

type pyproject struct {
	Tool struct {
		Impacted toml.Primitive `toml:"impacted"`
		Pytest   struct {
			IniOptions struct {
				PythonFiles any `toml:"python_files"`
			} `toml:"ini_options"`
		} `toml:"pytest"`
	} `toml:"tool"`
}

// Rules is what the selector needs from the configuration.
type Rules struct {
	Threshold  float64
	Invalidate []string
	Ignore     []string
	TestFiles  []string
}

// Load reads root/pyproject.toml. A missing file is not an error: the
// defaults apply. Unknown keys in [tool.impacted] are an error, since a typo
// there would silently weaken a safety rule.
func Load(root string) (File, Rules, error) {
	var f File
	name := filepath.Join(root, "pyproject.toml")
	data, err := os.ReadFile(name)
	if errors.Is(err, fs.ErrNotExist) {
		return f, f.Rules(nil), nil
	}
	if err != nil {
		return f, Rules{}, fmt.Errorf("read %s: %w", name, err)
	}
	var doc pyproject
	md, err := toml.Decode(string(data), &doc)
	if err != nil {
		return f, Rules{}, fmt.Errorf("parse %s: %w (fix the TOML syntax)", name, err)
	}
	if err := md.PrimitiveDecode(doc.Tool.Impacted, &f); err != nil {
		return f, Rules{}, fmt.Errorf("parse [tool.impacted] in %s: %w", name, err)
	}
	if undecoded := unknownKeys(md); len(undecoded) > 0 {
		return f, Rules{}, fmt.Errorf("unknown key %s in [tool.impacted] of %s (known: threshold, invalidate, ignore, map, base, strict-paths, runner, xdist, test-files)", undecoded[0], name)
	}
	if f.Threshold != nil && (*f.Threshold < 0 || *f.Threshold > 1) {
		return f, Rules{}, fmt.Errorf("threshold %v in [tool.impacted] of %s is not between 0 and 1", *f.Threshold, name)
	}
	return f, f.Rules(pythonFiles(doc.Tool.Pytest.IniOptions.PythonFiles)), nil
}

func unknownKeys(md toml.MetaData) []string {
	var keys []string
	for _, k := range md.Undecoded() {
		if len(k) == 3 && k[0] == "tool" && k[1] == "impacted" {
			keys = append(keys, k[2])
		}
	}
	sort.Strings(keys)
	return keys
}

// pythonFiles accepts pytest's python_files as a list or a space-separated string.
func pythonFiles(v any) []string {
	switch v := v.(type) {
	case string:
		return strings.Fields(v)
	case []any:
		var out []string
		for _, s := range v {
			if s, ok := s.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// Rules merges the user's lists into the defaults: user entries extend the
// defaults rather than replace them, so a project cannot lose a safety rule
// by adding one of its own.
func (f File) Rules(pytestFiles []string) Rules {
	r := Rules{
		Threshold:  DefaultThreshold,
		Invalidate: append(slices.Clone(DefaultInvalidate), f.Invalidate...),
		Ignore:     append(slices.Clone(DefaultIgnore), f.Ignore...),
		TestFiles:  DefaultTestFiles,
	}
	if f.Threshold != nil {
		r.Threshold = *f.Threshold
	}
	switch {
	case len(f.TestFiles) > 0:
		r.TestFiles = f.TestFiles
	case len(pytestFiles) > 0:
		r.TestFiles = pytestFiles
	}
	return r
}

// IsTestFile reports whether a project-relative .py path is a pytest test module.
func (r Rules) IsTestFile(name string) bool {
	return MatchAny(r.TestFiles, filepath.Base(name)) != ""
}
