package covmap

import (
	"maps"
	"slices"
)

// Carry says how an old map's data moves to a later commit, for
// `impacted map update`: the tests the change selected are recorded again,
// every other test's lines follow the diff.
type Carry struct {
	// Move says where an old file is now and where each of its lines
	// went; ok false drops the file (deleted, or not a text change).
	Move func(path string) (newPath string, mapLine func(int) []int, ok bool)
	// Keep says whether an old test's lines are carried forward: false
	// for the tests recorded again and for tests that are gone.
	Keep func(nodeID string) bool
	// ImportTime carries the old import-time lines (the "" context and
	// the import contexts) too: only when no collection was recorded again.
	ImportTime bool
}

// Update carries old forward by c and adds fresh, the tests recorded
// again (nil when none were), whose import-time lines replace the old ones.
func Update(old *Map, c Carry, fresh *Map) (*Map, error) {
	lines := map[string]map[int][]string{}
	add := func(path string, line int, ctx string) {
		if lines[path] == nil {
			lines[path] = map[int][]string{}
		}
		lines[path][line] = append(lines[path][line], ctx)
	}
	for i, path := range old.paths {
		newPath, mapLine, ok := c.Move(path)
		if !ok {
			continue
		}
		_ = old.fileAt(i).contexts(old.tests, func(line int, ctxs []string) error {
			for _, ctx := range ctxs {
				if node, _ := SplitContext(ctx); (ctx == "" && c.ImportTime) || (ctx != "" && c.Keep(node)) {
					for _, l := range mapLine(line) {
						add(newPath, l, ctx)
					}
				}
			}
			return nil
		})
	}
	imports := Imports{}
	if c.ImportTime {
		imports = carryImports(old.ImportContexts(), c.Move)
	}
	if fresh != nil {
		for i, path := range fresh.paths {
			_ = fresh.fileAt(i).contexts(fresh.tests, func(line int, ctxs []string) error {
				for _, ctx := range ctxs {
					add(path, line, ctx)
				}
				return nil
			})
		}
		mergeImports(imports, fresh.ImportContexts())
	}
	m, err := buildCollected(lines)
	if err != nil {
		return nil, err
	}
	return m, m.setImports(imports)
}

// carryImports moves import contexts (files, modules and lines) through move.
func carryImports(old Imports, move func(string) (string, func(int) []int, bool)) Imports {
	out := Imports{}
	for path, mods := range old {
		newPath, mapLine, ok := move(path)
		if !ok {
			continue
		}
		for mod, ls := range mods {
			newMod, _, ok := move(mod)
			if !ok {
				continue
			}
			if out[newPath] == nil {
				out[newPath] = map[string][]int{}
			}
			for _, l := range ls {
				out[newPath][newMod] = append(out[newPath][newMod], mapLine(l)...)
			}
		}
	}
	return out
}

// buildCollected feeds path -> line -> contexts through the builder.
func buildCollected(lines map[string]map[int][]string) (*Map, error) {
	b := newBuilder()
	var keys []uint32
	for _, path := range slices.Sorted(maps.Keys(lines)) {
		b.beginFile(path)
		byLine := lines[path]
		for _, l := range slices.Sorted(maps.Keys(byLine)) {
			keys = keys[:0]
			for _, ctx := range byLine[l] {
				k, err := b.contextKey([]byte(ctx))
				if err != nil {
					return nil, err
				}
				keys = append(keys, k)
			}
			b.addLine(uint32(l), b.addSet(keys))
		}
		if err := b.endFile(); err != nil {
			return nil, err
		}
	}
	return b.finish("sysmon")
}
