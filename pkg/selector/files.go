package selector

import (
	"bytes"
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// Data files and prose are read by code that names them by path: a string
// that is the file's path or ends with it ("data/x.json", f"{d}/x.json"),
// a glob pattern that matches it ("entries_*.csv", "docs/*.rst"), one of
// its directories in a path expression (`HERE / "data"`, "data/{name}"),
// or, for data, its extension in a name built at run time (f"{n}.json").
// A bare word that happens to equal a stem, a function named like a
// directory, or a "*" that matches anything, does not name a file.

// prosePatterns are files people read: code names them only by path.
var prosePatterns = []string{
	"*.md", "*.rst", "*.markdown", "*.adoc", "CHANGES*", "CHANGELOG*", "HISTORY*", "NEWS*",
	"AUTHORS*", "LICENSE*", "COPYING*", "docs/**", "doc/**",
}

func isProse(p string) bool { return config.MatchAny(prosePatterns, p) != "" }

// quotedString finds string literals on one line (any prefix: f, r, b).
var quotedString = regexp.MustCompile(`"([^"\n]*)"|'([^'\n]*)'`)

// pathContext is code on a line that treats a bare word as a path
// component: the / operator next to it, or a file-system call.
var pathContext = regexp.MustCompile(`/\s*[rfbRFB]?["']|["']\s*/|\b(?:join|joinpath|Path|PurePath|files|open|listdir|scandir|glob|iglob|rglob|iterdir|walk|exists|is_dir|isdir|isfile|is_file|get_data|read_text|read_bytes|resource_\w+|as_file|dirname|abspath|realpath|relpath|chdir|copytree|rmtree|mkdir|makedirs)\s*\(|\bos\.path\b`)

// fileRefs returns, for each Python module that names file p, the lines
// that name it.
func (g *graph) fileRefs(p string) map[string][]int {
	w := newFileWant(p)
	out := map[string][]int{}
	for _, q := range g.py {
		src := g.src[q]
		if !w.mayName(src) {
			continue
		}
		for _, l := range g.literals(q) {
			if n := len(out[q]); (n == 0 || out[q][n-1] != l.line) && w.namedBy(l.s, l.ctx) {
				out[q] = append(out[q], l.line)
			}
		}
	}
	return out
}

// literal is one quoted string on a line of a module, and whether that
// line is a path expression.
type literal struct {
	line int
	s    string
	ctx  bool
}

// literals scans module q's lines for string literals once, however many
// changed files are looked for in it.
func (g *graph) literals(q string) []literal {
	if l, ok := g.lits[q]; ok {
		return l
	}
	var out []literal
	for i, line := range bytes.Split(g.src[q], []byte("\n")) {
		if !bytes.ContainsAny(line, `"'`) {
			continue
		}
		ms := quotedString.FindAllSubmatch(line, -1)
		if ms == nil {
			continue
		}
		ctx := pathContext.Match(line)
		for _, m := range ms {
			out = append(out, literal{i + 1, string(m[1]) + string(m[2]), ctx})
		}
	}
	if g.lits == nil {
		g.lits = map[string][]literal{}
	}
	g.lits[q] = out
	return out
}

// fileWant is what naming one file looks like.
type fileWant struct {
	path, base, ext string
	dirs            []string // the file's directories, nearest first
	prose           bool
}

func newFileWant(p string) fileWant {
	w := fileWant{path: p, base: path.Base(p), prose: isProse(p)}
	if e := path.Ext(w.base); e != "" && e != w.base {
		w.ext = e
	}
	for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
		w.dirs = append(w.dirs, path.Base(d))
	}
	return w
}

// mayName is a cheap filter on a whole module before the per-line test.
func (w fileWant) mayName(src []byte) bool {
	if bytes.Contains(src, []byte(w.base)) || bytes.ContainsAny(src, "*?") || (makefiles[w.base] && bytes.Contains(src, []byte("make"))) {
		return true
	}
	if !w.prose && w.ext != "" && bytes.Contains(src, []byte(w.ext)) {
		return true
	}
	for _, d := range w.dirs {
		if bytes.Contains(src, []byte(d)) {
			return true
		}
	}
	return false
}

// namedBy reports whether string literal s names the file; ctx says
// whether its line is a path expression.
func (w fileWant) namedBy(s string, ctx bool) bool {
	s = strings.ReplaceAll(s, `\\`, "/")
	switch {
	case s == "":
		return false
	case makefiles[w.base] && (s == "make" || s == "gmake" || strings.HasPrefix(s, "make ")):
		return true // make reads the Makefile without naming it
	case s == w.base:
		return strings.Contains(w.base, ".") || ctx // "x.json" is a file name; "sub" only in a path
	case strings.HasSuffix(s, "/"+w.base):
		return true
	case strings.ContainsAny(s, "*?[") && !regexLike(s):
		return w.globMatches(s)
	case !w.prose && w.ext != "" && (s == w.ext || strings.HasSuffix(s, "}"+w.ext)):
		return true // a name built at run time: f"{name}.json", with_suffix(".json")
	}
	parts := strings.Split(strings.Trim(s, "/"), "/")
	for _, d := range w.dirs {
		for _, c := range parts {
			if c == d && (len(parts) > 1 || ctx) {
				return true
			}
		}
	}
	return false
}

// globMatches matches a glob pattern against the file's trailing path
// components. A pattern whose last part has no literal character ("*",
// "*.*", "**") names every file, so it counts only with a directory part
// that matches (`"data/*"`); without one ("*", "**/*") it is a directory
// listing, which the directory's own name shows.
func (w fileWant) globMatches(pat string) bool {
	pat = strings.TrimPrefix(pat, "./")
	pp := strings.Split(strings.Trim(pat, "/"), "/")
	for i, c := range pp {
		pp[i] = fnmatchToGo(c)
	}
	last := pp[len(pp)-1]
	if !slices.ContainsFunc(pp, func(c string) bool { return strings.Trim(c, "*?.") != "" }) {
		return false // "*", "**/*": a listing of a directory named elsewhere (loguru's tmp_path.glob("**/*"))
	}
	if len(pp) == 1 {
		ok, _ := path.Match(last, w.base)
		return ok
	}
	return config.Match("**/"+strings.TrimPrefix(strings.Join(pp, "/"), "**/"), w.path)
}

// regexEscape is a backslash escape only a regular expression reads.
var regexEscape = regexp.MustCompile(`\\[sSdDwWbBAZ]|\(\?|\|`)

// regexLike reports whether a literal with glob characters is a regular
// expression instead (dotenv's r"[^\S\r\n]*", r"(?:export[^\S\r\n]+)?"):
// an escape such as \s or \d, a group "(?", an alternation "|", which no
// glob of Python's holds. Read as a glob, it named any file starting with
// r, n or S. A file only such a literal would name is unreferenced, which
// runs everything unless it is ignorable.
func regexLike(s string) bool {
	return regexEscape.MatchString(s)
}

// fnmatchToGo rewrites one path component of a Python glob (fnmatch's
// rules) in path.Match's: Python negates a class with "!", reads "^" and
// a backslash as themselves, and an unclosed "[" as a bracket; Go negates
// with "^" and escapes with a backslash. So dotenv's regular expression
// r"[^\S\r\n]*", which Go read as "anything not S, r or n, then
// anything" (CHANGELOG.md, mkdocs.yml), is a class of "^", "\", "S", "r"
// and "n" followed by anything, as Python's glob would read it.
func fnmatchToGo(pat string) string {
	var b strings.Builder
	for i := 0; i < len(pat); i++ {
		c := pat[i]
		switch c {
		case '\\':
			b.WriteString(`\\`)
		case '[':
			end := classEnd(pat, i)
			if end < 0 {
				b.WriteString(`\[`)
				continue
			}
			b.WriteByte('[')
			j := i + 1
			if pat[j] == '!' {
				b.WriteByte('^')
				j++
			}
			for k := j; k < end; k++ {
				if d := pat[k]; d == '\\' || d == ']' || d == '^' && k == j || d == '[' {
					b.WriteByte('\\')
				}
				b.WriteByte(pat[k])
			}
			b.WriteByte(']')
			i = end
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// classEnd is the index of the "]" closing the class that opens at i, as
// fnmatch finds it (a "]" right after "[" or "[!" belongs to the class),
// or -1 when none does.
func classEnd(pat string, i int) int {
	j := i + 1
	if j < len(pat) && pat[j] == '!' {
		j++
	}
	if j < len(pat) && pat[j] == ']' {
		j++
	}
	for ; j < len(pat); j++ {
		if pat[j] == ']' {
			return j
		}
	}
	return -1
}

// dataFile: a non-Python file. Code reads it by path, so whatever names
// it changed: a function that names it behaves as if its body changed, a
// statement that only binds names rebinds them, and any other module code
// naming it changes its module at import time. A doctest text file the
// map knows runs itself. A file nothing names is either ignorable or
// unexplained.
func (s *state) dataFile(p string) {
	if s.configFile(p) || s.doctestFile(p) {
		return
	}
	pins := config.MatchAny(pinFiles, p) != ""
	if pins && !s.in.EnvRecorded {
		s.note("%s: dependency pins, and the map does not record its environment", p)
		s.fail("invalidated", p)
		return
	}
	g := s.graph()
	refs := g.fileRefs(p)
	if len(refs) == 0 {
		if pat := config.MatchAny(s.in.Rules.Ignore, p); pat != "" {
			s.note("%s: ignored (%s)", p, pat)
			return
		}
		if by := s.toolData(p); by != "" {
			s.note("%s: named only by %s, the configuration of a tool that does not run in tests: nothing", p, by)
			return
		}
		if pins {
			s.note("%s: dependency pins: the environment they install is compared with the map's instead", p)
			return
		}
		if s.ciWorkflow(p) {
			s.note("%s: a CI workflow (top-level on: and jobs:), wherever it lies: no test reads it", p)
			return
		}
		s.fail("unreferenced-file", p)
		return
	}
	s.semantic[p] = true // code reads it: a subprocess may too
	for _, q := range sortedKeys(refs) {
		s.note("%s: named by %s", p, q)
		s.fileNamedIn(q, refs[q], path.Base(p))
	}
}

// fileNamedIn applies the name rules to the lines of module q that name a
// file (what). A conftest.py's module code (a hook's registration, its
// plugins) reaches every test below it; a line in one of its functions (a
// fixture opening the file) is that function's, as in any module: what
// ran it at collection the map records as import time, which importTime
// widens to the directory's tests.
func (s *state) fileNamedIn(q string, lines []int, what string) {
	g := s.graph()
	m := g.mods[q]
	if m == nil {
		s.structural(q)
		return
	}
	for _, line := range lines {
		if i := m.UnitAt(line); isConftest(q) && (i < 0 || m.Units[i].Kind != pysrc.KindFunc || line < m.Units[i].BodyStart) {
			s.structural(q)
			continue
		}
		s.namedAt(q, m, g.src[q], line, what)
	}
}

// doctestFile selects the tests of a text file pytest collects itself
// (--doctest-glob): the map knows them by the file's own path.
func (s *state) doctestFile(p string) bool {
	lo, hi := s.testsOf(p)
	for i := lo; i < hi; i++ {
		s.ids[covmap.TestID(i)] = true
	}
	if hi > lo {
		s.note("%s: a text file pytest collects: its tests", p)
	}
	return hi > lo
}

// testsOf is the range of the map's tests (sorted node ids) in file p.
func (s *state) testsOf(p string) (lo, hi int) {
	lo, _ = slices.BinarySearch(s.tests, p+"::")
	for hi = lo; hi < len(s.tests) && strings.HasPrefix(s.tests[hi], p+"::"); hi++ {
	}
	return lo, hi
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// toolData returns the tool configuration (config.ToolConfigs) that
// names p, a file no Python code names (pyspelling's .spell-dict, listed
// in .pyspelling.yml), or "" when none does or pytest's configuration
// names it too (a plugin's setting may point at it).
func (s *state) toolData(p string) string {
	base := []byte(path.Base(p))
	for _, f := range pytestConfigs {
		if b, err := s.in.Source.New(f); err == nil && bytes.Contains(b, base) {
			return ""
		}
	}
	files, err := s.in.Source.Files()
	if err != nil {
		return ""
	}
	for _, f := range files {
		if f == p || config.MatchAny(config.ToolConfigs, f) == "" {
			continue
		}
		if b, err := s.in.Source.New(f); err == nil && bytes.Contains(b, base) {
			return f
		}
	}
	return ""
}

// makefiles are read by make, which code runs as "make" or "make target".
var makefiles = map[string]bool{"Makefile": true, "makefile": true, "GNUmakefile": true}

// workflowKey matches a top-level key of a GitHub Actions workflow.
var workflowKey = regexp.MustCompile(`(?m)^(on|jobs):`)

// ciWorkflow reports whether YAML file p (either side of the change) is a
// CI workflow: top-level `on:` and `jobs:` keys, each job with `runs-on:`.
// A workflow moved out of .github/workflows (or not yet into it) is still
// one; nothing a test runs reads it unless code names it, checked before.
func (s *state) ciWorkflow(p string) bool {
	if ext := path.Ext(p); ext != ".yaml" && ext != ".yml" {
		return false
	}
	src, err := s.in.Source.New(p)
	if err != nil {
		var ok bool
		if src, ok = s.in.Source.Old(p); !ok {
			return false
		}
	}
	keys := map[string]bool{}
	for _, m := range workflowKey.FindAllSubmatch(src, -1) {
		keys[string(m[1])] = true
	}
	return keys["on"] && keys["jobs"] && bytes.Contains(src, []byte("runs-on:"))
}
