package main

import (
	"encoding/json"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"
)

// mapDoc is what the map tests read from a coverage.py JSON map with
// encoding/json, independently of pkg/covmap, so that they check the
// loader instead of trusting it.
type mapDoc struct {
	Files map[string]struct {
		Contexts map[string][]string `json:"contexts"`
	} `json:"files"`
	Impacted *covmap.Provenance `json:"impacted"`
}

func readMapDoc(t *testing.T, path string) mapDoc {
	t.Helper()
	var d mapDoc
	if err := json.Unmarshal(mustReadFile(t, path), &d); err != nil {
		t.Fatalf("decode map %s: %v", path, err)
	}
	if len(d.Files) == 0 {
		t.Fatalf("map %s measured no files", path)
	}
	return d
}

// lineSpan is a range of lines of one project file.
type lineSpan struct {
	file   string
	lo, hi int
}

// ran returns the node ids the map credits with running any line of sp:
// the truth a body change of those lines must select.
func (d mapDoc) ran(t *testing.T, sp lineSpan) map[string]bool {
	t.Helper()
	f, ok := d.Files[sp.file]
	if !ok {
		t.Fatalf("%s is not in the map", sp.file)
	}
	out := map[string]bool{}
	for line := sp.lo; line <= sp.hi; line++ {
		for _, ctx := range f.Contexts[strconv.Itoa(line)] {
			if id := nodeOfContext(ctx); id != "" {
				out[id] = true
			}
		}
	}
	if len(out) == 0 {
		t.Fatalf("the map credits no test with %s:%d-%d", sp.file, sp.lo, sp.hi)
	}
	return out
}

// tests lists every node id the map names.
func (d mapDoc) tests() []string {
	seen := map[string]bool{}
	for _, f := range d.Files {
		for _, ctxs := range f.Contexts {
			for _, ctx := range ctxs {
				if id := nodeOfContext(ctx); id != "" {
					seen[id] = true
				}
			}
		}
	}
	return keys(seen)
}

// nodeOfContext strips pytest-cov's phase suffix; "" is import time.
func nodeOfContext(ctx string) string {
	if i := strings.LastIndexByte(ctx, '|'); i >= 0 {
		switch ctx[i+1:] {
		case "setup", "run", "teardown":
			return ctx[:i]
		}
	}
	return ctx
}

// funcBody finds a top-level function in a project's Python file and
// returns the lines of its body (the def line runs at import, not in a test).
// lineWith is the one line of file holding text.
func lineWith(t *testing.T, dir, file, text string) lineSpan {
	t.Helper()
	for i, l := range strings.Split(string(mustReadFile(t, filepath.Join(dir, file))), "\n") {
		if strings.Contains(l, text) {
			return lineSpan{file, i + 1, i + 1}
		}
	}
	t.Fatalf("%s holds no %q", file, text)
	return lineSpan{}
}

func funcBody(t *testing.T, dir, file, name string) lineSpan {
	t.Helper()
	def, last := 0, 0
	for i, l := range strings.Split(string(mustReadFile(t, filepath.Join(dir, file))), "\n") {
		switch {
		case strings.HasPrefix(l, "def "+name+"("):
			def, last = i+1, i+1
		case def > 0 && strings.TrimSpace(l) != "" && !strings.HasPrefix(l, " "):
			return lineSpan{file, def + 1, last}
		case def > 0 && strings.TrimSpace(l) != "":
			last = i + 1
		}
	}
	if def == 0 {
		t.Fatalf("no function %s in %s", name, file)
	}
	return lineSpan{file, def + 1, last}
}
