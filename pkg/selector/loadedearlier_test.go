package selector

import (
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectImportLoadedEarlier: dropping a package's import of a module
// that an import above it loads anyway (sqlparse/engine/__init__.py's
// StatementSplitter, which filter_stack imports first) only unbinds the
// name: the same modules run in the same order. Dropping the import that
// loads it first changes when it runs: every importer.
func TestSelectImportLoadedEarlier(t *testing.T) {
	init := "from m.engine.stack import Stack\nfrom m.engine.splitter import Splitter\n"
	files := map[string]string{
		"src/m/__init__.py":        "",
		"src/m/engine/__init__.py": init,
		"src/m/engine/stack.py":    "from m.engine.splitter import Splitter\n\n\nclass Stack:\n    def run(self):\n        return Splitter().split()\n",
		"src/m/engine/splitter.py": "class Splitter:\n    def split(self):\n        return 1\n",
		"tests/test_stack.py":      "from m.engine import Stack\n\n\ndef test_stack():\n    assert Stack().run() == 1\n",
		"tests/test_engine.py":     "from m import engine\n\n\ndef test_splitter():\n    assert engine.Splitter().split() == 1\n\n\ndef test_other():\n    assert engine.Stack\n",
	}
	imp := []string{""}
	run := func(f, n string) []string { return []string{"tests/" + f + ".py::test_" + n + "|run"} }
	cov := coverage{
		"src/m/__init__.py":        {},
		"src/m/engine/__init__.py": {1: imp, 2: imp},
		"src/m/engine/stack.py":    {1: imp, 4: imp, 5: imp, 6: run("test_stack", "stack")},
		"src/m/engine/splitter.py": {1: imp, 2: imp, 3: append(run("test_stack", "stack"), run("test_engine", "splitter")...)},
		"tests/test_stack.py":      {1: imp, 4: imp, 5: run("test_stack", "stack")},
		"tests/test_engine.py":     {1: imp, 4: imp, 8: imp, 5: run("test_engine", "splitter"), 9: run("test_engine", "other")},
	}
	first := "from m.engine.splitter import Splitter\nfrom m.engine.stack import Stack\n"
	for _, c := range []struct {
		name, old string
		want      []string
	}{
		{"loaded by the import above it: what read the name", init, []string{"tests/test_engine.py::test_splitter"}},
		{"the import that loads it first: every importer", first, []string{"tests/test_engine.py", "tests/test_stack.py"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			old := map[string]string{}
			for k, v := range files {
				old[k] = v
			}
			old["src/m/engine/__init__.py"] = c.old
			cur := "from m.engine.stack import Stack\n"
			ch := modified("src/m/engine/__init__.py")
			ch.Hunks = gitHunks(t, c.old, cur)
			edit := func(m map[string]string) { m["src/m/engine/__init__.py"] = cur }
			wantArgs(t, selectOn(t, old, cov, edit, []gitdiff.Change{ch}, nil, nil), c.want)
		})
	}
}
