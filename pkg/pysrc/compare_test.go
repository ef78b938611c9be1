package pysrc

import (
	"reflect"
	"strings"
	"testing"
)

const baseSrc = `"""Module doc."""
import os

CONST = 1


def helper(a, b=2):
    """Help."""
    if a is None:
        return None
    x = a + b
    return x


@decorator
def decorated():
    return helper(1)


class C(Base):
    """Class doc."""
    attr = 1

    def m(self):
        return self.attr

    @property
    def p(self):
        return self._p

    @p.setter
    def p(self, v):
        self._p = v


if TYPE_CHECKING:
    def typed() -> int: ...
`

// edit applies old→new replacements to baseSrc, each of which must occur.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := baseSrc
	for i := 0; i < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q not in the base source", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

func TestCompare(t *testing.T) {
	moved := "\n@decorator\ndef decorated():\n    return helper(1)\n"
	cases := []struct {
		name  string
		edits []string
		want  Diff
	}{
		{"identical", nil, Diff{Equal: true}},
		{"comment only", []string{"    x = a + b\n", "    # add them\n    x = a + b  # sum\n"}, Diff{Equal: true}},
		{"blank lines", []string{"CONST = 1\n", "\n\nCONST = 1\n\n"}, Diff{Equal: true}},
		{"trailing and inner whitespace", []string{"x = a + b\n", "x  =  a+b   \n"}, Diff{Equal: true}},
		{"rewrapped in brackets", []string{"return helper(1)", "return helper(\n        1\n    )"}, Diff{Equal: true}},
		{"backslash continuation", []string{"x = a + b", "x = a + \\\n        b"}, Diff{Equal: true}},
		{"docstring", []string{`"""Help."""`, `"""Help more."""`}, Diff{Docstrings: []string{"helper"}}},
		{"module docstring", []string{`"""Module doc."""`, `"""Other doc."""`}, Diff{ChangedScopes: []string{""}}},
		{"class docstring", []string{`"""Class doc."""`, `"""Other."""`}, Diff{ChangedScopes: []string{"C"}}},
		{"decorator added", []string{"def helper", "@functools.cache\ndef helper"}, Diff{ChangedHeaders: []string{"helper"}}},
		{"decorator changed", []string{"@decorator", "@decorator(1)"}, Diff{ChangedHeaders: []string{"decorated"}}},
		{"default argument", []string{"b=2", "b=3"}, Diff{ChangedHeaders: []string{"helper"}}},
		{"annotation added", []string{"def m(self):", "def m(self) -> int:"}, Diff{ChangedHeaders: []string{"C.m"}, AnnotationsOnly: []string{"C.m"}}},
		{"class base", []string{"class C(Base):", "class C(Base, Mixin):"}, Diff{ChangedHeaders: []string{"C"}}},
		{"body start edited", []string{"    if a is None:", "    if a is not None:"}, Diff{ChangedBodies: []string{"helper"}}},
		{"body middle edited", []string{"x = a + b", "x = a - b"}, Diff{ChangedBodies: []string{"helper"}}},
		{"body end edited", []string{"    return x\n", "    return -x\n"}, Diff{ChangedBodies: []string{"helper"}}},
		{"body line inserted at end", []string{"    return x\n", "    log(x)\n    return x\n"}, Diff{ChangedBodies: []string{"helper"}}},
		{"body line deleted", []string{"    x = a + b\n", ""}, Diff{ChangedBodies: []string{"helper"}}},
		{"guard clause deleted", []string{"    if a is None:\n        return None\n", ""}, Diff{ChangedBodies: []string{"helper"}}},
		{"method body", []string{"return self.attr", "return self.attr + 1"}, Diff{ChangedBodies: []string{"C.m"}}},
		{"property setter", []string{"self._p = v", "self._p = int(v)"}, Diff{ChangedBodies: []string{"C.p#2"}}},
		{"method added", []string{"    @property\n", "    def n(self):\n        pass\n\n    @property\n"}, Diff{Added: []string{"C.n"}}},
		{"function removed", []string{moved, ""}, Diff{Removed: []string{"decorated"}}},
		{"class attribute", []string{"attr = 1", "attr = 2"}, Diff{ChangedScopes: []string{"C"}}},
		{"class attribute added after methods", []string{"self._p = v\n", "self._p = v\n\n    other = 3\n"}, Diff{ChangedScopes: []string{"C"}}},
		{"constant", []string{"CONST = 1", "CONST = 2"}, Diff{ChangedScopes: []string{""}}},
		{"import added", []string{"import os\n", "import os\nimport sys\n"}, Diff{ChangedScopes: []string{""}}},
		{"function moved", []string{moved, "", "CONST = 1\n", "CONST = 1\n" + moved}, Diff{}},
		{"function moved to the end", []string{moved, "", "def typed() -> int: ...\n", "def typed() -> int: ...\n" + moved}, Diff{}},
		{"method moved", []string{"    def m(self):\n        return self.attr\n", "", "        self._p = v\n", "        self._p = v\n\n    def m(self):\n        return self.attr\n"}, Diff{}},
		{"module statements reordered", []string{"import os\n\nCONST = 1\n", "CONST = 1\n\nimport os\n"}, Diff{ChangedScopes: []string{""}}},
		{"conditional def body", []string{"def typed() -> int: ...", "def typed() -> int: return 1"}, Diff{ChangedBodies: []string{"typed"}}},
		{"conditional def moved out of its if", []string{"if TYPE_CHECKING:\n    def typed() -> int: ...\n", "if TYPE_CHECKING:\n    pass\ndef typed() -> int: ...\n"}, Diff{ChangedScopes: []string{""}}},
		{"one-line def", []string{"def typed() -> int: ...", "def typed() -> int:\n        ..."}, Diff{ChangedBodies: []string{"typed"}}},
		{"nested function", []string{"    x = a + b\n", "    def inner():\n        return a + b\n    x = inner()\n"}, Diff{ChangedBodies: []string{"helper"}}},
		{"lambda in body", []string{"x = a + b", "x = (lambda: a + b)()"}, Diff{ChangedBodies: []string{"helper"}}},
		{"fstring with hash and quotes", []string{"return helper(1)", `return f"{helper(1)} # {'x'}"`}, Diff{ChangedBodies: []string{"decorated"}}},
		{"string mentioning def", []string{"CONST = 1", "CONST = 'def helper(a): pass'"}, Diff{ChangedScopes: []string{""}}},
		{"keyword argument class_", []string{"return helper(1)", "return helper(class_=1)"}, Diff{ChangedBodies: []string{"decorated"}}},
		{"match in body", []string{"    return x\n", "    match x:\n        case 0:\n            return None\n    return x\n"}, Diff{ChangedBodies: []string{"helper"}}},
		{"match at module level", []string{"CONST = 1\n", "match os.name:\n    case 'nt':\n        CONST = 2\n"}, Diff{ChangedScopes: []string{""}}},
		{"async def", []string{"def decorated():\n    return helper(1)", "async def decorated():\n    return await helper(1)"}, Diff{ChangedBodies: []string{"decorated"}, ChangedHeaders: []string{"decorated"}}},
		{"multi-line decorator", []string{"@decorator\n", "@decorator(\n    a=1,\n)\n"}, Diff{ChangedHeaders: []string{"decorated"}}},
		{"multi-line signature", []string{"def helper(a, b=2):", "def helper(\n    a,\n    b: int = 2,\n):"}, Diff{ChangedHeaders: []string{"helper"}}},
		{"multi-line signature rewrapped", []string{"def helper(a, b=2):", "def helper(\n    a,\n    b=2\n):"}, Diff{Equal: true}},
		{"def becomes class", []string{"def decorated():\n    return helper(1)", "class decorated:\n    x = helper(1)"}, Diff{ChangedHeaders: []string{"decorated"}}},
		{"several changes", []string{"CONST = 1", "CONST = 3", "attr = 1", "attr = 0", "x = a + b", "x = b", "\n@decorator\ndef decorated", "\ndef extra(): pass\n\n@decorator\ndef decorated"},
			Diff{ChangedBodies: []string{"helper"}, Added: []string{"extra"}, ChangedScopes: []string{"", "C"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Compare([]byte(baseSrc), []byte(edit(t, tc.edits...)))
			if err != nil {
				t.Fatal(err)
			}
			got.Statements = nil // TestCompareStatements checks them
			if !reflect.DeepEqual(*got, tc.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tc.want)
			}
		})
	}
}

func TestCompareLayout(t *testing.T) {
	crlf := strings.ReplaceAll(baseSrc, "\n", "\r\n")
	tabs := strings.ReplaceAll(baseSrc, "    ", "\t")
	noEOL := strings.TrimSuffix(baseSrc, "\n")
	bom := "\xef\xbb\xbf" + baseSrc
	for name, src := range map[string]string{"crlf": crlf, "tabs": tabs, "no final newline": noEOL, "bom": bom} {
		d, err := Compare([]byte(baseSrc), []byte(src))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(*d, Diff{Equal: true}) {
			t.Errorf("%s: got %+v, want Equal", name, *d)
		}
	}
}

func TestCompareDedentStructureCounts(t *testing.T) {
	old := "def f():\n    if a:\n        b()\n    c()\n"
	new := "def f():\n    if a:\n        b()\n        c()\n"
	d, err := Compare([]byte(old), []byte(new))
	if err != nil {
		t.Fatal(err)
	}
	if d.Equal || !reflect.DeepEqual(d.ChangedBodies, []string{"f"}) {
		t.Errorf("got %+v, want f's body changed", *d)
	}
}

func TestCompareUnparsable(t *testing.T) {
	for name, pair := range map[string][2]string{
		"old broken": {"def f(:\n", "def f(): pass\n"},
		"new broken": {"x = 1\n", "x = 'unterminated\n"},
	} {
		if _, err := Compare([]byte(pair[0]), []byte(pair[1])); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
