package selector

import (
	"slices"

	"github.com/impacted/impacted/pkg/pysrc"
)

// A pure statement binds names and does nothing else, but only once it
// runs: one that reads a name nothing binds before it (`base = nowhere`,
// `x: Nowhere = ""` where annotations are evaluated) raises NameError at
// import, and every importer's tests fail. unboundRead finds such a read
// in a changed statement of module m: the caller then keeps the
// import-time rule.

// moduleNames are bound in every module's namespace by the import system.
var moduleNames = map[string]bool{"__name__": true, "__file__": true, "__doc__": true, "__spec__": true,
	"__loader__": true, "__package__": true, "__builtins__": true, "__path__": true, "__cached__": true,
	"__annotations__": true, "__dict__": true}

// unboundRead returns a name statement st of m reads that no earlier code
// of its class or module binds and no builtin is, or "".
func unboundRead(m *pysrc.Module, st *pysrc.Stmt, lazy bool) string {
	names := m.ReadNames(st, lazy)
	if len(names) == 0 {
		return ""
	}
	stmts := m.Stmts()
	// module-level code runs before the class statement that holds st
	moduleLine, classUnit := st.Start, -1
	if st.Scope != "" {
		for i, u := range m.Units {
			if u.QualName == st.Scope && u.Kind == pysrc.KindClass {
				moduleLine, classUnit = u.Start, i
				for p := u.Parent; p >= 0; p = m.Units[p].Parent {
					moduleLine = m.Units[p].Start // a nested class runs as its outer one does
				}
			}
		}
		if classUnit < 0 {
			return names[0]
		}
	}
	bound := func(n string) bool {
		if pythonBuiltins[n] || moduleNames[n] || st.Scope != "" && (n == "__module__" || n == "__qualname__") {
			return true
		}
		for i := range stmts {
			o := &stmts[i]
			if o.Start >= st.Start && o.Scope == st.Scope || !slices.Contains(o.Binds, n) {
				continue
			}
			if o.Scope == st.Scope || o.Scope == "" && o.Start < moduleLine {
				return true
			}
		}
		for _, u := range m.Units {
			if u.Name != n || u.Start >= st.Start {
				continue
			}
			if u.Parent < 0 && u.Start < moduleLine || classUnit >= 0 && u.Parent == classUnit {
				return true
			}
		}
		return false
	}
	for _, n := range names {
		if !bound(n) {
			return n // a star import may bind it, or not: no telling either
		}
	}
	return ""
}

// pythonBuiltins are the names of Python 3's builtins module.
var pythonBuiltins = wordSet([]string{"abs", "aiter", "all", "anext", "any", "ascii", "bin", "bool",
	"breakpoint", "bytearray", "bytes", "callable", "chr", "classmethod", "compile", "complex",
	"copyright", "credits", "delattr", "dict", "dir", "divmod", "enumerate", "eval", "exec", "exit",
	"filter", "float", "format", "frozenset", "getattr", "globals", "hasattr", "hash", "help", "hex",
	"id", "input", "int", "isinstance", "issubclass", "iter", "len", "license", "list", "locals",
	"map", "max", "memoryview", "min", "next", "object", "oct", "open", "ord", "pow", "print",
	"property", "quit", "range", "repr", "reversed", "round", "set", "setattr", "slice", "sorted",
	"staticmethod", "str", "sum", "super", "tuple", "type", "vars", "zip", "__import__",
	"__build_class__", "__debug__", "Ellipsis", "NotImplemented", "None", "True", "False",
	"ArithmeticError", "AssertionError", "AttributeError", "BaseException", "BaseExceptionGroup",
	"BlockingIOError", "BrokenPipeError", "BufferError", "BytesWarning", "ChildProcessError",
	"ConnectionAbortedError", "ConnectionError", "ConnectionRefusedError", "ConnectionResetError",
	"DeprecationWarning", "EOFError", "EncodingWarning", "EnvironmentError", "Exception",
	"ExceptionGroup", "FileExistsError", "FileNotFoundError", "FloatingPointError", "FutureWarning",
	"GeneratorExit", "IOError", "ImportError", "ImportWarning", "IndentationError", "IndexError",
	"InterruptedError", "IsADirectoryError", "KeyError", "KeyboardInterrupt", "LookupError",
	"MemoryError", "ModuleNotFoundError", "NameError", "NotADirectoryError", "NotImplementedError",
	"OSError", "OverflowError", "PendingDeprecationWarning", "PermissionError", "ProcessLookupError",
	"PythonFinalizationError", "RecursionError", "ReferenceError", "ResourceWarning", "RuntimeError",
	"RuntimeWarning", "StopAsyncIteration", "StopIteration", "SyntaxError", "SyntaxWarning",
	"SystemError", "SystemExit", "TabError", "TimeoutError", "TypeError", "UnboundLocalError",
	"UnicodeDecodeError", "UnicodeEncodeError", "UnicodeError", "UnicodeTranslateError",
	"UnicodeWarning", "UserWarning", "ValueError", "Warning", "ZeroDivisionError", "WindowsError"})
