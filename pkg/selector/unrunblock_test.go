package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectUnrunBranch: an edit inside a module-level branch no line of
// which ran while the map was built (structlog's `elif better_exceptions
// is not None:` where rich is installed) runs in no test; an edit of the
// branch that ran, of its condition, or a line moved out of the branch
// runs at import.
func TestSelectUnrunBranch(t *testing.T) {
	src := "try:\n    import fancy\nexcept ImportError:\n    fancy = None\n\nif fancy is None:\n    FORMAT = str\nelse:\n    FORMAT = fancy.format\n"
	files := map[string]string{
		"src/pkg/__init__.py": "",
		"src/pkg/fmt.py":      src,
		"tests/test_a.py":     "from pkg.fmt import FORMAT\n\n\ndef test_format():\n    assert FORMAT(1) == \"1\"\n",
		"tests/test_b.py":     "import pkg.fmt\n\n\ndef test_other():\n    assert True\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/pkg/__init__.py": {},
		"src/pkg/fmt.py":      {1: imp, 2: imp, 3: imp, 4: imp, 6: imp, 7: imp},
		"tests/test_a.py":     {1: imp, 4: imp, 5: {"tests/test_a.py::test_format|run"}},
		"tests/test_b.py":     {1: imp, 4: imp, 5: {"tests/test_b.py::test_other|run"}},
	}
	all := []string{"tests/test_a.py", "tests/test_b.py"}
	for _, tt := range []struct {
		name, from, to string
		hunk           gitdiff.Hunk
		want           []string
	}{
		{"the branch not taken", "    FORMAT = fancy.format\n", "    warnings.warn(\"old\")\n    FORMAT = fancy.format\n", gitdiff.Hunk{OldStart: 8, OldCount: 0, NewStart: 9, NewCount: 1}, nil},
		{"the except clause that ran", "    fancy = None\n", "    fancy = False\n", gitdiff.Hunk{OldStart: 4, OldCount: 1, NewStart: 4, NewCount: 1}, all},
		{"the branch taken", "    FORMAT = str\n", "    FORMAT = repr\n", gitdiff.Hunk{OldStart: 7, OldCount: 1, NewStart: 7, NewCount: 1}, all},
		{"the condition", "if fancy is None:\n", "if not fancy:\n", gitdiff.Hunk{OldStart: 6, OldCount: 1, NewStart: 6, NewCount: 1}, all},
		{"a line moved out of it", "    FORMAT = fancy.format\n", "    FORMAT = fancy.format\nwarnings.warn(\"old\")\n", gitdiff.Hunk{OldStart: 9, OldCount: 0, NewStart: 10, NewCount: 1}, all},
	} {
		t.Run(tt.name, func(t *testing.T) {
			edit := func(c map[string]string) {
				c["src/pkg/fmt.py"] = strings.Replace(c["src/pkg/fmt.py"], tt.from, tt.to, 1)
			}
			ch := modified("src/pkg/fmt.py")
			ch.Hunks = []gitdiff.Hunk{tt.hunk}
			wantArgs(t, selectOn(t, files, cov, edit, []gitdiff.Change{ch}, nil, nil), tt.want)
		})
	}
}

// TestSelectUseOnAnUnrunLine: pyjwt imports its types under `if
// TYPE_CHECKING or bool(os.getenv("SPHINX_BUILD", "")):`, a block the map
// saw never run while it saw the module imported. A changed name used
// there (Options, whose docstring changed) reaches nothing through it;
// used on a line that ran, at import or in a test, it is module code.
func TestSelectUseOnAnUnrunLine(t *testing.T) {
	api := "import os\nfrom typing import TYPE_CHECKING\n\nif TYPE_CHECKING or os.getenv(\"DOCS\"):\n    from m.types import Options\n\n\ndef decode(o):\n    return o\n"
	files := map[string]string{
		"src/m/__init__.py": "",
		"src/m/types.py":    "Options = dict\n",
		"src/m/api.py":      api,
		"tests/test_api.py": "from m.api import decode\n\n\ndef test_decode():\n    assert decode(1) == 1\n",
	}
	imp, run := []string{""}, []string{"tests/test_api.py::test_decode|run"}
	cov := func(line5 []string) coverage {
		c := coverage{
			"src/m/__init__.py": {},
			"src/m/types.py":    {1: imp},
			"src/m/api.py":      {1: imp, 2: imp, 4: imp, 8: imp, 9: run},
			"tests/test_api.py": {1: imp, 4: imp, 5: run},
		}
		if line5 != nil {
			c["src/m/api.py"][5] = line5
		}
		return c
	}
	rebind := func(c map[string]string) { c["src/m/types.py"] = "Options = list\n" }
	wantArgs(t, selectOn(t, files, cov(nil), rebind, []gitdiff.Change{modified("src/m/types.py")}, nil, nil), nil)
	wantArgs(t, selectOn(t, files, cov(imp), rebind, []gitdiff.Change{modified("src/m/types.py")}, nil, nil), []string{"tests/test_api.py"})
	// a module a test loads lazily runs its module code in that test: the
	// line ran (the ledger scenario's textio, imported by name)
	sel := selectOn(t, files, cov(run), rebind, []gitdiff.Change{modified("src/m/types.py")}, nil, nil)
	if len(sel.Args()) == 0 && sel.Fallback == "" {
		t.Errorf("a line a test ran: Args() = %v, want it reached", sel.Args())
	}
}
