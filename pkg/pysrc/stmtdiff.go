package pysrc

import "hash/fnv"

// StmtChange is a statement that differs between two versions of a scope.
// The statements of a scope are aligned by a longest common subsequence of
// equal statements (equal tokens ignoring comments and layout, as for
// Diff.Equal, and equal kinds: a string that stops being the docstring
// changes); what is outside it changed. A statement moved among others
// therefore changes, since the order of module code matters.
type StmtChange struct {
	Old *Stmt // nil when the statement was added
	New *Stmt // nil when it was removed
}

// maxAlign bounds the alignment table (old × new statements of one scope,
// after the common head and tail). Beyond it, statements are compared in
// place when both sides have as many, and otherwise every statement between
// the common head and tail counts as changed: coarser, but still right.
const maxAlign = 1 << 22

// stmtSide is one version's statements of one scope.
type stmtSide struct {
	m    *Module
	raw  []rawStmt
	st   []*Stmt
	hash []uint64
}

func sideOf(m *Module, scopeName string) stmtSide {
	d := m.derive()
	s := stmtSide{m: m}
	for i, r := range d.raw {
		if d.stmts[i].Scope == scopeName {
			s.raw = append(s.raw, r)
			s.st = append(s.st, &d.stmts[i])
			s.hash = append(s.hash, hashStmt(m, r, d.stmts[i].Kind))
		}
	}
	return s
}

func hashStmt(m *Module, r rawStmt, kind string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(kind))
	for _, p := range r.parts {
		for i := p.lo; i < p.hi; i++ {
			h.Write([]byte{0, byte(m.toks.typ(i))})
			if m.toks.token(i).significant() {
				h.Write([]byte(m.toks.text(i)))
			}
		}
	}
	return h.Sum64()
}

func (a stmtSide) equal(i int, b stmtSide, j int) bool {
	return a.hash[i] == b.hash[j] && a.st[i].Kind == b.st[j].Kind &&
		equalStreams(a.m, a.raw[i].parts, b.m, b.raw[j].parts)
}

// alignScope returns the changed statements of one scope, in order.
func alignScope(a, b stmtSide) []StmtChange {
	n, m := len(a.st), len(b.st)
	head := 0
	for head < n && head < m && a.equal(head, b, head) {
		head++
	}
	tail := 0
	for tail < n-head && tail < m-head && a.equal(n-1-tail, b, m-1-tail) {
		tail++
	}
	pairs := commonPairs(a, b, head, n-tail, head, m-tail)
	var out []StmtChange
	i, j := head, head
	for _, p := range append(pairs, [2]int{n - tail, m - tail}) {
		out = gap(out, a, b, i, p[0], j, p[1])
		i, j = p[0]+1, p[1]+1
	}
	return out
}

// gap reports the statements between two aligned ones: the first of each
// side paired, the rest as removals, then additions.
func gap(out []StmtChange, a, b stmtSide, i, iEnd, j, jEnd int) []StmtChange {
	for ; i < iEnd && j < jEnd; i, j = i+1, j+1 {
		out = append(out, StmtChange{Old: a.st[i], New: b.st[j]})
	}
	for ; i < iEnd; i++ {
		out = append(out, StmtChange{Old: a.st[i]})
	}
	for ; j < jEnd; j++ {
		out = append(out, StmtChange{New: b.st[j]})
	}
	return out
}

// commonPairs returns the index pairs of a longest common subsequence of
// a[alo:ahi] and b[blo:bhi], by dynamic programming over suffixes.
func commonPairs(a, b stmtSide, alo, ahi, blo, bhi int) [][2]int {
	n, m := ahi-alo, bhi-blo
	if n == 0 || m == 0 {
		return nil
	}
	if n*m > maxAlign {
		return inPlace(a, b, alo, ahi, blo, bhi)
	}
	w := m + 1
	lcs := make([]int32, (n+1)*w) // lcs[i*w+j]: of a[alo+i:], b[blo+j:]
	for i := n - 1; i >= 0; i-- {
		for j := m - 1; j >= 0; j-- {
			switch {
			case a.equal(alo+i, b, blo+j):
				lcs[i*w+j] = lcs[(i+1)*w+j+1] + 1
			default:
				lcs[i*w+j] = max(lcs[(i+1)*w+j], lcs[i*w+j+1])
			}
		}
	}
	var pairs [][2]int
	for i, j := 0, 0; i < n && j < m; {
		switch {
		case a.equal(alo+i, b, blo+j):
			pairs = append(pairs, [2]int{alo + i, blo + j})
			i, j = i+1, j+1
		case lcs[(i+1)*w+j] >= lcs[i*w+j+1]:
			i++
		default:
			j++
		}
	}
	return pairs
}

// inPlace pairs the equal statements at the same offsets, when both sides
// have as many; none otherwise.
func inPlace(a, b stmtSide, alo, ahi, blo, bhi int) [][2]int {
	if ahi-alo != bhi-blo {
		return nil
	}
	var pairs [][2]int
	for i, j := alo, blo; i < ahi; i, j = i+1, j+1 {
		if a.equal(i, b, j) {
			pairs = append(pairs, [2]int{i, j})
		}
	}
	return pairs
}
