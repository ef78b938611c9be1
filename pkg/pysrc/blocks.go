package pysrc

// checkBlocks enforces the block structure everywhere, function bodies
// included, which the parser does not walk into: an indented block follows
// exactly the logical lines that end with a colon. A block header missing
// its colon is the most common way an edit stops a module from compiling,
// and a module that does not compile breaks every importer: it must not
// pass for a body-only change.
func checkBlocks(ts tokens) error {
	for i := 0; i < ts.len(); i++ {
		if ts.typ(i) != Newline {
			continue
		}
		prev := i - 1
		for prev >= 0 && (ts.typ(prev) == Comment || ts.typ(prev) == NL) {
			prev--
		}
		next := i + 1
		for next < ts.len() && (ts.typ(next) == Comment || ts.typ(next) == NL) {
			next++
		}
		if next >= ts.len() {
			return nil
		}
		colon := prev >= 0 && ts.is(prev, Op, ":")
		indent := ts.typ(next) == Indent
		switch {
		case colon && !indent:
			return errAt(ts.line(next), "expected an indented block")
		case !colon && indent:
			return errAt(ts.line(next), "unexpected indent")
		}
	}
	return nil
}
