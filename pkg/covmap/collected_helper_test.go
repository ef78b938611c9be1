package covmap

import (
	"encoding/binary"
	"encoding/json"
	"testing"
)

// seg is one segment of a collector file: a context and its hits, as
// (path, line) pairs in the order the collector saw them.
type seg struct {
	ctx  string
	hits [][2]any
}

// writeCollected writes a collector file (CollectedFormat) as the sysmon
// plugin does, so the reader is tested on the bytes Python writes.
func writeCollected(t *testing.T, name string, imports Imports, segs ...seg) string {
	t.Helper()
	files, index := []string{}, map[string]int{}
	var ids []uint64
	var ls []uint32
	contexts, firsts := []string{}, []int{}
	for _, s := range segs {
		contexts, firsts = append(contexts, s.ctx), append(firsts, len(ids))
		for _, h := range s.hits {
			path := h[0].(string)
			if _, ok := index[path]; !ok {
				index[path] = len(files)
				files = append(files, path)
			}
			// One code object per file, its id far from its index, as id()s are.
			ids, ls = append(ids, 1<<40+uint64(index[path])*48), append(ls, uint32(h[1].(int)))
		}
	}
	codeIDs, codeFiles := []uint64{}, []int{}
	for i := range files {
		codeIDs, codeFiles = append(codeIDs, 1<<40+uint64(i)*48), append(codeFiles, i)
	}
	header, err := json.Marshal(map[string]any{"format": CollectedFormat, "files": files,
		"code_ids": codeIDs, "code_files": codeFiles, "contexts": contexts, "firsts": firsts,
		"pairs": len(ids), "imports": imports})
	if err != nil {
		t.Fatal(err)
	}
	data := append(header, '\n')
	for _, id := range ids {
		data = binary.LittleEndian.AppendUint64(data, id)
	}
	for _, l := range ls {
		data = binary.LittleEndian.AppendUint32(data, l)
	}
	return writeFile(t, name, string(data))
}

func hits(path string, lines ...int) [][2]any {
	out := make([][2]any, len(lines))
	for i, l := range lines {
		out[i] = [2]any{path, l}
	}
	return out
}
