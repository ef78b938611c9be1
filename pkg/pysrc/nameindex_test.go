package pysrc

import (
	"os"
	"reflect"
	"slices"
	"sort"
	"testing"
	"time"
)

// The scans below are References and Occurrences as they were before the
// name index: one pass over the module's tokens per name. They are the
// index's reference, and BenchmarkNames' baseline.

func (m *Module) scanReferences(name string) (units []int, toplevel bool) {
	for idx, sp := range m.spans {
		found := false
		for _, h := range sp.header {
			found = found || m.scanUses(h, name, sp.name)
		}
		if m.Units[idx].Kind == KindFunc {
			found = found || m.scanUses(sp.body, name, -1)
		}
		if found {
			units = append(units, idx)
		}
	}
	for _, sc := range m.scopes {
		used := false
		for _, st := range sc.stmts {
			used = used || !st.marker && m.scanUses(st, name, -1)
		}
		if !used {
			continue
		}
		toplevel = true
		if sc.unit >= 0 && !contains(units, sc.unit) {
			units = append(units, sc.unit)
		}
	}
	sort.Ints(units)
	return units, toplevel
}

func (m *Module) scanUses(s span, name string, skip int) bool {
	for i := s.lo; i < s.hi; i++ {
		t := m.toks.token(i)
		if t.Type == Name && t.Text == name && i != skip && (i == 0 || !m.toks.is(i-1, Op, ".")) {
			return true
		}
	}
	for _, e := range m.embedded {
		if e.tok >= s.lo && e.tok < s.hi && e.kind == embedName && e.name == name {
			return true
		}
	}
	return false
}

func (m *Module) scanOccurrences(name string) []Occurrence {
	d := m.derive()
	d.regionsOnce.Do(func() { d.regions = m.regions(d.raw) })
	var out []Occurrence
	e := 0
	for i := range m.toks.list {
		for ; e < len(m.embedded) && m.embedded[e].tok <= i; e++ {
			if em := m.embedded[e]; em.tok == i && em.name == name {
				out = append(out, d.place(i, int(em.line)))
			}
		}
		if m.scanMatches(i, name) && m.unitNamed(i) < 0 {
			out = append(out, d.tokenOccurrence(m, i)) // what the token is; finding it is the scan's part
		}
	}
	return out
}

func (m *Module) scanMatches(i int, name string) bool {
	switch m.toks.typ(i) {
	case Name:
		return m.toks.is(i, Name, name)
	case String:
		v, ok := unquote(m.toks.text(i))
		return ok && v == name
	}
	return false
}

// sampleNames returns up to n of the module's names, spread over all of
// them, plus a name it does not hold.
func sampleNames(m *Module, n int) []string {
	var all []string
	for k := range m.Names() {
		all = append(all, k)
	}
	sort.Strings(all)
	step := max(1, len(all)/n)
	var out []string
	for i := 0; i < len(all); i += step {
		out = append(out, all[i])
	}
	return append(out, "no_such_name_anywhere")
}

// TestNameIndexMatchesScan checks References and Occurrences against the
// per-name scans on the standard library (f-string tests included).
func TestNameIndexMatchesScan(t *testing.T) {
	names := 0
	for _, f := range stdlibCorpus(t, python312(t)) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(src)
		if err != nil {
			continue // rejected by CPython too: TestTokenizeMatchesCPython says so
		}
		if m.index().overlap {
			t.Fatalf("%s: the reference regions overlap: References falls back to asking every span", f)
		}
		for _, name := range sampleNames(m, 60) {
			names++
			gu, gt := m.References(name)
			wu, wt := m.scanReferences(name)
			if !slices.Equal(gu, wu) || gt != wt {
				t.Fatalf("%s: References(%q) = %v, %v; the scan says %v, %v", f, name, gu, gt, wu, wt)
			}
			if g, w := m.Occurrences(name), m.scanOccurrences(name); !reflect.DeepEqual(g, w) {
				t.Fatalf("%s: Occurrences(%q) = %v; the scan says %v", f, name, g, w)
			}
		}
	}
	if names < 1000 {
		t.Fatalf("checked %d names: the corpus is too small to say anything", names)
	}
}

// BenchmarkNames asks a 5,000-line module where 100 of its names occur, as
// the selector does for a big module (more-itertools' more.py), with the
// index and with the scans it replaced, alternating in every iteration; it
// reports each one's time per round and their ratio (scan/index).
func BenchmarkNames(b *testing.B) {
	src := benchSource(b)
	m, err := Parse(src)
	if err != nil {
		b.Fatal(err)
	}
	names := sampleNames(m, 100)
	var index, scan time.Duration
	for b.Loop() {
		t0 := time.Now()
		for _, n := range names {
			m.References(n)
			m.Occurrences(n)
		}
		t1 := time.Now()
		for _, n := range names {
			m.scanReferences(n)
			m.scanOccurrences(n)
		}
		index, scan = index+t1.Sub(t0), scan+time.Since(t1)
	}
	b.ReportMetric(float64(index.Nanoseconds())/float64(b.N), "index-ns/op")
	b.ReportMetric(float64(scan.Nanoseconds())/float64(b.N), "scan-ns/op")
	b.ReportMetric(float64(scan)/float64(index), "scan/index")
}
