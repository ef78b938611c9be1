package pyproject

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// Testpaths returns the directories (or files) pytest collects when run
// without paths, from the configuration file pytest itself would pick at
// the project's root: pytest.ini (or .pytest.ini), else pyproject.toml with a pytest table,
// else tox.ini's [pytest], else setup.cfg's [tool:pytest]. read returns a
// file's content and whether it exists. ok is false when that cannot be
// known: no testpaths (pytest then collects from the root), a glob in
// them, or addopts that may name paths of their own.
func Testpaths(read func(string) ([]byte, bool)) (paths []string, ok bool) {
	for _, f := range []string{"pytest.ini", ".pytest.ini"} {
		if src, found := read(f); found {
			return iniTestpaths(src, "pytest")
		}
	}
	if src, found := read("pyproject.toml"); found {
		var doc map[string]any
		if _, err := toml.Decode(string(src), &doc); err != nil {
			return nil, false
		}
		tool, _ := doc["tool"].(map[string]any)
		pt, _ := tool["pytest"].(map[string]any)
		if ini, has := pt["ini_options"].(map[string]any); has {
			return tomlTestpaths(ini)
		}
		if pt != nil {
			return tomlTestpaths(pt)
		}
	}
	for _, f := range []struct{ file, section string }{{"tox.ini", "pytest"}, {"setup.cfg", "tool:pytest"}} {
		if src, found := read(f.file); found {
			if _, has := sections(src)[f.section]; has {
				return iniTestpaths(src, f.section)
			}
		}
	}
	return nil, false
}

func tomlTestpaths(t map[string]any) ([]string, bool) {
	if opts, has := t["addopts"]; has && !onlyOptions(opts) {
		return nil, false
	}
	var out []string
	switch v := t["testpaths"].(type) {
	case []any:
		for _, e := range v {
			s, isStr := e.(string)
			if !isStr {
				return nil, false
			}
			out = append(out, s)
		}
	case string:
		out = strings.Fields(v)
	}
	return clean(out)
}

// onlyOptions reports whether addopts holds options only, each starting
// with a dash and carrying its value in the same word (`-ra`,
// `--strict-markers`, `--cov=src`): a bare word may be a path to collect.
func onlyOptions(v any) bool {
	var words []string
	switch v := v.(type) {
	case string:
		words = strings.Fields(v)
	case []any:
		for _, e := range v {
			s, isStr := e.(string)
			if !isStr {
				return false
			}
			words = append(words, strings.Fields(s)...)
		}
	default:
		return false
	}
	for _, w := range words {
		if !strings.HasPrefix(w, "-") {
			return false
		}
	}
	return true
}

// iniTestpaths reads testpaths (and addopts) from one section of an INI
// file: whitespace-separated words, continued on indented lines.
func iniTestpaths(src []byte, section string) ([]string, bool) {
	keys := iniKeys(src, section)
	if opts, has := keys["addopts"]; has && !onlyOptions(opts) {
		return nil, false
	}
	return clean(strings.Fields(keys["testpaths"]))
}

// iniKeys returns the keys of one section, continuation lines joined.
func iniKeys(src []byte, section string) map[string]string {
	out := map[string]string{}
	in, key := false, ""
	for _, raw := range strings.Split(string(src), "\n") {
		line := strings.TrimSpace(raw)
		switch {
		case strings.HasPrefix(line, "[") && strings.HasSuffix(line, "]"):
			in, key = strings.TrimSpace(line[1:len(line)-1]) == section, ""
		case !in || line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, ";"):
		case raw != strings.TrimLeft(raw, " \t") && key != "":
			out[key] += " " + line
		default:
			k, v, found := strings.Cut(line, "=")
			if !found {
				key = ""
				continue
			}
			key = strings.TrimSpace(k)
			out[key] = strings.TrimSpace(v)
		}
	}
	return out
}

// clean normalises the entries ("./tests/" -> "tests"); a glob, a path
// outside the root, or none at all is not known.
func clean(paths []string) ([]string, bool) {
	var out []string
	for _, p := range paths {
		p = strings.Trim(strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./"), "/")
		if p == "" || p == "." || strings.ContainsAny(p, "*?[") || strings.HasPrefix(p, "..") || strings.HasPrefix(p, "/") {
			return nil, false
		}
		out = append(out, p)
	}
	return out, len(out) > 0
}

// Collected reports whether pytest, run without paths, collects file p
// (project-relative) under testpaths.
func Collected(testpaths []string, p string) bool {
	for _, t := range testpaths {
		if p == t || strings.HasPrefix(p, t+"/") {
			return true
		}
	}
	return false
}
