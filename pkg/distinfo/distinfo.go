// Package distinfo reads what a virtual environment's installed
// distributions provide, from their .dist-info directories: the top-level
// modules they install (RECORD, top_level.txt), their pytest plugins
// (pytest11 entry points), console scripts, and .pth files (code that
// runs at every interpreter start). The lock file names distributions;
// code imports modules; this is the bridge.
package distinfo

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
)

// Dist is what one installed distribution provides.
type Dist struct {
	Name     string   // normalised
	TopLevel []string // importable top-level names
	Plugin   bool     // registers a pytest11 entry point: pytest loads it in every run
	Scripts  []string // console and GUI script names
	Pth      bool     // installs a .pth file that imports: code run at interpreter start
	Paths    bool     // installs a .pth file that adds paths: what it provides is not listed
	Requires []string // the distributions it requires (Requires-Dist without an extra marker)
}

// Env is one environment's site-packages.
type Env struct {
	site  []string
	infos map[string]string // normalised name -> .dist-info path
	vers  map[string]string // normalised name -> version
}

// Open finds the site-packages of the environment at venv. It returns nil
// when there is none.
func Open(venv string) *Env {
	var site []string
	for _, pat := range []string{"lib/python*/site-packages", "lib64/python*/site-packages", "Lib/site-packages"} {
		m, _ := filepath.Glob(filepath.Join(venv, pat))
		site = append(site, m...)
	}
	if len(site) == 0 {
		return nil
	}
	e := &Env{site: site, infos: map[string]string{}, vers: map[string]string{}}
	for _, dir := range site {
		entries, _ := os.ReadDir(dir)
		for _, en := range entries {
			n := en.Name()
			if !en.IsDir() || !strings.HasSuffix(n, ".dist-info") {
				continue
			}
			name, ver, _ := strings.Cut(strings.TrimSuffix(n, ".dist-info"), "-")
			e.infos[normalize(name)] = filepath.Join(dir, n)
			e.vers[normalize(name)] = ver
		}
	}
	return e
}

var separators = regexp.MustCompile(`[-_.]+`)

func normalize(name string) string { return strings.ToLower(separators.ReplaceAllString(name, "-")) }

// Dist reads one distribution by (any spelling of) its name.
func (e *Env) Dist(name string) (Dist, bool) {
	info, ok := e.infos[normalize(name)]
	if !ok {
		return Dist{}, false
	}
	d := Dist{Name: normalize(name)}
	top := map[string]bool{}
	if b, err := os.ReadFile(filepath.Join(info, "top_level.txt")); err == nil {
		for _, l := range strings.Fields(string(b)) {
			top[strings.Split(l, "/")[0]] = true
		}
	}
	if b, err := os.ReadFile(filepath.Join(info, "RECORD")); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			p, _, _ := strings.Cut(l, ",")
			if n, pth := topLevel(p); pth {
				if pthImports(filepath.Join(filepath.Dir(info), p)) {
					d.Pth = true
				} else {
					d.Paths = true
				}
			} else if n != "" {
				top[n] = true
			}
		}
	}
	for n := range top {
		d.TopLevel = append(d.TopLevel, n)
	}
	if b, err := os.ReadFile(filepath.Join(info, "METADATA")); err == nil {
		d.Requires = requires(b)
	}
	if b, err := os.ReadFile(filepath.Join(info, "entry_points.txt")); err == nil {
		d.Plugin, d.Scripts = entryPoints(b)
	}
	return d, true
}

// topLevel returns the importable name a RECORD path installs, or
// whether it is a .pth file.
func topLevel(p string) (string, bool) {
	p = strings.Trim(p, `"`)
	if p == "" || strings.HasPrefix(p, "..") || strings.HasPrefix(p, "/") {
		return "", false
	}
	first, rest, nested := strings.Cut(p, "/")
	switch {
	case strings.HasSuffix(first, ".dist-info") || strings.HasSuffix(first, ".data") || first == "__pycache__":
		return "", false
	case nested && rest != "":
		return first, false
	case strings.HasSuffix(first, ".pth"):
		return "", true
	case strings.HasSuffix(first, ".py"):
		return strings.TrimSuffix(first, ".py"), false
	case strings.HasSuffix(first, ".so") || strings.HasSuffix(first, ".pyd"):
		n, _, _ := strings.Cut(first, ".")
		return n, false
	}
	return "", false
}

// pthImports reports whether a .pth file runs code (a line starting with
// "import"), which site.py executes at every interpreter start; an
// unreadable one is assumed to.
func pthImports(name string) bool {
	b, err := os.ReadFile(name)
	if err != nil {
		return true
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "import ") || strings.HasPrefix(l, "import\t") {
			return true
		}
	}
	return false
}

// requires reads the Requires-Dist headers of a METADATA file, leaving
// out those an extra asks for.
func requires(b []byte) []string {
	var out []string
	for _, l := range strings.Split(string(b), "\n") {
		if l == "" || l == "\r" {
			break // the headers end at the first blank line
		}
		v, ok := strings.CutPrefix(l, "Requires-Dist:")
		if !ok || strings.Contains(v, "extra ==") || strings.Contains(v, "extra==") {
			continue
		}
		if n := reqName.FindString(strings.TrimSpace(v)); n != "" {
			out = append(out, normalize(n))
		}
	}
	return out
}

var reqName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*`)

func entryPoints(b []byte) (plugin bool, scripts []string) {
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		l := strings.TrimSpace(sc.Text())
		switch {
		case strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]"):
			section = l[1 : len(l)-1]
		case l == "" || strings.HasPrefix(l, "#"):
		case section == "pytest11":
			plugin = true
		case section == "console_scripts" || section == "gui_scripts":
			n, _, _ := strings.Cut(l, "=")
			scripts = append(scripts, strings.TrimSpace(n))
		}
	}
	return plugin, scripts
}

// Provided is every top-level name the environment's distributions
// install, and the standard library's.
func (e *Env) Provided() map[string]bool {
	out := map[string]bool{}
	for _, n := range strings.Fields(stdlib) {
		out[n] = true
	}
	for name := range e.infos {
		d, _ := e.Dist(name)
		for _, t := range d.TopLevel {
			out[t] = true
		}
	}
	return out
}

// Stdlib reports whether a top-level name is the standard library's.
func Stdlib(name string) bool {
	return strings.Contains(" "+stdlib+" ", " "+name+" ")
}
