package covmap

import (
	"github.com/impacted/impacted/pkg/atomicfile"

	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"time"
)

// WriteJSON writes a coverage.py-compatible JSON map (format 3, show_contexts) of m with prov under
// the "impacted" key, atomically (temp file in the same dir + rename). Needed so `impacted map build`
// can turn a .coverage SQLite file into the JSON map without running `coverage json`.
//
// Every line keeps its contexts with their phase suffixes. What the index
// does not know is written plainly: no missing or excluded lines, a summary
// that counts only executed lines, and no per-function or per-class regions.
func WriteJSON(path string, m *Map, prov *Provenance) error {
	var provJSON []byte
	if prov != nil {
		var err error
		if provJSON, err = json.Marshal(prov); err != nil {
			return fmt.Errorf("encode map provenance: %w", err)
		}
	}
	return atomicfile.WriteFunc(path, func(f *os.File) error {
		w := &jsonWriter{w: bufio.NewWriterSize(f, 1<<20)}
		w.meta(prov)
		total := w.files(m)
		w.raw(`,"totals":`)
		w.summary(total)
		if provJSON != nil {
			w.raw(`,"impacted":`)
			w.raw(string(provJSON))
		}
		if m.HasImports() {
			w.raw(`,"` + ImportsKey + `":`)
			w.raw(string(m.imports.raw))
		}
		w.raw("}\n")
		if w.err != nil {
			return w.err
		}
		return w.w.Flush()
	})
}

// jsonWriter appends JSON text through a small buffer, keeping the first
// write error so the building code stays linear.
type jsonWriter struct {
	w     *bufio.Writer
	buf   []byte
	err   error
	names [][]byte // per test, its quoted node id (see quoted)
}

func (w *jsonWriter) raw(s string) {
	if w.err == nil {
		_, w.err = w.w.WriteString(s)
	}
}

func (w *jsonWriter) flushBuf() {
	if w.err == nil {
		_, w.err = w.w.Write(w.buf)
	}
	w.buf = w.buf[:0]
}

func (w *jsonWriter) str(s string) {
	w.buf = appendJSONString(w.buf, s)
	w.flushBuf()
}

func (w *jsonWriter) meta(prov *Provenance) {
	version, when := "", ""
	if prov != nil {
		version = prov.Coverage
		if !prov.BuiltAt.IsZero() {
			when = prov.BuiltAt.UTC().Format(time.RFC3339Nano)
		}
	}
	w.raw(`{"meta":{"format":3,"version":`)
	w.str(version)
	w.raw(`,"timestamp":`)
	w.str(when)
	w.raw(`,"branch_coverage":false,"show_contexts":true},"files":{`)
}

// files writes every file and returns the number of executed lines.
func (w *jsonWriter) files(m *Map) int {
	total := 0
	for i, path := range m.paths {
		f := m.fileAt(i)
		if i > 0 {
			w.raw(",")
		}
		w.str(path)
		w.raw(`:{"executed_lines":[`)
		for j, l := range f.d.lines {
			if j > 0 {
				w.buf = append(w.buf, ',')
			}
			w.buf = strconv.AppendUint(w.buf, uint64(l), 10)
		}
		w.flushBuf()
		w.raw(`],"summary":`)
		w.summary(len(f.d.lines))
		w.raw(`,"missing_lines":[],"excluded_lines":[],"contexts":{`)
		w.contexts(m, f)
		w.raw("}}")
		total += len(f.d.lines)
	}
	w.raw("}")
	return total
}

// contexts writes f's {"LINE": [CONTEXT, ...]} entries. Neighbouring lines
// mostly share one set of contexts, so each set is encoded once per file
// and each test's quoted node id once per map (the map of a suite of 2000
// short tests is 80 MB of mostly repeated lists).
func (w *jsonWriter) contexts(m *Map, f *File) {
	encoded := make([][]byte, len(f.d.setOff)-1)
	for i, l := range f.d.lines {
		if i > 0 {
			w.buf = append(w.buf, ',')
		}
		w.buf = append(w.buf, '"')
		w.buf = strconv.AppendUint(w.buf, uint64(l), 10)
		w.buf = append(w.buf, `":`...)
		s := f.d.lset[i]
		if encoded[s] == nil {
			encoded[s] = w.encodeSet(m.tests, f.d.set(s))
		}
		w.buf = append(w.buf, encoded[s]...)
		if len(w.buf) >= 1<<16 {
			w.flushBuf()
		}
	}
	w.flushBuf()
}

// encodeSet renders one set as a JSON list: the import-time context first,
// then each test's phases in setup, run, teardown order.
func (w *jsonWriter) encodeSet(tests []string, set []uint32) []byte {
	// Sized first: a set of a thousand tests grown by doubling cost a third
	// of writing the map (each growth clears and copies the bytes).
	size := len(`[""]`)
	for _, k := range set {
		for p := PhaseSetup; p <= PhaseTeardown; p <<= 1 {
			if k != importKey && Phase(k)&p != 0 {
				size += len(w.quoted(tests, k>>phaseBits)) + len(phaseSuffix[p]) + 1
			}
		}
	}
	out := append(make([]byte, 0, size), '[')
	if n := len(set); n > 0 && set[n-1] == importKey {
		out, set = append(out, `""`...), set[:n-1]
	}
	for _, k := range set {
		for p := PhaseSetup; p <= PhaseTeardown; p <<= 1 {
			if Phase(k)&p == 0 {
				continue
			}
			if len(out) > 1 {
				out = append(out, ',')
			}
			out = append(out, w.quoted(tests, k>>phaseBits)...)
			out = append(out, phaseSuffix[p]...)
		}
	}
	return append(out, ']')
}

// phaseSuffix closes a quoted node id (see quoted) as joinContext spells it;
// an array indexed by phase, not a map: it is read for every entry written.
var phaseSuffix = [...]string{PhaseSetup: `|setup"`, PhaseRun: `|run"`, PhaseTeardown: `|teardown"`}

// quoted is test t's node id as an open JSON string: the quote, the
// escaped id, no closing quote (the phase suffix has nothing to escape).
func (w *jsonWriter) quoted(tests []string, t uint32) []byte {
	if w.names == nil {
		w.names = make([][]byte, len(tests))
	}
	if w.names[t] == nil {
		q := appendJSONString(nil, tests[t])
		w.names[t] = q[:len(q)-1]
	}
	return w.names[t]
}

func (w *jsonWriter) summary(n int) {
	w.buf = append(w.buf, `{"covered_lines":`...)
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
	w.buf = append(w.buf, `,"num_statements":`...)
	w.buf = strconv.AppendInt(w.buf, int64(n), 10)
	w.buf = append(w.buf, `,"percent_covered":100.0,"percent_covered_display":"100","missing_lines":0,"excluded_lines":0}`...)
	w.flushBuf()
}
