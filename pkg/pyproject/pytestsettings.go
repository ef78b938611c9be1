package pyproject

import (
	"fmt"
	"path"
	"strings"

	"github.com/BurntSushi/toml"
)

// PytestSettings returns the values of pytest's own settings in file f
// (pytest.ini's and tox.ini's [pytest], setup.cfg's [tool:pytest],
// pyproject.toml's [tool.pytest] with its ini_options), joined by
// newlines: what pytest reads of f. A tox.ini's [testenv] commands run
// pytest under tox, never inside the pytest `impacted run` starts. ok is
// false when f cannot be read as such a file (a TOML error).
func PytestSettings(f string, src []byte) (text string, ok bool) {
	var vals []string
	switch path.Base(f) {
	case "pyproject.toml":
		var doc map[string]any
		if _, err := toml.Decode(string(src), &doc); err != nil {
			return "", false
		}
		tool, _ := doc["tool"].(map[string]any)
		flatten(tool["pytest"], &vals)
	case "pytest.ini", ".pytest.ini", "tox.ini":
		for _, v := range iniKeys(src, "pytest") {
			vals = append(vals, v)
		}
	case "setup.cfg":
		for _, v := range iniKeys(src, "tool:pytest") {
			vals = append(vals, v)
		}
	default:
		return "", false
	}
	return strings.Join(vals, "\n"), true
}

func flatten(v any, out *[]string) {
	switch v := v.(type) {
	case map[string]any:
		for _, e := range v {
			flatten(e, out)
		}
	case []any:
		for _, e := range v {
			flatten(e, out)
		}
	case nil:
	default:
		*out = append(*out, fmt.Sprint(v))
	}
}
