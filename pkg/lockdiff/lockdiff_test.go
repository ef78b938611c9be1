package lockdiff

import (
	"fmt"
	"strings"
	"testing"
)

const lock = `version = 1
revision = 3

[[package]]
name = "proj"
version = "0.1.0"
source = { editable = "." }
dependencies = [{ name = "web" }]

[package.dev-dependencies]
dev = [{ name = "pytest" }]

[package.metadata]
requires-dist = [{ name = "web" }]

[[package]]
name = "web"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
dependencies = [{ name = "Text_Tools" }]

[[package]]
name = "text-tools"
version = "2.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "pytest"
version = "8.0.0"
source = { registry = "https://pypi.org/simple" }

[[package]]
name = "extra"
version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
`

func TestCompare(t *testing.T) {
	tests := []struct{ name, cur, want string }{
		{"nothing", lock + "\n", "[]"},
		{"own version and metadata", strings.Replace(strings.Replace(lock, "0.1.0", "0.2.0", 1), `requires-dist = [{ name = "web" }]`, `requires-dist = [{ name = "web", specifier = ">=1" }]`, 1), "[]"},
		{"a leaf and what depends on it", strings.Replace(lock, "2.0.0", "2.1.0", 1), "[{text-tools changed} {web depends on text-tools}]"},
		{"a top distribution alone", strings.Replace(lock, `version = "1.0.0"
source = { registry = "https://pypi.org/simple" }
dependencies`, `version = "1.1.0"
source = { registry = "https://pypi.org/simple" }
dependencies`, 1), "[{web changed}]"},
		{"a dependency the project gains", strings.Replace(lock, `dependencies = [{ name = "web" }]`, `dependencies = [{ name = "web" }, { name = "extra" }]`, 1), "[{extra dependency of proj}]"},
		{"removed", strings.Replace(lock, "[[package]]\nname = \"extra\"", "[[package]]\nname = \"other\"", 1), "[{extra removed} {other added}]"},
	}
	old, err := Parse([]byte(lock))
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(old.Own()) != "[proj]" {
		t.Errorf("Own() = %v", old.Own())
	}
	for _, tt := range tests {
		cur, err := Parse([]byte(tt.cur))
		if err != nil {
			t.Fatal(err)
		}
		if s := fmt.Sprint(Compare(old, cur)); s != tt.want {
			t.Errorf("%s: Compare = %s, want %s", tt.name, s, tt.want)
		}
	}
	if _, err := Parse([]byte("[[package]]\nversion = 1\n")); err == nil {
		t.Error("want an error for a package without a name")
	}
}

// TestAgainstInstalled: a new lock against the environment a map was built
// in: what the lock has at another version or not installed changes, with
// what depends on it; what only the environment has stays (uv run keeps it).
func TestAgainstInstalled(t *testing.T) {
	l, err := Parse([]byte(lock))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name      string
		installed map[string]string
		want      string
	}{
		{"the same versions, and extras installed: nothing", map[string]string{"extra": "1.0.0", "proj": "0.0.9", "web": "1.0.0", "text-tools": "2.0.0", "pytest": "8.0.0", "pytest-testmon": "2.2", "tool": "1.0"}, ""},
		{"another version, with its dependents", map[string]string{"extra": "1.0.0", "web": "1.0.0", "text-tools": "1.9.0", "pytest": "8.0.0", "tool": "1.0"}, "text-tools(1.9.0 -> 2.0.0) web(depends on text-tools)"},
		{"not installed", map[string]string{"extra": "1.0.0", "web": "1.0.0", "text-tools": "2.0.0", "tool": "1.0"}, "pytest(added)"},
	} {
		var got []string
		for _, c := range AgainstInstalled(l, tt.installed) {
			got = append(got, fmt.Sprintf("%s(%s)", c.Name, c.Why))
		}
		if strings.Join(got, " ") != tt.want {
			t.Errorf("%s: AgainstInstalled = %q, want %q", tt.name, strings.Join(got, " "), tt.want)
		}
	}
}
