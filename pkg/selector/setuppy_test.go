package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectSetupPy: setuptools runs setup.py to install the project,
// never a test. Its setup() call's metadata arguments reach the code that
// reads installed metadata, its requirements the environment (compared
// with the map's); anything else it does (packages, entry points: a
// pytest plugin; code around the call) runs the whole suite, as before.
func TestSelectSetupPy(t *testing.T) {
	setup := `from setuptools import setup

__version__ = "1.0"

setup(
    name="shop",
    version=__version__,
    classifiers=["Programming Language :: Python :: 3.11"],
    packages=["shop"],
    install_requires=["attrs"],
    entry_points={"console_scripts": ["shop = shop.cli:main"]},
)
`
	files := map[string]string{
		"setup.py":             setup,
		"src/shop/__init__.py": "",
		"src/shop/about.py":    "from importlib.metadata import metadata\n\n\ndef about():\n    return metadata(\"shop\")[\"Classifier\"]\n",
		"tests/test_about.py":  "from shop.about import about\n\n\ndef test_about():\n    assert about()\n\n\ndef test_other():\n    assert True\n",
	}
	imp := []string{""}
	cov := coverage{
		"src/shop/__init__.py": {},
		"src/shop/about.py":    {1: imp, 4: imp, 5: {"tests/test_about.py::test_about|run"}},
		"tests/test_about.py":  {1: imp, 4: imp, 8: imp, 5: {"tests/test_about.py::test_about|run"}, 9: {"tests/test_other.py::test_other|run"}},
	}
	for _, tt := range []struct {
		name, from, to string
		want           []string
		fallback       string
	}{
		{"a classifier: the metadata readers", `"Programming Language :: Python :: 3.11"]`, `"Programming Language :: Python :: 3.11", "Programming Language :: Python :: 3.12"]`, []string{"tests/test_about.py::test_about"}, ""},
		{"a bare string after the call", ")\n", ")\n\n\"\"\"Release checklist.\"\"\"\n", nil, ""},
		{"the packages", `packages=["shop"]`, `packages=["shop", "shop.extra"]`, nil, "invalidated:setup.py"},
		{"an entry point", `"shop = shop.cli:main"`, `"shop = shop.cli:run"`, nil, "invalidated:setup.py"},
		{"code around the call", `__version__ = "1.0"`, `__version__ = open("VERSION").read()`, nil, "invalidated:setup.py"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(setup, tt.from) {
				t.Fatalf("%q is not in setup.py", tt.from)
			}
			edit := func(c map[string]string) { c["setup.py"] = strings.Replace(setup, tt.from, tt.to, 1) }
			sel := selectOn(t, files, cov, edit, []gitdiff.Change{modified("setup.py")}, nil, nil)
			if tt.fallback != "" {
				if sel.Fallback != tt.fallback {
					t.Errorf("Fallback = %q, want %q; notes: %v", sel.Fallback, tt.fallback, sel.Notes)
				}
				return
			}
			if tt.want == nil && sel.Fallback == "" && len(sel.Args()) == 0 {
				return
			}
			wantArgs(t, sel, tt.want)
		})
	}
	sel := selectOn(t, files, cov, func(c map[string]string) { delete(c, "setup.py") }, []gitdiff.Change{{Status: 'D', OldPath: "setup.py"}}, nil, nil)
	if sel.Fallback != "invalidated:setup.py" {
		t.Errorf("setup.py removed: Fallback = %q, want invalidated:setup.py", sel.Fallback)
	}
}
