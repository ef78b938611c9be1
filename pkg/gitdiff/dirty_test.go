package gitdiff

import (
	"context"
	"testing"
)

func TestDirty(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		setup  func(g *testRepo)
		ignore []string
		want   bool
	}{
		{"clean", func(g *testRepo) {}, nil, false},
		{"unstaged edit", func(g *testRepo) { g.write("a.py", "2\n") }, nil, true},
		{"staged edit", func(g *testRepo) { g.write("a.py", "2\n"); g.git("add", "a.py") }, nil, true},
		{"deleted file", func(g *testRepo) { g.remove("a.py") }, nil, true},
		{"mode change", func(g *testRepo) { g.chmod("a.py", 0o755) }, nil, true},
		{"untracked file", func(g *testRepo) { g.write("new.py", "") }, nil, true},
		{"ignored file", func(g *testRepo) { g.write("x.log", "") }, nil, false},
		{"stat-only touch", func(g *testRepo) { g.write("a.py", "1\n") }, nil, false},
		{"untracked under an ignored prefix", func(g *testRepo) { g.write(".cache/deep/map.json", "{}") },
			[]string{".cache/"}, false},
		{"prefix without slash", func(g *testRepo) { g.write(".cache/map.json", "{}") }, []string{".cache"}, false},
		{"prefix is not a name prefix", func(g *testRepo) { g.write(".cache2/map.json", "{}") },
			[]string{".cache"}, true},
		{"deep prefix inside an untracked directory", func(g *testRepo) { g.write("out/tmp/x", "") },
			[]string{"out/tmp/"}, false},
		{"tracked change under a prefix", func(g *testRepo) { g.write("tracked/.keep", "2\n") },
			[]string{"tracked/"}, false},
		{"one change outside the prefixes", func(g *testRepo) {
			g.write(".cache/x", "")
			g.write("b.py", "")
		}, []string{".cache/"}, true},
		{"awkward untracked name", func(g *testRepo) { g.write("new\nline \"q\".py", "") }, []string{".cache/"}, true},
		{"submodule moved", func(g *testRepo) {
			sub := newRepo(g.t)
			sub.write("s", "1\n")
			sub.commitAll("s")
			g.git("-c", "protocol.file.allow=always", "submodule", "add", "-q", sub.dir, "sub")
			g.commitAll("add sub")
			inner := &testRepo{t: g.t, dir: g.dir + "/sub", env: g.env}
			inner.git("-c", "user.name=T", "-c", "user.email=t@e", "commit", "-q", "--allow-empty", "-m", "x")
		}, nil, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			g := newRepo(t)
			g.write("a.py", "1\n")
			g.write("tracked/.keep", "1\n")
			g.write(".gitignore", "*.log\n")
			g.commitAll("base")
			tc.setup(g)
			for _, env := range [][]string{g.env, hostileEnv(t)} {
				r, err := OpenEnv(context.Background(), g.dir, env)
				if err != nil {
					t.Fatal(err)
				}
				got, err := r.Dirty(context.Background(), tc.ignore...)
				if err != nil || got != tc.want {
					t.Errorf("Dirty(%q) = %v, %v; want %v", tc.ignore, got, err, tc.want)
				}
			}
		})
	}
}
