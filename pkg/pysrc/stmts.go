package pysrc

import "sync"

// Stmt is one statement of a scope (the module, or a class body) that is not
// a unit (def/class), in source order. A compound statement (if, for, while,
// try, with, match) is one Stmt with all its clauses; the units defined in
// it are units of their own, and the Stmt binds their names.
type Stmt struct {
	Scope      string // "" for the module, else the class's QualName
	Start, End int    // first and last line (a unit ending it included)
	// Binds: the names the statement binds in its scope, in every branch:
	// assignment targets (plain names, also inside tuple/list/starred
	// targets), augmented and annotated assignment targets (an annotated
	// plain name, with or without a value, also binds "__annotations__"),
	// import bindings ("import a.b" binds "a", "import a.b as c" binds "c",
	// "from m import x as y" binds "y", a star import binds "*"),
	// for/with/except-as targets, match capture patterns, walrus targets
	// anywhere in it, del targets, `type X = ...` aliases, names of units
	// defined in a compound statement, names declared global or nonlocal; a
	// docstring binds "__doc__". Sorted, deduplicated.
	Binds []string
	// Pure: evaluating the statement binds its names and can do nothing else
	// observable, so nothing but the names it binds can differ when it
	// changes. Pure are imports (except `from __future__`, which changes how
	// the whole module compiles), a docstring or any other statement made of
	// literals only (an attribute docstring, `...`), `pass`, and assignments,
	// annotated assignments, bare annotations and type aliases whose targets
	// are plain names (or tuples/lists of them) and which hold no call (a
	// NAME, `)`, `]`, `}` or string followed by `(`, keywords such as `in (`
	// excepted; f-string fields count), no `await` or `yield`. Everything
	// else is not: other expression statements, augmented assignments,
	// attribute or subscript targets, del, global, compound statements,
	// assert, raise.
	Pure bool
	Kind string // StmtImport, StmtAssign, StmtDocstring or StmtOther
	// Guard is the condition of an `if NAME:` or `if a.NAME:` statement
	// with no elif or else ("TYPE_CHECKING", "typing.TYPE_CHECKING"):
	// when it is false, the statement binds and runs nothing.
	Guard string
}

// The statement kinds.
const (
	StmtImport    = "import"
	StmtAssign    = "assign" // plain, augmented, annotated assignment; bare annotation; type alias
	StmtDocstring = "docstring"
	StmtOther     = "other"
)

// rawStmt locates a statement: its scope (index in Module.scopes) and the
// token spans it covers. A simple statement is one span without its `;` or
// NEWLINE; a compound one holds its lines, INDENT/DEDENT tokens and the
// marker spans of the units defined in it.
type rawStmt struct {
	scope    int
	parts    []span
	compound bool
	first    bool // the first statement of its scope's body: a docstring's place
}

// derived holds what a Module computes on first use, once each, so that a
// Module shared between goroutines stays safe to read, and Compare pays for
// statements only.
type derived struct {
	stmtsOnce, namesOnce, regionsOnce, annOnce, varAnnOnce, castOnce sync.Once

	raw     []rawStmt
	stmts   []Stmt
	names   map[string]bool
	regions []region
	ann     map[int]bool // annotation tokens of def lines
	varAnn  map[int]byte // annotation tokens of annotated assignments: 'm'odule, 'c'lass or 'f'unction scope
	cast    map[int]bool // first-argument tokens of cast(...) calls
	nameIdx nameIndex
}

// derive returns the module's derived facts, with statements computed. A
// Module built by hand rather than by Parse gets them afresh on each call.
func (m *Module) derive() *derived {
	d := m.lazy
	if d == nil {
		d = &derived{}
	}
	d.stmtsOnce.Do(func() {
		d.raw = m.groupStmts()
		d.stmts = make([]Stmt, len(d.raw))
		for i, r := range d.raw {
			d.stmts[i] = m.analyze(r)
		}
	})
	return d
}

// Stmts returns the statements of the module and of its class bodies, in
// source order. The slice is the module's own: callers must not modify it.
func (m *Module) Stmts() []Stmt { return m.derive().stmts }
