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
	var fi, ls []uint32
	var segments [][2]any
	for _, s := range segs {
		segments = append(segments, [2]any{s.ctx, len(fi)})
		for _, h := range s.hits {
			path := h[0].(string)
			if _, ok := index[path]; !ok {
				index[path] = len(files)
				files = append(files, path)
			}
			fi, ls = append(fi, uint32(index[path])), append(ls, uint32(h[1].(int)))
		}
	}
	header, err := json.Marshal(map[string]any{"format": CollectedFormat, "files": files, "segments": segments,
		"pairs": len(fi), "imports": imports})
	if err != nil {
		t.Fatal(err)
	}
	data := append(header, '\n')
	for _, xs := range [][]uint32{fi, ls} {
		for _, x := range xs {
			data = binary.LittleEndian.AppendUint32(data, x)
		}
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
