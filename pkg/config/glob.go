package config

import (
	"path"
	"strings"
)

// Match reports whether the slash-separated, project-relative file name
// matches pattern. Patterns follow .gitignore habits because that is what
// Python teams already write: a pattern without a slash matches the base name
// in any directory ("conftest.py", "*.md"); a pattern with a slash is anchored
// at the project root ("docs/**", "src/pkg/__init__.py"); "**" matches any
// number of directories, including none; a trailing "/" matches everything
// below a directory.
func Match(pattern, name string) bool {
	pattern = strings.TrimPrefix(pattern, "./")
	if strings.HasSuffix(pattern, "/") {
		pattern += "**"
	}
	if !strings.Contains(pattern, "/") {
		ok, _ := path.Match(pattern, path.Base(name))
		return ok
	}
	return matchSegments(strings.Split(strings.TrimPrefix(pattern, "/"), "/"), strings.Split(name, "/"))
}

func matchSegments(pat, name []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			for i := 0; i <= len(name); i++ {
				if matchSegments(rest, name[i:]) {
					return true
				}
			}
			return false
		}
		if len(name) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], name[0]); !ok {
			return false
		}
		pat, name = pat[1:], name[1:]
	}
	return len(name) == 0
}

// MatchAny returns the first pattern that matches name, or "".
func MatchAny(patterns []string, name string) string {
	for _, p := range patterns {
		if Match(p, name) {
			return p
		}
	}
	return ""
}
