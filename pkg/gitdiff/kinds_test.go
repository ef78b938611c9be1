package gitdiff

import "sort"

func fileKindCases() []changeCase {
	return []changeCase{{
		name: "mode-only change",
		setup: func(g *testRepo) string {
			g.write("run.sh", "echo hi\n")
			base := g.commitAll("base")
			g.chmod("run.sh", 0o755)
			return base
		},
		want: []Change{mod("run.sh")},
	}, {
		name: "empty files: committed, staged, untracked",
		setup: func(g *testRepo) string {
			base := g.commitAll("base")
			g.write("committed", "")
			g.commitAll("empty")
			g.write("staged", "")
			g.git("add", "staged")
			g.write("untracked", "")
			return base
		},
		want: []Change{add("committed"), add("staged"), untr("untracked")},
	}, {
		name: "untracked files, ignored ones left out",
		setup: func(g *testRepo) string {
			g.write(".gitignore", "*.log\n/build/\n")
			base := g.commitAll("base")
			g.write("a.py", "x\n")
			g.write("b.log", "x\n")
			g.write("build/out.py", "x\n")
			g.write("pkg/new/mod.py", "x\n")
			g.write(".git/info/exclude", "secret.py\n")
			g.write("secret.py", "x\n")
			return base
		},
		want: []Change{untr("a.py"), untr("pkg/new/mod.py")},
	}, {
		name: "symlinks: retargeted and added",
		setup: func(g *testRepo) string {
			g.write("a", "a\n")
			g.symlink("a", "link")
			base := g.commitAll("base")
			g.symlink("b", "link")
			g.symlink("a", "new-link")
			g.git("add", "new-link")
			return base
		},
		want: []Change{mod("link", Hunk{1, 1, 1, 1}), {Status: Added, NewPath: "new-link"}},
	}, {
		name: "binary files: modified, added, untracked",
		setup: func(g *testRepo) string {
			g.write("img.bin", "PNG\x00\x01\x02")
			base := g.commitAll("base")
			g.write("img.bin", "PNG\x00\x01\x03")
			g.write("new.bin", "\x00\x00")
			g.git("add", "new.bin")
			g.write("loose.bin", "\x00")
			return base
		},
		want: []Change{
			{Status: Modified, OldPath: "img.bin", NewPath: "img.bin", Binary: true},
			untr("loose.bin"),
			{Status: Added, NewPath: "new.bin", Binary: true},
		},
	}, {
		name: "type change: file becomes symlink",
		setup: func(g *testRepo) string {
			g.write("t", "text\n")
			base := g.commitAll("base")
			g.remove("t")
			g.symlink("elsewhere", "t")
			return base
		},
		want: []Change{{Status: TypeChanged, OldPath: "t", NewPath: "t"}},
	}, {
		name: "submodule moved to a new commit and dirty",
		setup: func(g *testRepo) string {
			sub := newRepo(g.t)
			sub.write("s.py", "1\n")
			sub.commitAll("sub base")
			g.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "vendor/sub")
			base := g.commitAll("base")
			inner := &testRepo{t: g.t, dir: g.dir + "/vendor/sub", env: g.env}
			inner.git("config", "user.name", "T")
			inner.git("config", "user.email", "t@example.com")
			inner.write("s.py", "2\n")
			inner.commitAll("moved")
			inner.write("untracked-inside.py", "x\n")
			return base
		},
		want: []Change{mod("vendor/sub")},
	}, {
		name: "awkward paths",
		setup: func(g *testRepo) string {
			for _, p := range awkwardPaths {
				g.write(p, "old\nsame\n")
			}
			g.write("bin ary\n.bin", "\x00old")
			g.write("x b/ren\"amed.txt", numbered(10))
			base := g.commitAll("base")
			for _, p := range awkwardPaths {
				g.write(p, "new\nsame\n")
			}
			g.write("bin ary\n.bin", "\x00new")
			g.git("mv", "x b/ren\"amed.txt", "x b/to\tü \\.txt")
			g.write("x b/to\tü \\.txt", replaceLine(numbered(10), 4, "four"))
			g.write("-untracked \"ü\"\n.py", "x\n")
			return base
		},
		want: sortedByPath(append(awkwardWant(),
			Change{Status: Modified, OldPath: "bin ary\n.bin", NewPath: "bin ary\n.bin", Binary: true},
			Change{Status: Renamed, OldPath: "x b/ren\"amed.txt", NewPath: "x b/to\tü \\.txt", Hunks: []Hunk{{4, 1, 4, 1}}},
		)),
	}}
}

// awkwardPaths are names that break naive parsing: spaces, a " b/" inside
// the name, unicode, quotes, backslashes, tabs, newlines, option lookalikes
// and a revision name.
var awkwardPaths = []string{
	"-x", "--help", "HEAD", "with space.py", "x b/y b.py", "ünïcødé/日本.py",
	"quote\"d.py", "back\\slash.py", "tab\there.py", "new\nline.py", " lead and trail ",
}

func awkwardWant() []Change {
	want := []Change{untr("-untracked \"ü\"\n.py")}
	for _, p := range awkwardPaths {
		want = append(want, mod(p, Hunk{1, 1, 1, 1}))
	}
	return want
}

func sortedByPath(cs []Change) []Change {
	sort.SliceStable(cs, func(i, j int) bool { return cs[i].Path() < cs[j].Path() })
	return cs
}
