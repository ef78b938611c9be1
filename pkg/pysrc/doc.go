// Package pysrc understands Python source just well enough to tell which
// part of a module a change touched.
//
// Test selection is only safe if a change confined to a function body can be
// told apart from a change to import-time code (module statements, class
// bodies, decorators, default arguments, imports): no coverage data "covers"
// import-time code, yet every importer depends on it. The package therefore
// offers a tokenizer faithful to CPython's (Tokenize), a structural parse into
// functions and classes with their imports and pytest fixtures (Parse), and a
// comparison of two versions of a module (Compare). It is not a full grammar:
// code it cannot tokenize or structure yields a *SyntaxError, and callers
// treat such a file conservatively.
package pysrc
