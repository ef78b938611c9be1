package pysrc

import "testing"

func TestLogicalStart(t *testing.T) {
	src := "def f(name):\n    if name == 'v':\n        return version(\n            'pkg')\n    x = 1; y = '''a\nb'''\n    return x\n"
	m, err := Parse([]byte(src))
	if err != nil {
		t.Fatal(err)
	}
	for line, want := range map[int]int{1: 1, 2: 2, 3: 3, 4: 3, 5: 5, 6: 5, 7: 7} {
		if got := m.LogicalStart(line); got != want {
			t.Errorf("LogicalStart(%d) = %d, want %d", line, got, want)
		}
	}
}
