// Package pysrc understands Python source just well enough to tell which
// part of a module a change touched.
//
// Test selection is only safe if a change confined to a function body can be
// told apart from a change to import-time code (module statements, class
// bodies, decorators, default arguments, imports): no coverage data "covers"
// import-time code, yet every importer depends on it. The package therefore
// offers a tokenizer faithful to CPython's (Tokenize), a structural parse into
// functions and classes with their imports and pytest fixtures (Parse), and a
// comparison of two versions of a module (Compare).
//
// To follow a change of import-time code name by name rather than module by
// module, it also lists each scope's statements with the names they bind and
// whether they can do anything else (Stmts, Diff.Statements), and every place
// a name occurs (Occurrences, with Names as a cheap pre-filter).
//
// It is not a full grammar: code it cannot tokenize or structure yields a
// *SyntaxError, and callers treat such a file conservatively.
package pysrc
