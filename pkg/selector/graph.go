package selector

import (
	"bytes"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/sourcegraph/conc/iter"

	"github.com/impacted/impacted/pkg/distinfo"
	"github.com/impacted/impacted/pkg/pysrc"
)

// graph is the project's static import graph on the working-tree side,
// built only when an import-time change needs it.
type graph struct {
	files         []string // every project file
	py            []string // the Python ones, plus Python files the change deleted
	src           map[string][]byte
	mods          map[string]*pysrc.Module
	byName        map[string][]string  // last dotted component -> modules
	rev           map[string][]string  // module -> modules importing it
	dynamic       []string             // modules that load modules by name
	seeing        map[string][]string  // memo of visible()
	broadFixtures bool                 // some fixture is wider than a function
	wideFixtures  map[string]bool      // the names of those fixtures
	findsClasses  *bool                // some module finds classes without naming them
	lits          map[string][]literal // memo of literals(): each module's string literals
	kids          map[string][]string  // memo of children(): package __init__.py -> its modules
}

func (s *state) graph() *graph {
	if s.graph_ != nil {
		return s.graph_
	}
	g := &graph{src: map[string][]byte{}, mods: map[string]*pysrc.Module{}, byName: map[string][]string{}, rev: map[string][]string{}, wideFixtures: map[string]bool{}}
	s.graph_ = g
	files, err := s.in.Source.Files()
	if err != nil {
		s.fail("project-unreadable", err.Error())
		return g
	}
	g.files = files
	for _, f := range files {
		if isPython(f) {
			g.py = append(g.py, f)
		}
	}
	for _, ch := range s.in.Changes {
		if ch.NewPath == "" && isPython(ch.OldPath) && !slices.Contains(g.py, ch.OldPath) {
			g.py = append(g.py, ch.OldPath)
		}
	}
	type parsed struct {
		src []byte
		mod *pysrc.Module
	}
	results := iter.Map(g.py, func(p *string) parsed {
		b, err := s.in.Source.New(*p)
		if err != nil {
			return parsed{}
		}
		m, _ := pysrc.Parse(b) // an unparsable module imports nothing we can see
		return parsed{b, m}
	})
	for i, p := range g.py {
		g.src[p] = results[i].src
		if m := results[i].mod; m != nil {
			g.mods[p] = m
			if m.DynamicImport {
				g.dynamic = append(g.dynamic, p)
			}
			for _, fx := range m.Fixtures {
				if fx.Scope != "function" {
					g.broadFixtures = true
					g.wideFixtures[fx.Name] = true
				}
			}
		}
		g.byName[lastComponent(p)] = append(g.byName[lastComponent(p)], p)
	}
	g.link()
	g.linkTestPackages(func(q string) bool { return isConftest(q) || s.in.Rules.IsTestFile(q) })
	return g
}

// components turns "src/shop/cart.py" into [src shop cart] and
// "src/shop/__init__.py" into [src shop].
func components(p string) []string {
	p = strings.TrimSuffix(p, ".py")
	c := strings.Split(p, "/")
	if c[len(c)-1] == "__init__" {
		c = c[:len(c)-1]
	}
	return c
}

// parentInit returns the __init__.py of the package holding module p, ""
// when the project has none.
func (g *graph) parentInit(p string) string {
	c := components(p)
	if len(c) < 2 {
		return ""
	}
	init := strings.Join(c[:len(c)-1], "/") + "/__init__.py"
	if g.mods[init] == nil {
		return ""
	}
	return init
}

func lastComponent(p string) string {
	c := components(p)
	if len(c) == 0 {
		return ""
	}
	return c[len(c)-1]
}

// resolve finds the project modules a dotted name can denote: every module
// whose path ends with the name's components. Matching on suffixes instead
// of sys.path roots over-approximates, which is the safe direction.
func (g *graph) resolve(dotted []string) []string {
	if len(dotted) == 0 {
		return nil
	}
	var out []string
	for _, p := range g.byName[dotted[len(dotted)-1]] {
		c := components(p)
		if len(c) >= len(dotted) && slices.Equal(c[len(c)-len(dotted):], dotted) {
			out = append(out, p)
		}
	}
	return out
}

// imports lists the modules p imports, with the packages whose __init__
// an import runs first.
func (g *graph) imports(p string, m *pysrc.Module) []string {
	var out []string
	add := func(dotted []string, names []string) {
		for k := 1; k <= len(dotted); k++ {
			out = append(out, g.absolute(dotted[:k])...)
		}
		for _, n := range names {
			if n != "*" {
				out = append(out, g.absolute(append(slices.Clone(dotted), n))...)
			}
		}
	}
	for _, im := range m.Imports {
		var dotted []string
		if im.Module != "" {
			dotted = strings.Split(im.Module, ".")
		}
		if im.Level == 0 {
			add(dotted, im.Names)
			continue
		}
		pkg := components(p)
		if !strings.HasSuffix(p, "__init__.py") {
			pkg = pkg[:len(pkg)-1]
		}
		if im.Level-1 > len(pkg) {
			continue
		}
		base := pkg[:len(pkg)-(im.Level-1)]
		out = append(out, g.exact(base)...)
		full := append(slices.Clone(base), dotted...)
		for k := len(base) + 1; k <= len(full); k++ {
			out = append(out, g.exact(full[:k])...)
		}
		for _, n := range im.Names {
			out = append(out, g.exact(append(slices.Clone(full), n))...)
		}
	}
	for _, pl := range m.PytestPlugins {
		add(strings.Split(pl, "."), nil)
	}
	return out
}

// exact finds the module at exactly these path components.
func (g *graph) exact(c []string) []string {
	want := strings.Join(c, "/")
	var out []string
	for _, cand := range []string{want + ".py", want + "/__init__.py"} {
		if _, ok := g.src[cand]; ok {
			out = append(out, cand)
		}
	}
	return out
}

func (g *graph) link() {
	for _, p := range g.py {
		m := g.mods[p]
		if m == nil {
			continue
		}
		seen := map[string]bool{p: true}
		imports := g.imports(p, m)
		for _, q := range append(imports, g.attributeImports(m, imports)...) {
			if !seen[q] {
				seen[q] = true
				g.rev[q] = append(g.rev[q], p)
			}
		}
	}
}

// importers returns every module that imports p, directly or transitively.
func (g *graph) importers(p string) []string {
	seen := map[string]bool{p: true}
	queue := []string{p}
	var out []string
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		for _, r := range g.rev[q] {
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
				queue = append(queue, r)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (g *graph) containing(needles [][]byte) []string {
	var out []string
	for _, q := range g.py {
		for _, n := range needles {
			if bytes.Contains(g.src[q], n) {
				out = append(out, q)
				break
			}
		}
	}
	return out
}

// visible returns the modules that can see p's module-level names: p, its
// importers (direct or transitive), and the modules that load modules by
// name.
func (g *graph) visible(p string) []string {
	if v, ok := g.seeing[p]; ok {
		return v
	}
	v := append([]string{p}, g.importers(p)...)
	for _, d := range g.dynamic {
		if !slices.Contains(v, d) {
			v = append(v, d)
		}
	}
	if g.seeing == nil {
		g.seeing = map[string][]string{}
	}
	g.seeing[p] = v
	return v
}

// target returns the project module a from-import takes names from.
func (g *graph) target(p string, im pysrc.Import) []string {
	var dotted []string
	if im.Module != "" {
		dotted = strings.Split(im.Module, ".")
	}
	if im.Level == 0 {
		return g.absolute(dotted)
	}
	pkg := components(p)
	if !strings.HasSuffix(p, "__init__.py") {
		pkg = pkg[:len(pkg)-1]
	}
	if im.Level-1 > len(pkg) {
		return nil
	}
	return g.exact(append(slices.Clone(pkg[:len(pkg)-(im.Level-1)]), dotted...))
}

// loadedBefore is what importing p loads before p's own code runs: the
// packages above p and everything their __init__.py files import, in the
// current tree, not through p itself.
func (g *graph) loadedBefore(p string) map[string]bool {
	var starts []string
	for q := g.parentInit(p); q != ""; q = g.parentInit(q) {
		starts = append(starts, q)
	}
	return g.loadedFrom(map[string]bool{p: true}, starts)
}

// loadedFrom is every project module that importing starts loads at
// import time, starts included, in the current tree, not through the
// modules of skip (loaded already, or p itself).
func (g *graph) loadedFrom(skip map[string]bool, starts []string) map[string]bool {
	seen := maps.Clone(skip)
	queue := slices.Clone(starts)
	for len(queue) > 0 {
		q := queue[0]
		queue = queue[1:]
		if seen[q] {
			continue
		}
		seen[q] = true
		if m := g.mods[q]; m != nil {
			for _, r := range g.imports(q, &pysrc.Module{Imports: topImports(m)}) {
				if !seen[r] {
					queue = append(queue, r)
				}
			}
		}
	}
	maps.DeleteFunc(seen, func(q string, _ bool) bool { return skip[q] })
	return seen
}

func topImports(m *pysrc.Module) []pysrc.Import {
	var top []pysrc.Import
	for _, im := range m.Imports {
		if !im.InFunction {
			top = append(top, im)
		}
	}
	return top
}

// absolute finds the project modules an absolute import of dotted can
// load (resolve). A name of the standard library (`from typing import
// cast`, `import types`) is the standard library's, not the project's
// pkg/typing.py: that one is importable as a top-level name only if its
// package's directory were a sys.path root, which pytest never makes (it
// inserts the first directory up without an __init__.py).
func (g *graph) absolute(dotted []string) []string {
	out := g.resolve(dotted)
	if len(out) == 0 || !distinfo.Stdlib(dotted[0]) {
		return out
	}
	return slices.DeleteFunc(out, func(t string) bool {
		c := components(t)
		if len(c) <= len(dotted) {
			return false
		}
		_, pkg := g.src[strings.Join(c[:len(c)-len(dotted)], "/")+"/__init__.py"]
		return pkg
	})
}

// binds reports whether module t may provide name: it binds it, has a
// submodule of that name, or cannot be known (a star import, __getattr__,
// an unparsable module).
func (g *graph) binds(t, name string) bool {
	m := g.mods[t]
	if m == nil {
		return true
	}
	bound := scopeBindings(m)
	if bound[name] || bound["__getattr__"] || bound["*"] {
		return true
	}
	if strings.HasSuffix(t, "__init__.py") {
		return len(g.exact(append(components(t), name))) > 0
	}
	return false
}

// linkTestPackages adds the imports pytest makes itself: collecting a test
// module (or a conftest.py) inside a package imports that package's
// __init__.py and its parents' first, so they are import-time code of the
// tests below them.
func (g *graph) linkTestPackages(isTest func(string) bool) {
	for _, p := range g.py {
		if !isTest(p) {
			continue
		}
		for d := path.Dir(p); d != "." && d != "/"; d = path.Dir(d) {
			init := d + "/__init__.py"
			if _, ok := g.src[init]; ok && init != p && !slices.Contains(g.rev[init], p) {
				g.rev[init] = append(g.rev[init], p)
			}
		}
	}
}
