package distinfo

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestDrift(t *testing.T) {
	venv := t.TempDir()
	site := filepath.Join(venv, "lib", "python3.12", "site-packages")
	for rel, body := range map[string]string{
		"idna-3.7.dist-info/RECORD":        "idna/__init__.py,,\n",
		"requests-2.32.dist-info/RECORD":   "requests/__init__.py,,\n",
		"requests-2.32.dist-info/METADATA": "Name: requests\nRequires-Dist: idna<4,>=2.5\n\n",
		"httpie-3.2.dist-info/METADATA":    "Name: httpie\nRequires-Dist: requests[socks]>=2.22\n\n",
		"rich-13.0.dist-info/RECORD":       "rich/__init__.py,,\n",
		"shop-0.2.dev3.dist-info/RECORD":   "__editable__.shop.pth,,\n",
		"new_lib-1.0.dist-info/RECORD":     "new_lib.py,,\n",
	} {
		p := filepath.Join(site, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	e := Open(venv)
	same := e.Versions()
	if got := e.Drift(same, "shop"); got != nil {
		t.Errorf("the same environment drifted: %v", got)
	}
	rec := map[string]string{"idna": "3.6", "requests": "2.32", "httpie": "3.2", "rich": "13.0", "shop": "0.2.dev1", "six": "1.16"}
	want := []Drifted{{"idna", "3.6 -> 3.7"}, {"new-lib", "added"}, {"six", "removed"}, {"requests", "requires idna"}, {"httpie", "requires requests"}}
	got := e.Drift(rec, "shop")
	if !slices.Equal(got, want) {
		t.Errorf("Drift = %v, want %v (the project's own version is the tree's business)", got, want)
	}
}
