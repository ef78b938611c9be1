package config

import "testing"

func TestMatch(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"conftest.py", "conftest.py", true},
		{"conftest.py", "tests/unit/conftest.py", true},
		{"conftest.py", "tests/conftest.pyc", false},
		{"*.md", "docs/guide/intro.md", true},
		{"*.md", "README.md", true},
		{"*.md", "src/a.py", false},
		{"docs/**", "docs/a/b/c.txt", true},
		{"docs/**", "src/docs/a.txt", false},
		{"docs/", "docs/index.rst", true},
		{"src/pkg/__init__.py", "src/pkg/__init__.py", true},
		{"src/pkg/__init__.py", "other/src/pkg/__init__.py", false},
		{"**/data/*.json", "src/shop/data/p.json", true},
		{"**/data/*.json", "data/p.json", true},
		{"**/data/*.json", "data/x/p.json", false},
		{"requirements*.txt", "requirements-dev.txt", true},
		{"./uv.lock", "uv.lock", true},
		{"/uv.lock", "uv.lock", true},
		{"src/**/*.py", "src/a.py", true},
		{"src/**/*.py", "src/a/b/c.py", true},
	}
	for _, tt := range tests {
		if got := Match(tt.pattern, tt.name); got != tt.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}
