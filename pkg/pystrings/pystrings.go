// Package pystrings keeps an index of the lines of a project's Python files
// that can name a module in a string (`"shop.cli"`, `"-m", ...`,
// `"src/shop/cli.py"`), cached per file by size and modification time.
//
// The selector asks, on every run, which code names the changed modules;
// searching every file each time (git grep) cost more than the rest of a
// repeated selection. With the index, a repeated run stats each file and
// rescans only the ones that changed.
package pystrings

import (
	"bytes"
	"encoding/gob"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"

	"github.com/sourcegraph/conc/iter"

	"github.com/impacted/impacted/pkg/atomicfile"
)

// Line is one candidate line of a file.
type Line struct {
	N    int
	Text string
}

type entry struct {
	Size, Mtime int64
	Ino         uint64
	Lines       []Line
	State       []string // names the file's stateful functions use (see Open)
}

// Index maps project-relative paths to their candidate lines.
type Index struct {
	files map[string]entry
}

// version changes whenever what counts as a candidate line does.
const version = "pystrings/3"

type onDisk struct {
	Version string
	Files   map[string]entry
}

// Open indexes files (project-relative, slash-separated) under root,
// reusing the cache at cachePath for files whose size and modification
// time have not changed, and rewrites the cache when anything did. A
// missing or unreadable cache only costs a full scan. state, when not nil,
// extracts from a file the names its stateful code uses, kept with the
// file's entry; stateVersion names what state finds, so a cache written by
// an impacted whose state found other names is not reused.
func Open(cachePath, root string, files []string, state func([]byte) []string, stateVersion string) *Index {
	old := load(cachePath, version+"+"+stateVersion)
	type result struct {
		path  string
		e     entry
		fresh bool
		ok    bool
	}
	results := iter.Map(files, func(p *string) result {
		st, err := os.Stat(filepath.Join(root, filepath.FromSlash(*p)))
		if err != nil || !st.Mode().IsRegular() {
			return result{}
		}
		e := entry{Size: st.Size(), Mtime: st.ModTime().UnixNano(), Ino: inode(st)}
		if prev, ok := old.Files[*p]; ok && prev.Size == e.Size && prev.Mtime == e.Mtime && prev.Ino == e.Ino {
			return result{path: *p, e: prev, ok: true}
		}
		data, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(*p)))
		if err != nil {
			return result{}
		}
		e.Lines = candidates(data)
		if state != nil {
			e.State = state(data)
		}
		return result{path: *p, e: e, fresh: true, ok: true}
	})
	ix := &Index{files: make(map[string]entry, len(results))}
	dirty := len(old.Files) != len(results)
	for _, r := range results {
		if r.ok {
			ix.files[r.path] = r.e
			dirty = dirty || r.fresh
		}
	}
	if dirty && cachePath != "" {
		var buf bytes.Buffer
		if gob.NewEncoder(&buf).Encode(onDisk{Version: version + "+" + stateVersion, Files: ix.files}) == nil {
			_ = atomicfile.Write(cachePath, buf.Bytes()) // a cache that cannot be written is only slower
		}
	}
	return ix
}

func load(path, want string) onDisk {
	var d onDisk
	data, err := os.ReadFile(path)
	if err != nil || gob.NewDecoder(bytes.NewReader(data)).Decode(&d) != nil || d.Version != want {
		return onDisk{}
	}
	return d
}

func inode(st os.FileInfo) uint64 {
	if s, ok := st.Sys().(*syscall.Stat_t); ok {
		return s.Ino
	}
	return 0
}

// dottedString finds a quoted name with a dot or a slash in it: a module
// ("shop.cli"), a path ("src/shop/cli.py").
var dottedString = regexp.MustCompile(`["'][A-Za-z_][\w]*[./]`)

// candidates keeps the lines that could contain a module's name in a
// string or start a Python process: every needle the selector searches for
// is a quoted dotted name, a path ending in .py, `-m`, `run_module(` or
// `sys.executable`.
func candidates(src []byte) []Line {
	var out []Line
	for i, l := range bytes.Split(src, []byte("\n")) {
		if bytes.Contains(l, []byte("-m")) || bytes.Contains(l, []byte("run_module(")) || bytes.Contains(l, []byte("executable")) ||
			bytes.Contains(l, []byte(".py")) || dottedString.Match(l) {
			out = append(out, Line{N: i + 1, Text: string(l)})
		}
	}
	return out
}

// Hit is a line that contains a searched string.
type Hit struct {
	Path string
	Line int
}

// Grep returns the indexed lines that contain any of the strings, which
// must be of the kinds candidates keeps.
func (ix *Index) Grep(fixed []string) []Hit {
	var hits []Hit
	for p, e := range ix.files {
		for _, l := range e.Lines {
			for _, f := range fixed {
				if strings.Contains(l.Text, f) {
					hits = append(hits, Hit{Path: p, Line: l.N})
					break
				}
			}
		}
	}
	return hits
}

// Covers reports whether the index can answer a search for s: every line
// containing s is a candidate line.
func Covers(s string) bool {
	switch {
	case strings.Contains(s, "-m"), strings.Contains(s, "run_module("), strings.Contains(s, ".py"), strings.Contains(s, "executable"):
		return true
	case len(s) > 1 && (s[0] == '"' || s[0] == '\'') && dottedString.MatchString(s):
		return true
	}
	return false
}

// StateNames is the union of the names the project's stateful code uses.
func (ix *Index) StateNames() map[string]bool {
	out := map[string]bool{}
	for _, e := range ix.files {
		for _, n := range e.State {
			out[n] = true
		}
	}
	return out
}
