package pyproject

import (
	"strings"

	"github.com/BurntSushi/toml"
)

// Scripts returns the project's console and GUI scripts, by name, with
// the module each one's entry point imports ("dotenv" -> "dotenv.__main__"
// for `dotenv = "dotenv.__main__:cli"`): pyproject.toml's [project.scripts]
// and [project.gui-scripts], or setup.cfg's [options.entry_points]
// console_scripts and gui_scripts. f names the file src holds.
func Scripts(f string, src []byte) map[string]string {
	out := map[string]string{}
	add := func(name, target string) {
		mod, _, _ := strings.Cut(strings.TrimSpace(target), ":")
		if name = strings.TrimSpace(name); name != "" {
			out[name] = strings.TrimSpace(mod)
		}
	}
	if strings.HasSuffix(f, ".toml") {
		var doc struct {
			Project struct {
				Scripts    map[string]string `toml:"scripts"`
				GUIScripts map[string]string `toml:"gui-scripts"`
			} `toml:"project"`
		}
		if _, err := toml.Decode(string(src), &doc); err != nil {
			return out
		}
		for n, t := range doc.Project.Scripts {
			add(n, t)
		}
		for n, t := range doc.Project.GUIScripts {
			add(n, t)
		}
		return out
	}
	keys := iniKeys(src, "options.entry_points")
	for _, group := range []string{"console_scripts", "gui_scripts"} {
		// iniKeys joins continuation lines with spaces: "a = m:f b = n:g"
		words := strings.Fields(strings.ReplaceAll(keys[group], "=", " = "))
		for i := 0; i+2 < len(words); i++ {
			if words[i+1] == "=" {
				add(words[i], words[i+2])
				i += 2
			}
		}
	}
	return out
}
