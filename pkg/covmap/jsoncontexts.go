package covmap

import "bytes"

// contexts reads {"LINE": ["ctx", ...], ...}. Consecutive lines are usually
// run by the same tests, so when a line's list is byte-for-byte the previous
// one it reuses that set without looking at a single context.
func (l *jsonLoader) contexts() error {
	var prev []byte
	var prevSet uint32
	has, err := l.s.open('{', '}')
	for has && err == nil {
		var key []byte
		if key, err = l.s.str(); err != nil {
			return err
		}
		line, ok := lineNumber(key)
		if !ok {
			return l.s.errorf("line key %q is not a line number", key)
		}
		if err = l.s.expect(':'); err != nil {
			return err
		}
		l.s.next()
		if len(prev) > 0 && bytes.HasPrefix(l.s.data[l.s.pos:], prev) {
			l.s.pos += len(prev)
		} else {
			start := l.s.pos
			if prevSet, err = l.contextList(); err != nil {
				return err
			}
			prev = l.s.data[start:l.s.pos]
		}
		l.b.addLine(line, prevSet)
		has, err = l.s.more('}')
	}
	return err
}

// contextList reads ["ctx", ...] and returns the interned set.
func (l *jsonLoader) contextList() (uint32, error) {
	keys := l.keys[:0]
	has, err := l.s.open('[', ']')
	for has && err == nil {
		var ctx []byte
		if ctx, err = l.s.str(); err != nil {
			return 0, err
		}
		var k uint32
		if k, err = l.b.contextKey(ctx); err != nil {
			return 0, err
		}
		keys = append(keys, k)
		has, err = l.s.more(']')
	}
	if err != nil {
		return 0, err
	}
	l.keys = keys
	return l.b.addSet(keys), nil
}
