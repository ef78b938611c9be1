package gitdiff

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOpen(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("sub/dir/f.py", "1\n")
	root, err := filepath.EvalSymlinks(g.dir)
	if err != nil {
		t.Fatal(err)
	}
	outside := t.TempDir()
	tests := []struct {
		name     string
		dir      string
		wantRoot string
		wantErr  error
	}{
		{"top level", g.dir, root, nil},
		{"subdirectory", filepath.Join(g.dir, "sub", "dir"), root, nil},
		{"outside any repository", outside, "", ErrNotRepo},
		{"inside .git", filepath.Join(g.dir, ".git"), "", ErrNotRepo},
		{"missing directory", filepath.Join(outside, "nope"), "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := OpenEnv(context.Background(), tc.dir, g.env)
			switch {
			case tc.wantRoot != "":
				if err != nil || r.Root != tc.wantRoot {
					t.Fatalf("Open(%s) = %v, %v; want root %s", tc.dir, r, err, tc.wantRoot)
				}
			case tc.wantErr != nil:
				if !errors.Is(err, tc.wantErr) || !strings.Contains(err.Error(), "git work tree") {
					t.Fatalf("Open(%s) error = %v; want %v with a hint", tc.dir, err, tc.wantErr)
				}
			case err == nil:
				t.Fatalf("Open(%s) succeeded; want an error", tc.dir)
			}
		})
	}
}

func TestOpenWithoutGit(t *testing.T) {
	t.Parallel()
	_, err := OpenEnv(context.Background(), t.TempDir(), []string{"PATH=" + t.TempDir()})
	if !errors.Is(err, ErrGitMissing) {
		t.Fatalf("error = %v; want ErrGitMissing", err)
	}
}

func TestResolve(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("f", "1\n")
	first := g.commitAll("first")
	g.git("tag", "-a", "-m", "annotated", "v1")
	tree := g.git("rev-parse", "HEAD^{tree}")
	g.write("f", "2\n")
	second := g.commitAll("second")
	r := g.open()
	tests := []struct {
		rev     string
		want    string
		wantErr error
	}{
		{"HEAD", second, nil},
		{"main", second, nil},
		{"HEAD~1", first, nil},
		{first[:10], first, nil},
		{"v1", first, nil}, // annotated tag peels to its commit
		{"nope", "", ErrUnknownRevision},
		{"", "", ErrUnknownRevision},
		{"--all", "", ErrUnknownRevision},
		{tree, "", ErrUnknownRevision},
		{strings.Repeat("f", 40), "", ErrUnknownRevision},
	}
	for _, tc := range tests {
		got, err := r.Resolve(context.Background(), tc.rev)
		if got != tc.want || !errors.Is(err, tc.wantErr) {
			t.Errorf("Resolve(%q) = %q, %v; want %q, %v", tc.rev, got, err, tc.want, tc.wantErr)
		}
		if errors.Is(err, ErrShallow) {
			t.Errorf("Resolve(%q): a full clone is not shallow: %v", tc.rev, err)
		}
	}
	if head, err := r.Head(context.Background()); head != second || err != nil {
		t.Errorf("Head() = %q, %v; want %q", head, err, second)
	}
}

func TestHeadWithoutCommits(t *testing.T) {
	t.Parallel()
	_, err := newRepo(t).open().Head(context.Background())
	if !errors.Is(err, ErrUnknownRevision) {
		t.Fatalf("Head() error = %v; want ErrUnknownRevision", err)
	}
}

func TestMergeBase(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("f", "1\n")
	fork := g.commitAll("fork point")
	g.git("checkout", "-q", "-b", "feature")
	g.write("f", "2\n")
	g.commitAll("feature")
	g.git("checkout", "-q", "main")
	g.write("g", "1\n")
	g.commitAll("main")
	g.git("checkout", "-q", "--orphan", "unrelated")
	g.commitAll("unrelated root")
	r := g.open()
	if got, err := r.MergeBase(context.Background(), "main", "feature"); got != fork || err != nil {
		t.Errorf("MergeBase(main, feature) = %q, %v; want %q", got, err, fork)
	}
	if _, err := r.MergeBase(context.Background(), "main", "unrelated"); !errors.Is(err, ErrNoMergeBase) {
		t.Errorf("MergeBase(main, unrelated) error = %v; want ErrNoMergeBase", err)
	}
	if _, err := r.MergeBase(context.Background(), "main", "nope"); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("MergeBase(main, nope) error = %v; want ErrUnknownRevision", err)
	}
}

// TestShallowClone: the newest commit and the diff work; a commit beyond the
// shallow boundary is unknown, and the error says the clone is shallow.
func TestShallowClone(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("f", "1\n")
	old := g.commitAll("old")
	g.write("f", "2\n")
	g.commitAll("new")
	clone := &testRepo{t: t, dir: filepath.Join(t.TempDir(), "clone"), env: g.env}
	g.git("clone", "-q", "--depth=1", "file://"+g.dir, clone.dir)
	clone.write("f", "3\n")
	r := clone.open()
	got, err := r.Changes(context.Background(), "HEAD")
	if err != nil {
		t.Fatal(err)
	}
	assertChanges(t, got, []Change{mod("f", Hunk{1, 1, 1, 1})})
	_, err = r.Resolve(context.Background(), old)
	if !errors.Is(err, ErrUnknownRevision) || !errors.Is(err, ErrShallow) ||
		!strings.Contains(err.Error(), "git fetch") {
		t.Fatalf("Resolve(old) error = %v; want unknown revision in a shallow clone, with a fix", err)
	}
	if _, err := r.MergeBase(context.Background(), "HEAD", "origin/main"); err != nil {
		t.Errorf("MergeBase(HEAD, origin/main) in a shallow clone: %v", err)
	}
}

func TestCancelledContext(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.commitAll("base")
	r := g.open()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := r.Changes(ctx, "HEAD"); !errors.Is(err, context.Canceled) {
		t.Errorf("Changes error = %v; want context.Canceled", err)
	}
	if _, err := r.Files(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Files error = %v; want context.Canceled", err)
	}
}

// TestGitErrorCarriesStderr: a git failure surfaces git's own explanation.
func TestGitErrorCarriesStderr(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.commitAll("base")
	r := g.open()
	if err := os.RemoveAll(filepath.Join(g.dir, ".git", "objects")); err != nil {
		t.Fatal(err)
	}
	_, err := r.Changes(context.Background(), "HEAD")
	var gerr *GitError
	if err == nil || (!errors.As(err, &gerr) && !errors.Is(err, ErrUnknownRevision)) {
		t.Fatalf("Changes on a repository without objects: %v", err)
	}
}
