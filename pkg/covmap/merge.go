package covmap

import (
	"maps"
	"slices"
)

// Merge combines maps recorded on parts of one suite (the shards of a CI
// matrix) into the map one run of the whole suite would have recorded:
// every file's lines, each with the union of the contexts the parts saw
// there. rename, when not nil, rewrites every path first (to make absolute
// paths project-relative); paths that rename to the same one are merged.
// The provenance is not merged here (see MergeProvenance).
func Merge(parts []*Map, rename func(string) string) (*Map, error) {
	type source struct {
		part *Map
		file int
	}
	byPath := map[string][]source{}
	for _, m := range parts {
		for i, p := range m.paths {
			if rename != nil {
				p = rename(p)
			}
			byPath[p] = append(byPath[p], source{m, i})
		}
	}
	b := newBuilder()
	for _, path := range slices.Sorted(maps.Keys(byPath)) {
		lines := map[uint32][]uint32{}
		for _, s := range byPath[path] {
			err := s.part.fileAt(s.file).contexts(s.part.tests, func(line int, ctxs []string) error {
				if _, ok := lines[uint32(line)]; !ok {
					lines[uint32(line)] = nil // a line keeps its place even without contexts
				}
				for _, c := range ctxs {
					k, err := b.contextKey([]byte(c))
					if err != nil {
						return err
					}
					lines[uint32(line)] = append(lines[uint32(line)], k)
				}
				return nil
			})
			if err != nil {
				return nil, err
			}
		}
		b.beginFile(path)
		for _, l := range slices.Sorted(maps.Keys(lines)) {
			b.addLine(l, b.addSet(lines[l]))
		}
		if err := b.endFile(); err != nil {
			return nil, err
		}
	}
	return b.finish("merge")
}
