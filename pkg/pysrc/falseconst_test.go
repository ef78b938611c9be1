package pysrc

import "testing"

func TestFalseConstant(t *testing.T) {
	for _, c := range []struct {
		src  string
		want int
	}{
		{"import os\nTYPE_CHECKING = False\nif TYPE_CHECKING:\n    import typing\n", 2},
		{"TYPE_CHECKING = True\n", 0},
		{"TYPE_CHECKING = False\nTYPE_CHECKING = os.environ.get('X')\n", 0},
		{"TYPE_CHECKING = False\n\n\ndef f():\n    global TYPE_CHECKING\n    TYPE_CHECKING = True\n", 0},
		{"try:\n    from typing import TYPE_CHECKING\nexcept ImportError:\n    TYPE_CHECKING = False\n", 0},
		{"TYPE_CHECKING = False or True\n", 0},
		{"class C:\n    TYPE_CHECKING = True\nTYPE_CHECKING = False\n", 3},
		{"x = 1\n", 0},
	} {
		m, err := Parse([]byte(c.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := m.FalseConstant("TYPE_CHECKING"); got != c.want {
			t.Errorf("FalseConstant in %q = %d, want %d", c.src, got, c.want)
		}
	}
}

func TestLocalName(t *testing.T) {
	src := `def shim(name):
    from typing import TypedDict
    return TypedDict


def reads(name):
    return TypedDict


def nested(name):
    TypedDict = 1

    def inner():
        global TypedDict
        return TypedDict
    return inner
`
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []bool{true, false, false} {
		if got := m.LocalName(i, "TypedDict"); got != want {
			t.Errorf("LocalName(%s) = %v, want %v", m.Units[i].QualName, got, want)
		}
	}
}
