package gitdiff

import (
	"context"
	"reflect"
	"testing"
)

func TestFiles(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	for _, p := range []string{"a.py", "pkg/b.py", "gone.py", "weird \"name\"\nü.py", "-x", ".gitignore", "sparse.py"} {
		g.write(p, "1\n")
	}
	g.write(".gitignore", "*.log\n")
	g.commitAll("base")
	g.remove("gone.py")
	g.git("update-index", "--skip-worktree", "sparse.py")
	g.remove("sparse.py")
	g.write("untracked/new.py", "")
	g.write("staged.py", "")
	g.git("add", "staged.py")
	g.write("debug.log", "")
	nested := &testRepo{t: t, dir: g.dir + "/nested", env: g.env}
	nested.write("inner.py", "")
	nested.git("init", "-q")

	want := []string{"-x", ".gitignore", "a.py", "pkg/b.py", "staged.py", "untracked/new.py", "weird \"name\"\nü.py"}
	for _, env := range [][]string{g.env, hostileEnv(t)} {
		r, err := OpenEnv(context.Background(), g.dir, env)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Files(context.Background())
		if err != nil || !reflect.DeepEqual(got, want) {
			t.Errorf("Files() = %q, %v\nwant %q", got, err, want)
		}
	}
}

func TestFilesDuringMergeConflict(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("c.txt", "1\n")
	g.commitAll("base")
	g.git("checkout", "-q", "-b", "other")
	g.write("c.txt", "2\n")
	g.commitAll("other")
	g.git("checkout", "-q", "main")
	g.write("c.txt", "3\n")
	g.commitAll("main")
	if _, err := g.tryGit("merge", "-q", "other"); err == nil {
		t.Fatal("merge should conflict")
	}
	got, err := g.open().Files(context.Background())
	if err != nil || !reflect.DeepEqual(got, []string{"c.txt"}) {
		t.Errorf("Files() = %q, %v; want [c.txt] once", got, err)
	}
}
