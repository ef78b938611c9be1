package pysrc

import (
	"slices"
	"testing"
)

func TestExportList(t *testing.T) {
	cases := []struct {
		src  string
		want []string
		ok   bool
	}{
		{"__all__ = ['a', \"b\"]\n", []string{"a", "b"}, true},
		{"__all__ = [\n    'a',\n    'b',\n]\n", []string{"a", "b"}, true},
		{"__all__ = ('a', 'b')\n", []string{"a", "b"}, true},
		{"__all__ = ('a',)\n", []string{"a"}, true},
		{"__all__ = []\n", []string{}, true},
		{"__all__ = ('a')\n", nil, false},         // a string: star import binds its letters
		{"__all__ = ['a' 'b']\n", nil, false},     // implicit concatenation
		{"__all__ = [*_LAZY, 'a']\n", nil, false}, // computed
		{"__all__ = other.__all__ + ['a']\n", nil, false},
		{"__all__ = [f'a']\n", nil, false},
		{"__all__ = [b'a']\n", nil, false},
		{"__all__: list[str] = ['a']\n", nil, false},
		{"__all__ = ['a']\n__all__ = ['b']\n", nil, false}, // two bindings
		{"__all__ = ['a']\n__all__ += ['b']\n", nil, false},
		{"if X:\n    __all__ = ['a']\n", nil, false},
		{"x = 1\n", nil, false},
		{"class C:\n    __all__ = ['a']\n", nil, false}, // a class attribute, no export list
		{"__all__ = ['a']\n__all__.append('b')\n", []string{"a"}, true},
	}
	for _, c := range cases {
		m, err := Parse([]byte(c.src))
		if err != nil {
			t.Fatalf("%q: %v", c.src, err)
		}
		got, ok := m.ExportList()
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("%q: ExportList() = %q, %v; want %q, %v", c.src, got, ok, c.want, c.ok)
		}
	}
}
