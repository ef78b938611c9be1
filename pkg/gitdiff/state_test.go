package gitdiff

func indexStateCases() []changeCase {
	return []changeCase{{
		name: "deleted: committed, staged, and only in the work tree",
		setup: func(g *testRepo) string {
			g.write("committed.py", "1\n")
			g.write("staged.py", "1\n")
			g.write("worktree.py", "1\n")
			base := g.commitAll("base")
			g.git("rm", "-q", "committed.py")
			g.commitAll("rm")
			g.git("rm", "-q", "staged.py")
			g.remove("worktree.py")
			return base
		},
		want: []Change{del("committed.py"), del("staged.py"), del("worktree.py")},
	}, {
		name: "removed from the index but kept on disk",
		setup: func(g *testRepo) string {
			g.write("kept.py", "1\n")
			base := g.commitAll("base")
			g.git("rm", "-q", "--cached", "kept.py")
			return base
		},
		want: []Change{del("kept.py"), untr("kept.py")},
	}, {
		name: "staged as added then modified; intent to add",
		setup: func(g *testRepo) string {
			base := g.commitAll("base")
			g.write("new.py", "1\n")
			g.git("add", "new.py")
			g.write("new.py", "1\n2\n")
			g.write("ita.py", "1\n")
			g.git("add", "-N", "ita.py")
			return base
		},
		want: []Change{add("ita.py"), add("new.py")},
	}, {
		name: "git mv with edits maps old lines to new",
		setup: func(g *testRepo) string {
			g.write("old/name.py", numbered(20))
			base := g.commitAll("base")
			g.git("mv", "old/name.py", "new name.py")
			g.write("new name.py", "0\n"+replaceLine(numbered(20), 10, "ten"))
			return base
		},
		want: []Change{{Status: Renamed, OldPath: "old/name.py", NewPath: "new name.py",
			Hunks: []Hunk{{0, 0, 1, 1}, {10, 1, 11, 1}}}},
	}, {
		name: "pure rename, committed",
		setup: func(g *testRepo) string {
			g.write("a.py", numbered(5))
			base := g.commitAll("base")
			g.git("mv", "a.py", "b.py")
			g.commitAll("mv")
			return base
		},
		want: []Change{{Status: Renamed, OldPath: "a.py", NewPath: "b.py"}},
	}, {
		name: "plain mv without git is a deletion and an untracked file",
		setup: func(g *testRepo) string {
			g.write("a.py", numbered(5))
			base := g.commitAll("base")
			g.write("b.py", numbered(5))
			g.remove("a.py")
			return base
		},
		want: []Change{del("a.py"), untr("b.py")},
	}, {
		name: "stat-only change is not a change",
		setup: func(g *testRepo) string {
			g.write("a.py", "1\n")
			base := g.commitAll("base")
			g.write("a.py", "1\n") // rewrite: new mtime, same content
			return base
		},
	}}
}

func historyCases() []changeCase {
	return []changeCase{{
		name: "base is not an ancestor of HEAD",
		setup: func(g *testRepo) string {
			g.write("f.txt", "1\n2\n3\n")
			g.commitAll("root")
			g.git("checkout", "-q", "-b", "side")
			g.write("f.txt", "S\n2\n3\n")
			g.write("side.txt", "s\n")
			g.commitAll("side")
			g.git("checkout", "-q", "main")
			g.write("f.txt", "1\n2\nM\n")
			g.write("main.txt", "m\n")
			g.commitAll("main")
			return "side"
		},
		want: []Change{mod("f.txt", Hunk{1, 1, 1, 1}, Hunk{3, 1, 3, 1}), add("main.txt"), del("side.txt")},
	}, {
		name: "merge conflict in the work tree",
		setup: func(g *testRepo) string {
			g.write("c.txt", "1\n2\n3\n")
			base := g.commitAll("base")
			g.git("checkout", "-q", "-b", "other")
			g.write("c.txt", "1\nX\n3\n")
			g.commitAll("x")
			g.git("checkout", "-q", "main")
			g.write("c.txt", "1\nY\n3\n")
			g.commitAll("y")
			cmd := []string{"merge", "-q", "other"}
			if out, err := g.tryGit(cmd...); err == nil {
				g.t.Fatalf("merge should conflict: %s", out)
			}
			return base
		},
		want: []Change{mod("c.txt", Hunk{2, 1, 2, 5})},
	}, {
		name: "base given as a branch name that is also a file name",
		setup: func(g *testRepo) string {
			g.write("main", "1\n")
			g.commitAll("base")
			g.git("branch", "-q", "base-branch")
			g.write("main", "2\n")
			return "main"
		},
		want: []Change{mod("main", Hunk{1, 1, 1, 1})},
	}}
}
