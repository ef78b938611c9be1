package selector

import (
	"bytes"
	"regexp"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/pysrc"
)

// Annotations that `from __future__ import annotations` keeps as strings
// run nothing when the def runs and nothing when the function is called:
// only a reader of __annotations__ sees them. Readers are
// typing.get_type_hints, inspect's annotations (a Parameter's .annotation),
// runtime type checkers, libraries that build objects or commands from
// type hints, singledispatch's register, and type checkers a test runs.
// annotationReaders says which of them the project can reach, or "" when
// none: its Python code names none of them, and the environment the map
// was built in installs no runtime checker or type-checking pytest plugin.
// A library that reads annotations of what it is handed is named where it
// is handed it, so the project's code names it.
func (s *state) annotationReaders() string {
	if s.annReaders != nil {
		return *s.annReaders
	}
	why := s.findAnnotationReaders()
	s.annReaders = &why
	if why != "" {
		s.note("annotations count as read: %s", why)
	}
	return why
}

// unreadAnnotations drops the functions of module p whose lazy annotations
// alone changed, when nothing in the project reads annotations: neither a
// call nor a reader sees the change.
func (s *state) unreadAnnotations(p string, units []pysrc.Unit, rw []rewrap) ([]pysrc.Unit, []rewrap) {
	var keep []rewrap
	gone := map[string]bool{}
	for _, r := range rw {
		if why := s.annotationReaders(); !r.annotations || why != "" {
			keep = append(keep, r)
			continue
		}
		s.note("%s: only the lazy annotations of %s changed, and no code reads annotations: nothing", p, r.unit.QualName)
		gone[r.unit.QualName] = true
	}
	return slices.DeleteFunc(units, func(u pysrc.Unit) bool { return gone[u.QualName] }), keep
}

var (
	// annotationReaderWords name a reader of annotations in code.
	annotationReaderWords = []string{"__annotations__", "__annotate__", "get_type_hints", "get_annotations",
		"annotationlib", "annotation", "return_annotation", "eval_str", "resolve_types", "from_type", "builds",
		"singledispatch", "singledispatchmethod", "get_overloads", "validate_call", "check_type"}
	// annotationLibraries read the annotations of what they are handed:
	// importing one (or naming it in a string) keeps annotations read.
	annotationLibraries = []string{"typeguard", "beartype", "pydantic", "pydantic_core", "typer", "cattrs",
		"msgspec", "hypothesis", "fastapi", "litestar", "starlite", "strawberry", "injector", "lagom",
		"dependency_injector", "wireup", "punq", "rodi", "dishka", "kink", "that_depends", "cyclopts",
		"jsonargparse", "clize", "defopt", "tyro", "simple_parsing", "cappa", "plum", "multimethod",
		"multipledispatch", "ovld", "apischema", "dacite", "mashumaro", "serde", "sqlmodel", "ninja",
		"blacksheep", "sanic_ext", "quart_schema"}
	// typeCheckerWords name a type checker, which a test may run.
	typeCheckerWords = []string{"mypy", "pyright", "basedpyright", "pytype", "pyre", "pyrefly"}
	// checkerDists install a type-checking pytest plugin, which checks
	// what it is configured for.
	checkerDists = regexp.MustCompile(`^pytest[-_.].*(mypy|pyright|pytype|pyre|typeguard|beartype|typing).*$`)
	// typeguardValueChecks are the names of typeguard that read no
	// annotation of the project's functions: check_type(value, T) checks a
	// value against the type it is handed (a reader word of the module
	// that calls it, where it is handed it), the rest are its errors and
	// settings. typeguard reads the project's own annotations only where
	// code names typechecked or install_import_hook, or its pytest plugin
	// is given --typeguard-packages.
	typeguardValueChecks = map[string]bool{"check_type": true, "TypeCheckError": true, "TypeHintWarning": true,
		"CollectionCheckStrategy": true, "ForwardRefPolicy": true, "suppress_type_checks": true, "typeguard_ignore": true}
)

// typeguardOption turns typeguard's pytest plugin on (command line, addopts
// or an ini key, spelled alike).
const typeguardOption = "typeguard-packages"

// pytestConfigs are the files pytest reads its options from.
var pytestConfigs = []string{"pyproject.toml", "pytest.ini", ".pytest.ini", "tox.ini", "setup.cfg"}

// typeguardOn says how typeguard's pytest plugin is turned on, or "".
// findReaders asks on each of its scans, so the config files are read once.
func (s *state) typeguardOn() string {
	if s.typeguard == nil {
		why := s.findTypeguardOn()
		s.typeguard = &why
	}
	return *s.typeguard
}

func (s *state) findTypeguardOn() string {
	for _, a := range s.in.PytestArgs {
		if strings.Contains(a, typeguardOption) {
			return "pytest is run with " + typeguardOption
		}
	}
	for _, p := range pytestConfigs {
		if src, err := s.in.Source.New(p); err == nil && bytes.Contains(src, []byte(typeguardOption)) {
			return p + " sets " + typeguardOption
		}
	}
	return ""
}

// valueChecksOnly: import im of typeguard binds only typeguardValueChecks.
func valueChecksOnly(im pysrc.Import) bool {
	return im.Module == "typeguard" && len(im.Names) > 0 && !slices.ContainsFunc(im.Names, func(n string) bool { return !typeguardValueChecks[n] })
}

// importsTypeguardCheck: m binds check_type (or another value check) from typeguard.
func importsTypeguardCheck(m *pysrc.Module, w string) bool {
	return slices.ContainsFunc(m.Imports, func(im pysrc.Import) bool {
		return im.Level == 0 && valueChecksOnly(im) && slices.Contains(im.Names, w)
	})
}

// stringOnlyWords read an annotation as it is stored: under `from
// __future__ import annotations` the string of its source text (flask
// matches `param.annotation.rpartition(".")[2] == "AppContext"`).
var stringOnlyWords = map[string]bool{"annotation": true, "return_annotation": true, "__annotations__": true}

// evaluatorWords turn a stored annotation string into its value; they
// count in a module that also reads stored annotations.
var evaluatorWords = []string{"eval", "ForwardRef", "_eval_type", "_evaluate", "evaluate_forward_ref"}

// valueReaderWords name code that can see an annotation's value: every
// reader but those of stored strings, and the evaluators.
var valueReaderWords = slices.Concat(slices.DeleteFunc(slices.Clone(annotationReaderWords), func(w string) bool { return stringOnlyWords[w] }), evaluatorWords)

// annotationValueReaders says which code can see the value of a name a
// lazy annotation uses, or "" when none can: a reader of stored
// annotations sees the same string whatever the name is bound to, so a
// name whose binding changed reaches it only through an evaluator
// (get_type_hints, eval_str, a library, a checker: the other readers).
func (s *state) annotationValueReaders() string {
	if s.annValueReaders != nil {
		return *s.annValueReaders
	}
	why := s.annotationReaders()
	if why != "" {
		why = s.findReaders(valueReaderWords) // "" only where every reader reads stored strings
	}
	s.annValueReaders = &why
	if why != "" {
		s.note("lazy annotations' values count as read: %s", why)
	}
	return why
}

func (s *state) findAnnotationReaders() string { return s.findReaders(annotationReaderWords) }

// findReaders is findAnnotationReaders with readerWords as the words
// that name a reader in code.
func (s *state) findReaders(readerWords []string) string {
	// the environment the map was built in, or else the one installed now
	// (which envDrift and the lock rules compare with the map's)
	if why := s.typeguardOn(); why != "" {
		return why
	}
	if dists := s.recordedDists(); dists != nil {
		for d := range dists {
			if checkerDists.MatchString(strings.ToLower(d)) {
				return "the environment installs " + d
			}
		}
	} else if s.in.Env != nil {
		for top := range s.in.Env.Provided() {
			if checkerDists.MatchString(strings.ReplaceAll(strings.ToLower(top), "_", "-")) {
				return "the environment installs " + top
			}
		}
	} else {
		return "no environment is known"
	}
	words, libs, checkers := wordSet(readerWords), wordSet(annotationLibraries), wordSet(typeCheckerWords)
	evaluator := wordSet(evaluatorWords)
	return s.scanCode(slices.Concat(readerWords, annotationLibraries, typeCheckerWords), func(path string, m *pysrc.Module) string {
		// names and whole strings: a word of a comment or a docstring
		// ("the suite builds them once") reads nothing
		test := s.in.Rules.IsTestFile(path) || isConftest(path)
		names := m.Names()
		readsStored := false
		for w := range stringOnlyWords {
			readsStored = readsStored || names[w]
		}
		for w := range names {
			switch {
			case evaluator[w] && !readsStored:
				// eval of what is no stored annotation (flask's cli runs a
				// shell startup file): an evaluator counts beside a reader
			case words[w] && typeguardValueChecks[w] && !importsTypeguardCheck(m, w):
				// a check_type of the project's own: no reader by its name
			case words[w] || test && checkers[w]:
				return path + " names " + w
			case libs[w] && inString(w, m):
				return path + " names " + w + " in a string"
			}
		}
		for _, im := range m.Imports {
			if top, _, _ := strings.Cut(im.Module, "."); im.Level == 0 && libs[top] && !valueChecksOnly(im) {
				return path + " imports " + top
			}
		}
		return ""
	})
}

// scanCode runs judge on each Python file of the project that holds one
// of words (a cheap grep first), parsed, and returns its first answer
// that is not "", or why a file could not be judged.
func (s *state) scanCode(words []string, judge func(path string, m *pysrc.Module) string) string {
	hits, err := s.in.Source.Grep(words)
	if err != nil {
		return "the project is unreadable"
	}
	seen := map[string]bool{}
	for _, h := range hits {
		if !isPython(h.Path) || seen[h.Path] {
			continue
		}
		seen[h.Path] = true
		m := s.graph().mods[h.Path] // parsed already, as a module of the project
		if m == nil {
			src, err := s.in.Source.New(h.Path)
			if err != nil {
				return h.Path + " is unreadable"
			}
			if m, err = pysrc.Parse(src); err != nil {
				return h.Path + " does not parse"
			}
		}
		if why := judge(h.Path, m); why != "" {
			return why
		}
	}
	return ""
}

func wordSet(ws []string) map[string]bool {
	out := map[string]bool{}
	for _, w := range ws {
		out[w] = true
	}
	return out
}

// inString reports whether a string of m is w (`importorskip("hypothesis")`).
// A dict display's key does not count: rich's table of emoji names holds
// `"strawberry": "\U0001f353"`, which loads no library; a library loaded
// by a computed name is DynamicImport code, which imports it by a name
// in a call, not by a key of its own table.
func inString(w string, m *pysrc.Module) bool {
	return slices.ContainsFunc(m.Occurrences(w), func(oc pysrc.Occurrence) bool { return oc.String && !oc.Key })
}
