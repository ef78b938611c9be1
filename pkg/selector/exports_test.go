package selector

import (
	"slices"
	"testing"

	"github.com/impacted/impacted/pkg/pysrc"
)

func TestExportChange(t *testing.T) {
	const defs = "def a(): pass\ndef b(): pass\nc = 1\nfrom x import d\n"
	cases := []struct {
		name, old, cur string
		added, removed []string
		ok             bool
	}{
		{"reordered", "__all__ = ['a', 'b']\n" + defs, "__all__ = ['b', 'a']\n" + defs, nil, nil, true},
		{"added", "__all__ = ['a']\n" + defs, "__all__ = ['a', 'b', 'c', 'd']\n" + defs, []string{"b", "c", "d"}, nil, true},
		{"removed", "__all__ = ['a', 'b']\n" + defs, "__all__ = ['a']\n" + defs, nil, []string{"b"}, true},
		{"added unbound: star imports fail", "__all__ = ['a']\n" + defs, "__all__ = ['a', 'e']\n" + defs, nil, nil, false},
		{"removed submodule", "__all__ = ['a', 'sub']\n" + defs, "__all__ = ['a']\n" + defs, nil, nil, false},
		{"added, bound in an if", "__all__ = ['a']\n" + defs, "__all__ = ['a', 'e']\nif X:\n    def e(): pass\n" + defs, nil, nil, false},
		{"added, bound by a star import", "__all__ = ['a']\n" + defs, "__all__ = ['a', 'e']\nfrom y import *\n" + defs, nil, nil, false},
		{"computed", "__all__ = ['a']\n" + defs, "__all__ = ['a'] + B\n" + defs, nil, nil, false},
		{"new __all__", defs, "__all__ = ['a']\n" + defs, nil, nil, false},
	}
	for _, c := range cases {
		old, err1 := pysrc.Parse([]byte(c.old))
		cur, err2 := pysrc.Parse([]byte(c.cur))
		if err1 != nil || err2 != nil {
			t.Fatalf("%s: %v %v", c.name, err1, err2)
		}
		x, ok := exportChange(old, cur)
		if ok != c.ok || ok && (!slices.Equal(x.added, c.added) || !slices.Equal(x.removed, c.removed)) {
			t.Errorf("%s: exportChange = %+v, %v; want added %v removed %v, %v", c.name, x, ok, c.added, c.removed, c.ok)
		}
	}
}
