package pysrc

// scanDecorators derives fixtures and cache-induced statefulness from the
// units' decorators.
func (m *Module) scanDecorators() {
	for idx, sp := range m.spans {
		for _, h := range sp.header[:len(sp.header)-1] { // the last one is the def line
			name, call := m.dotted(h.lo + 1)
			last := lastComponent(name)
			if isCache(last) {
				m.Stateful = true
			}
			if last == "fixture" && m.Units[idx].Kind == KindFunc {
				m.Fixtures = append(m.Fixtures, m.fixture(idx, call, h.hi))
			}
		}
	}
}

func lastComponent(dotted string) string {
	for i := len(dotted) - 1; i >= 0; i-- {
		if dotted[i] == '.' {
			return dotted[i+1:]
		}
	}
	return dotted
}

// isCache names the decorators that keep results between calls, so that a
// test's outcome can depend on which tests ran before it.
func isCache(name string) bool {
	switch name {
	case "lru_cache", "cache", "cached_property", "memoize", "cached", "cache_on_self":
		return true
	}
	return false
}

// fixture reads a fixture decorator whose arguments, if any, open at call.
func (m *Module) fixture(idx, call, end int) Fixture {
	f := Fixture{Name: m.Units[idx].Name, Scope: "function", Unit: idx}
	if !m.toks.is(call, Op, "(") {
		return f
	}
	for key, val := range m.keywords(call+1, end) {
		lit, ok := "", len(val) == 1 && val[0].Type == String
		if ok {
			lit, ok = unquote(val[0].Text)
		}
		switch key {
		case "scope":
			f.Scope = "dynamic"
			if ok {
				f.Scope = lit
			}
		case "name":
			if ok {
				f.Name = lit
			}
		case "autouse":
			f.Autouse = !(len(val) == 1 && (val[0].is(Name, "False") || val[0].is(Name, "None") || val[0].is(Number, "0")))
		}
	}
	return f
}

// keywords returns the keyword arguments of the call whose arguments start
// at i (after the '('), up to end at the latest.
func (m *Module) keywords(i, end int) map[string][]Token {
	kw := map[string][]Token{}
	depth, argStart := 0, i
	for ; i < end; i++ {
		t := m.toks.token(i)
		if t.Type == Op {
			depth += bracketDelta(t.Text)
		}
		if depth < 0 || depth == 0 && t.is(Op, ",") {
			m.keyword(kw, argStart, i)
			argStart = i + 1
		}
		if depth < 0 {
			break
		}
	}
	return kw
}

func (m *Module) keyword(kw map[string][]Token, lo, hi int) {
	if hi-lo >= 3 && m.toks.typ(lo) == Name && m.toks.is(lo+1, Op, "=") {
		val := make([]Token, 0, hi-lo-2)
		for i := lo + 2; i < hi; i++ {
			val = append(val, m.toks.token(i))
		}
		kw[m.toks.text(lo)] = val
	}
}
