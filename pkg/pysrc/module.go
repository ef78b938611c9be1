package pysrc

// Kind says whether a unit is a function or a class.
type Kind uint8

// The unit kinds.
const (
	KindFunc Kind = iota
	KindClass
)

func (k Kind) String() string {
	if k == KindClass {
		return "class"
	}
	return "func"
}

// Unit is a function or class whose code can be told apart from the rest of
// the module: one at module level or directly in a class body (recursively),
// also inside if/try/with/for/while/match blocks of those scopes. Functions
// and classes nested in a function body are part of that function's body.
type Unit struct {
	Kind Kind
	Name string
	// QualName is "f", "C", "C.m", "C.Inner.m"; a repeated name in the same
	// scope gets "#2", "#3" (a property's getter and setter, say).
	QualName   string
	Parent     int // index in Module.Units of the enclosing class, -1 at module level
	Start      int // first line, decorators included
	DefLine    int // line of the def, async def or class keyword
	BodyStart  int // first line of the body (the header's line for `def f(): return 1`)
	End        int // last line holding a token of the body
	Decorators []string
	Async      bool
}

// Import is one imported module.
type Import struct {
	Module     string   // dotted name as written ("a.b"); "" for `from . import x`
	Names      []string // from-import names ("*" for a star import); nil for `import a.b`
	Level      int      // leading dots of a relative import
	Line       int
	InFunction bool // inside a function body (a lazy import)
}

// Fixture is a pytest fixture defined by a @pytest.fixture or @fixture
// decorated function.
type Fixture struct {
	Name    string // the function's name, or the decorator's name= argument
	Scope   string // "function" when absent; "dynamic" when not a literal
	Autouse bool
	Unit    int // index in Module.Units
}

// Module is the structure of one Python source file. Units are in source
// order, a class before its members; Imports too.
type Module struct {
	Units         []Unit
	Imports       []Import
	Fixtures      []Fixture
	PytestPlugins []string // module-level `pytest_plugins = ...` string literals
	// Stateful reports module state that outlives a test: a `global`
	// statement, or a unit decorated with a cache (lru_cache, cache,
	// cached_property, memoize, cached, cache_on_self).
	Stateful bool
	// DynamicImport reports loading modules by name (importlib.import_module,
	// __import__, iter_modules, walk_packages, spec_from_file_location,
	// load_module, entry_points, runpy, exec(...)), which an import graph
	// cannot follow.
	DynamicImport bool

	toks     tokens         // the tokens without comments and NL
	embedded []embeddedName // names in f-string fields, by token
	spans    []unitSpans    // parallel to Units
	scopes   []scope        // [0] is the module; then one per class unit
	lineUnit []int32        // innermost unit of each line, -1 for none
	lazy     *derived       // statements, names and places, computed on first use
}

// span is a half-open range of indexes into Module.toks. A marker span
// stands for a unit defined inside a compound statement of a scope: it holds
// the keyword and the name, so that moving the unit out of an `if` counts as
// a change of the scope.
type span struct {
	lo, hi int
	marker bool
}

// unitSpans locates a unit's header (decorator lines, then the def or class
// line up to its colon) and body (after the colon) in Module.toks.
type unitSpans struct {
	header []span
	body   span
	name   int // index of the defined name, which is no reference to it
}

// scope is the module or a class body: its statements that belong to no
// unit, in order.
type scope struct {
	unit  int // -1 for the module
	stmts []span
}
