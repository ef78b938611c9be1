package gitdiff

import (
	"context"
	"slices"
	"testing"
)

func TestGrep(t *testing.T) {
	repo := newRepo(t)
	repo.write("a.py", "import os\nx = 'shop.cli'\n")
	repo.write("dir with space/b.py", "run('-m', \"shop.cli\")\n")
	repo.write("c.txt", "shop.cli\n")
	repo.commitAll("base")
	repo.write("new.py", "nothing here\nshop.cli again\n")
	r := repo.open()
	hits, err := r.Grep(context.Background(), []string{"shop.cli"}, "*.py")
	if err != nil {
		t.Fatal(err)
	}
	want := []GrepHit{{"a.py", 2}, {"dir with space/b.py", 1}} // new.py is untracked
	if !slices.Equal(hits, want) {
		t.Errorf("Grep = %v, want %v", hits, want)
	}
	none, err := r.Grep(context.Background(), []string{"absent"})
	if err != nil || len(none) != 0 {
		t.Errorf("Grep(absent) = %v, %v; want no hit and no error", none, err)
	}
}
