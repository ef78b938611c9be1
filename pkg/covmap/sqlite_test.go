package covmap

import (
	"database/sql"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestLoadSQLiteMatchesJSON(t *testing.T) {
	for _, arcs := range []bool{false, true} {
		doc := format2
		if arcs { // coverage.py keeps only positive line numbers of arcs
			doc = strings.Replace(doc, `"0": [""]`, `"1": [""]`, 1)
		}
		jm := mustLoad(t, writeFile(t, "cov.json", doc))
		db := filepath.Join(t.TempDir(), ".coverage")
		writeCoverageSQLite(t, db, jm, arcs)
		sm := mustLoad(t, db)
		if sm.Source() != "sqlite" {
			t.Errorf("Source() = %q", sm.Source())
		}
		if dump(sm) != dump(jm) {
			t.Errorf("arcs=%v: SQLite map differs:\n%s\n---\n%s", arcs, dump(sm), dump(jm))
		}
		if sm.Provenance() != nil {
			t.Errorf("Provenance() without sidecar = %+v", sm.Provenance())
		}
	}
}

func TestSQLiteSidecarAndCache(t *testing.T) {
	db := filepath.Join(t.TempDir(), ".coverage")
	writeCoverageSQLite(t, db, mustLoad(t, writeFile(t, "cov.json", format2)), false)
	if err := os.WriteFile(SidecarPath(db), []byte(provJSON), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	cold := loadCached(t, db, cache, "sqlite")
	warm := loadCached(t, db, cache, "cache")
	if dump(cold) != dump(warm) {
		t.Fatalf("cached SQLite map differs")
	}
	if p := warm.Provenance(); p == nil || p.Commit != "abc123" {
		t.Fatalf("Provenance() from sidecar via cache = %+v", p)
	}
	if err := os.WriteFile(SidecarPath(db), []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	m := loadCached(t, db, cache, "cache")
	if p, err := m.LoadProvenance(); p != nil || err == nil {
		t.Fatalf("LoadProvenance() on a broken sidecar = %+v, %v; want an error", p, err)
	}
}

func TestLoadSQLiteErrors(t *testing.T) {
	tests := []struct {
		name  string
		setup func(t *testing.T, path string)
		want  string
	}{
		{"foreign database", func(t *testing.T, p string) {
			execSQL(t, p, "CREATE TABLE users (id integer, name text); INSERT INTO users VALUES (1, 'x')")
		}, "format"},
		{"no files", func(t *testing.T, p string) { execSQL(t, p, coverageSchema) }, "format"},
		{"only the empty context", func(t *testing.T, p string) {
			execSQL(t, p, coverageSchema+`INSERT INTO file VALUES (1, 'a.py'); INSERT INTO context VALUES (1, '');
				INSERT INTO line_bits VALUES (1, 1, x'06');`)
		}, "nocontexts"},
		{"dangling context id", func(t *testing.T, p string) {
			execSQL(t, p, coverageSchema+`INSERT INTO file VALUES (1, 'a.py'); INSERT INTO line_bits VALUES (1, 9, x'06');`)
		}, "format"},
		{"truncated", func(t *testing.T, p string) {
			writeCoverageSQLite(t, p, mustLoad(t, writeFile(t, "cov.json", format2)), false)
			b, _ := os.ReadFile(p)
			if err := os.WriteFile(p, b[:len(b)/3], 0o644); err != nil {
				t.Fatal(err)
			}
		}, "format"},
		{"header only", func(t *testing.T, p string) {
			if err := os.WriteFile(p, []byte(sqliteMagic+"\x10\x00garbage"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, "format"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), ".coverage")
			tt.setup(t, p)
			m, err := Load(p, Options{})
			if m != nil {
				t.Fatalf("Load succeeded, want a %s error", tt.want)
			}
			if tt.want == "format" && !errors.As(err, new(*FormatError)) || tt.want == "nocontexts" && !errors.Is(err, ErrNoContexts) {
				t.Fatalf("err = %v, want %s", err, tt.want)
			}
		})
	}
}

func execSQL(t *testing.T, path, stmts string) {
	t.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(stmts); err != nil {
		t.Fatal(err)
	}
}
