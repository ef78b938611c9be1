package gitdiff

import (
	"context"
	"reflect"
	"testing"
)

// changeCase builds a repository state and returns the base revision.
type changeCase struct {
	name  string
	setup func(g *testRepo) string
	want  []Change
}

func mod(path string, hunks ...Hunk) Change {
	return Change{Status: Modified, OldPath: path, NewPath: path, Hunks: hunks}
}

func add(path string) Change  { return Change{Status: Added, NewPath: path} }
func del(path string) Change  { return Change{Status: Deleted, OldPath: path} }
func untr(path string) Change { return Change{Status: Added, NewPath: path, Untracked: true} }

func TestChanges(t *testing.T) {
	t.Parallel()
	for _, tc := range changeCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := newRepo(t)
			base := tc.setup(g)
			got, err := g.open().Changes(context.Background(), base)
			if err != nil {
				t.Fatal(err)
			}
			assertChanges(t, got, tc.want)
		})
	}
}

func assertChanges(t *testing.T, got, want []Change) {
	t.Helper()
	if len(got) == 0 && len(want) == 0 {
		return
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("changes differ\n got: %+v\nwant: %+v", got, want)
	}
}

func changeCases() []changeCase {
	var cases []changeCase
	cases = append(cases, textCases()...)
	cases = append(cases, fileKindCases()...)
	cases = append(cases, indexStateCases()...)
	cases = append(cases, historyCases()...)
	return cases
}

func textCases() []changeCase {
	return []changeCase{{
		name: "nothing changed",
		setup: func(g *testRepo) string {
			g.write("f.txt", numbered(3))
			return g.commitAll("base")
		},
	}, {
		name: "unstaged edits: replace, delete, insert, append",
		setup: func(g *testRepo) string {
			g.write("f.txt", numbered(10))
			base := g.commitAll("base")
			g.write("f.txt", "1\ntwo\n3\n4\n7\n8\nx\ny\n9\n10\n11\n")
			return base
		},
		want: []Change{mod("f.txt", Hunk{2, 1, 2, 1}, Hunk{5, 2, 4, 0}, Hunk{8, 0, 7, 2}, Hunk{10, 0, 11, 1})},
	}, {
		name: "insert before first line and delete last line",
		setup: func(g *testRepo) string {
			g.write("f.txt", numbered(3))
			base := g.commitAll("base")
			g.write("f.txt", "0\n1\n2\n")
			return base
		},
		want: []Change{mod("f.txt", Hunk{0, 0, 1, 1}, Hunk{3, 1, 3, 0})},
	}, {
		name: "no newline at end of file, gained and lost",
		setup: func(g *testRepo) string {
			g.write("gain.txt", "a\nb")
			g.write("lose.txt", "a\nb\n")
			base := g.commitAll("base")
			g.write("gain.txt", "a\nb\nc")
			g.write("lose.txt", "a\nb")
			return base
		},
		want: []Change{mod("gain.txt", Hunk{2, 1, 2, 2}), mod("lose.txt", Hunk{2, 1, 2, 1})},
	}, {
		name: "CRLF content",
		setup: func(g *testRepo) string {
			g.write("w.txt", "a\r\nb\r\nc\r\n")
			base := g.commitAll("base")
			g.write("w.txt", "a\r\nB\r\nc\r\nd\r\n")
			return base
		},
		want: []Change{mod("w.txt", Hunk{2, 1, 2, 1}, Hunk{3, 0, 4, 1})},
	}, {
		name: "content lines that look like headers",
		setup: func(g *testRepo) string {
			g.write("p.txt", "-- a/x\n++ b/x\nkeep\n")
			base := g.commitAll("base")
			g.write("p.txt", "keep0\ndiff --git a/x b/x\n@@ -1 +1 @@\nkeep\n++ b/y\n")
			return base
		},
		want: []Change{mod("p.txt", Hunk{1, 2, 1, 3}, Hunk{3, 0, 5, 1})},
	}, {
		name: "committed, staged and unstaged edits to one file add up",
		setup: func(g *testRepo) string {
			g.write("f.txt", numbered(10))
			base := g.commitAll("base")
			g.write("f.txt", replaceLine(numbered(10), 1, "one"))
			g.commitAll("committed")
			g.write("f.txt", replaceLine(replaceLine(numbered(10), 1, "one"), 5, "five"))
			g.git("add", "f.txt")
			g.write("f.txt", replaceLine(replaceLine(replaceLine(numbered(10), 1, "one"), 5, "five"), 9, "nine"))
			return base
		},
		want: []Change{mod("f.txt", Hunk{1, 1, 1, 1}, Hunk{5, 1, 5, 1}, Hunk{9, 1, 9, 1})},
	}}
}
