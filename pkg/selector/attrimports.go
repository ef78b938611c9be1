package selector

import (
	"path"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// attributeImports lists the submodules module m (imports) reaches as
// attributes of a package it imports (`import pkg` ... `pkg.sub.f()`)
// when the package does not import them itself: the read works only once
// something imported pkg.sub (a lazy `__getattr__`, a function-level
// import, another test module), so m depends on pkg.sub as if it imported
// it. A read through any name m imports, or through a chain (`a.pkg.sub`),
// counts; `self.sub` does not.
func (g *graph) attributeImports(m *pysrc.Module, imports []string) []string {
	via := importedNames(m)
	var out []string
	seen := map[string]bool{}
	queue := []string{}
	for _, q := range imports {
		if strings.HasSuffix(q, "/__init__.py") && !seen[q] {
			seen[q] = true
			queue = append(queue, q)
		}
	}
	for len(queue) > 0 {
		pkg := queue[0]
		queue = queue[1:]
		for _, sub := range g.children()[pkg] {
			if seen[sub] || !readsAttribute(m, lastComponent(sub), via) {
				continue
			}
			seen[sub] = true
			out = append(out, sub)
			if strings.HasSuffix(sub, "/__init__.py") {
				queue = append(queue, sub)
			}
		}
	}
	return out
}

// importedNames are the names m's import statements bind.
func importedNames(m *pysrc.Module) map[string]bool {
	out := map[string]bool{}
	for _, st := range m.Stmts() {
		if st.Kind == pysrc.StmtImport {
			for _, b := range st.Binds {
				out[b] = true
			}
		}
	}
	return out
}

// readsAttribute reports whether m reads name as an attribute of one of
// the names in via, or of a chain or call.
func readsAttribute(m *pysrc.Module, name string, via map[string]bool) bool {
	if !m.Names()[name] {
		return false
	}
	for _, oc := range m.Occurrences(name) {
		if oc.Attr && !oc.ModulePath && (oc.Of == "" || via[oc.Of]) {
			return true
		}
	}
	return false
}

// children maps each package's __init__.py to the modules directly in it:
// its .py files and the __init__.py of its subpackages.
func (g *graph) children() map[string][]string {
	if g.kids != nil {
		return g.kids
	}
	g.kids = map[string][]string{}
	for _, p := range g.py {
		dir := path.Dir(p)
		if path.Base(p) == "__init__.py" {
			dir = path.Dir(dir)
		}
		if init := dir + "/__init__.py"; init != p && g.mods[init] != nil {
			g.kids[init] = append(g.kids[init], p)
		}
	}
	return g.kids
}
