package selector

import (
	"path"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/pysrc"
)

// state accumulates one selection.
type state struct {
	in    Input
	tests []string // map node ids by TestID

	ids      map[covmap.TestID]bool
	bases    map[string]bool
	files    map[string]bool
	fallback string
	isFull   bool // full(): every test of the map is selected
	fullAt   int  // the selection's size when full() last counted
	notes    []string
	noted    map[string]bool

	olds       map[string]parsedSource // old-side modules, parsed on demand
	propagated map[string]bool         // names already followed
	lazyDone   map[string]bool         // lazily imported modules already followed
	lazyLists  map[string]bool         // module + line of a lazy table lazyServed followed
	lazyTried  map[string]bool         // memo of inLazyTable: module + line + served module
	semantic   map[string]bool         // paths whose change is more than comments and layout
	runs       map[string]bool         // memo of runsChange
	launching  map[string]bool         // memo of launches
	closed     map[string]bool         // memo of closedClass (module NUL class)
	offImport  map[string]bool         // edited functions whose edit cannot reach import time (wrappers only)
	offUse     bool                    // the next usedIn names a line that never ran at import (see namedAt)
	usingOnly  bool                    // bodyRule is judging a function that uses a changed name, its own code as it was
	edit       *bodyEdit               // bodyRule is judging a function edited in its body: both sides, to narrow by line
	useLine    int                     // usedIn is judging a use on this line of the map's version (0: none known)
	useAt      int                     // bodyRule is judging that use
	pending    []pendingUse            // uses on edited lines, for settleUses
	logicals   map[*pysrc.Module][]int // memo of Module.Logical
	docReaders *string                 // memo of docReader
	perTest    map[string]bool         // memo of perTestInstances
	localNames map[localKey]bool       // memo of isLocal
	// valueOnly is set while following a class whose attribute changed
	// value: every name followed still exists, only what it holds differs.
	valueOnly  bool
	index      *graph                           // module names -> files, without parsing
	stateNames map[string]bool                  // names stateful code uses, project-wide
	changed    map[string]bool                  // every path the change touched
	stateful   map[*pysrc.Module][]bool         // memo of stateUnits
	builds     map[*pysrc.Module]map[int][]bool // memo of built, by class
	bodyDone   map[string]bool                  // functions already decided (module NUL qualname)
	// fixturesFollowed: fixture names whose requesting tests are selected
	fixturesFollowed map[string]bool
	usedDone         map[string]bool // uses already noted (module NUL qualname)
	importDone       map[string]bool // modules already changed at import time
	annReaders       *string         // memo of annotationReaders
	// annValueReaders: memo of annotationValueReaders
	annValueReaders *string
	provByBase      map[string][]string     // the map's recorded tests by node-id base, built on first need
	wideFixtures    map[string]*wideFixture // what wideFixture found, by the map's record
	sigReaders      *string                 // memo of signatureReaders
	typeguard       *string                 // memo of typeguardOn
	readerRan       *readerRun              // memo of signatureReaderTests
	// lockAgainstEnv: uv.lock was compared with the map's environment
	lockAgainstEnv bool

	mapPaths     *pathIndex
	projectFiles map[string]bool // isProjectFile's set, built on first need
	graph_       *graph          // built on first need
	why          whyState
}

func newState(in Input) *state {
	s := &state{
		in:         in,
		ids:        map[covmap.TestID]bool{},
		bases:      map[string]bool{},
		files:      map[string]bool{},
		olds:       map[string]parsedSource{},
		propagated: map[string]bool{},
		lazyDone:   map[string]bool{},
		lazyLists:  map[string]bool{},
		lazyTried:  map[string]bool{},
		semantic:   map[string]bool{},
		runs:       map[string]bool{},
		launching:  map[string]bool{},
		closed:     map[string]bool{},
		offImport:  map[string]bool{},
		changed:    map[string]bool{},
		stateful:   map[*pysrc.Module][]bool{},
		builds:     map[*pysrc.Module]map[int][]bool{},
		noted:      map[string]bool{},
		bodyDone:   map[string]bool{},
		logicals:   map[*pysrc.Module][]int{},
		perTest:    map[string]bool{},
		localNames: map[localKey]bool{},
		usedDone:   map[string]bool{},
		importDone: map[string]bool{},
	}
	for _, ch := range in.Changes {
		s.changed[ch.OldPath], s.changed[ch.NewPath] = true, true
	}
	s.whyStart()
	if in.Map != nil {
		s.tests = in.Map.Tests()
		s.mapPaths = newPathIndex(in.Map.Paths(), in.Root, in.StrictPaths)
	}
	return s
}

// find returns the TestID of a node id in the map (Tests() is sorted).
func (s *state) find(nodeid string) (covmap.TestID, bool) {
	i, ok := slices.BinarySearch(s.tests, nodeid)
	return covmap.TestID(i), ok
}

// variants lists the map's parametrizations of a base node id: sorted
// order keeps every id starting with base+"[" together.
func (s *state) variants(base string) []string {
	prefix := base + "["
	i, _ := slices.BinarySearch(s.tests, prefix)
	j := i
	for j < len(s.tests) && strings.HasPrefix(s.tests[j], prefix) {
		j++
	}
	return s.tests[i:j]
}

func (s *state) addIDs(ids []covmap.TestID) {
	for _, id := range ids {
		s.ids[id] = true
	}
}

// mapFiles returns the map's records of a project-relative path.
func (s *state) mapFiles(name string) []*covmap.File {
	if s.mapPaths == nil {
		return nil
	}
	var out []*covmap.File
	for _, p := range s.mapPaths.lookup(name, s.isProjectFile) {
		if f, ok := s.in.Map.File(p); ok {
			out = append(out, f)
		}
	}
	return out
}

// pathIndex relates project-relative paths to the paths a map recorded,
// which may be absolute (from another machine) or relative to another root.
type pathIndex struct {
	strict bool
	exact  map[string][]string // normalised path -> recorded paths
	byBase map[string][]string // base name -> normalised paths
}

func newPathIndex(recorded []string, root string, strict bool) *pathIndex {
	ix := &pathIndex{strict: strict, exact: map[string][]string{}, byBase: map[string][]string{}}
	root = strings.TrimSuffix(filepathToSlash(root), "/") + "/"
	for _, r := range recorded {
		n := filepathToSlash(r)
		n = strings.TrimPrefix(n, root)
		n = strings.TrimPrefix(n, "./")
		if _, seen := ix.exact[n]; !seen {
			ix.byBase[path.Base(n)] = append(ix.byBase[path.Base(n)], n)
		}
		ix.exact[n] = append(ix.exact[n], r)
	}
	return ix
}

// lookup matches exactly, and unless strict, on whole trailing path
// components in either direction ("/ci/build/src/a.py" ~ "src/a.py"). A
// recorded path shorter than name that is a file of the project itself
// (known) is that file: flask's tests/conftest.py is not its
// examples/tutorial/tests/conftest.py, whose change then selected every
// test that ran flask's own conftest.
func (ix *pathIndex) lookup(name string, known func(string) bool) []string {
	if ix.strict {
		return ix.exact[name]
	}
	var out []string
	for _, n := range ix.byBase[path.Base(name)] {
		shorter := strings.Contains(n, "/") && strings.HasSuffix(name, "/"+n) && (known == nil || !known(n))
		if n == name || strings.HasSuffix(n, "/"+name) || shorter {
			out = append(out, ix.exact[n]...)
		}
	}
	return out
}

// isProjectFile reports whether p is a file of the project, in the tree
// or deleted by the change.
func (s *state) isProjectFile(p string) bool {
	if s.in.Source == nil {
		return false
	}
	if s.projectFiles == nil {
		s.projectFiles = map[string]bool{}
		files, _ := s.in.Source.Files()
		for _, f := range files {
			s.projectFiles[f] = true
		}
		for _, ch := range s.in.Changes {
			if ch.OldPath != "" {
				s.projectFiles[ch.OldPath] = true
			}
		}
	}
	return s.projectFiles[p]
}

func filepathToSlash(p string) string { return strings.ReplaceAll(p, "\\", "/") }
