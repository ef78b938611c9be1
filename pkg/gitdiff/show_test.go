package gitdiff

import (
	"context"
	"errors"
	"reflect"
	"testing"
)

func TestShow(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	files := map[string]string{
		"a.py":             "print('a')\n",
		"crlf.txt":         "a\r\nb\r\n",
		"no-newline":       "tail",
		"empty":            "",
		"bin":              "\x00\x01\x02\n\n",
		"dir/with space":   "s\n",
		"-x":               "dash\n",
		"quote\"ü\\.py":    "q\n",
		"big.txt":          numbered(50000),
		"HEAD":             "head file\n",
		" lead and trail ": "ws\n",
	}
	for p, c := range files {
		g.write(p, c)
	}
	g.symlink("a.py", "link")
	base := g.commitAll("base")
	g.write("a.py", "changed\n")
	g.commitAll("later")
	files["link"] = "a.py"

	paths := []string{"missing.py", "dir", "dir/nope", "a.py"}
	for p := range files {
		paths = append(paths, p)
	}
	want := map[string][]byte{}
	for p, c := range files {
		want[p] = []byte(c)
	}
	for _, env := range [][]string{g.env, hostileEnv(t)} {
		r, err := OpenEnv(context.Background(), g.dir, env)
		if err != nil {
			t.Fatal(err)
		}
		got, err := r.Show(context.Background(), base, append(paths, "a.py"))
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Show differs: got %d files, want %d", len(got), len(want))
			for p := range want {
				if string(got[p]) != string(want[p]) {
					t.Errorf("%q: got %.40q, want %.40q", p, got[p], want[p])
				}
			}
		}
	}
}

// TestShowNewlineInPath exercises the NUL-separated request mode, and a
// missing name that itself spans lines.
func TestShowNewlineInPath(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("new\nline.py", "nl\n")
	g.write("plain.py", "p\n")
	g.commitAll("base")
	got, err := g.open().Show(context.Background(), "HEAD", []string{"gone\nwith\nnewlines", "new\nline.py", "plain.py", "gone"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]byte{"new\nline.py": []byte("nl\n"), "plain.py": []byte("p\n")}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Show = %q; want %q", got, want)
	}
}

func TestShowErrors(t *testing.T) {
	t.Parallel()
	g := newRepo(t)
	g.write("a", "1\n")
	g.commitAll("base")
	r := g.open()
	if _, err := r.Show(context.Background(), "nope", []string{"a"}); !errors.Is(err, ErrUnknownRevision) {
		t.Errorf("Show(nope) error = %v; want ErrUnknownRevision", err)
	}
	got, err := r.Show(context.Background(), "HEAD", nil)
	if err != nil || len(got) != 0 {
		t.Errorf("Show(no paths) = %v, %v; want empty map", got, err)
	}
}
