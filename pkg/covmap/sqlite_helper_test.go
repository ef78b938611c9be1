package covmap

import (
	"database/sql"
	"path/filepath"
	"sort"
	"testing"
)

// coverageSchema is the part of coverage.py's SQLite schema (version 7) the
// loader reads, as coverage.py creates it.
const coverageSchema = `
CREATE TABLE coverage_schema (version integer);
CREATE TABLE meta (key text, value text, unique (key));
CREATE TABLE file (id integer primary key, path text, unique (path));
CREATE TABLE context (id integer primary key, context text, unique (context));
CREATE TABLE line_bits (file_id integer, context_id integer, numbits blob, unique (file_id, context_id));
CREATE TABLE arc (file_id integer, context_id integer, fromno integer, tono integer, unique (file_id, context_id, fromno, tono));
CREATE TABLE tracer (file_id integer primary key, tracer text);
INSERT INTO coverage_schema VALUES (7);
`

// writeCoverageSQLite writes m as a coverage.py data file, so tests and
// benchmarks can produce SQLite maps of any size without running coverage.
// With arcs it stores each line as an arc (-1, line) like branch mode.
func writeCoverageSQLite(tb testing.TB, path string, m *Map, arcs bool) {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	tx, err := db.Begin()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := tx.Exec(coverageSchema); err != nil {
		tb.Fatal(err)
	}
	if _, err := tx.Exec(`INSERT INTO meta VALUES ('version', '7.6.1'), ('has_arcs', ?)`, map[bool]string{true: "1", false: "0"}[arcs]); err != nil {
		tb.Fatal(err)
	}
	ctxIDs := map[string]int{}
	for i, p := range m.Paths() {
		if _, err := tx.Exec(`INSERT INTO file VALUES (?, ?)`, i+1, p); err != nil {
			tb.Fatal(err)
		}
		byCtx := linesByContext(m, p)
		ctxs := make([]string, 0, len(byCtx))
		for c := range byCtx {
			ctxs = append(ctxs, c)
		}
		sort.Strings(ctxs)
		for _, c := range ctxs {
			id, ok := ctxIDs[c]
			if !ok {
				id = len(ctxIDs) + 1
				ctxIDs[c] = id
				if _, err := tx.Exec(`INSERT INTO context VALUES (?, ?)`, id, c); err != nil {
					tb.Fatal(err)
				}
			}
			insertLines(tb, tx, i+1, id, byCtx[c], arcs)
		}
	}
	if err := tx.Commit(); err != nil {
		tb.Fatal(err)
	}
}

// linesByContext inverts a file's index: context -> lines it ran.
func linesByContext(m *Map, path string) map[string][]int {
	f, _ := m.File(path)
	byCtx := map[string][]int{}
	_ = f.contexts(m.tests, func(line int, ctxs []string) error {
		for _, c := range ctxs {
			byCtx[c] = append(byCtx[c], line)
		}
		return nil
	})
	return byCtx
}

func insertLines(tb testing.TB, tx *sql.Tx, fileID, ctxID int, lines []int, arcs bool) {
	tb.Helper()
	if arcs {
		for _, l := range lines {
			if _, err := tx.Exec(`INSERT INTO arc VALUES (?, ?, ?, ?)`, fileID, ctxID, -1, l); err != nil {
				tb.Fatal(err)
			}
		}
		return
	}
	nb := make([]byte, lines[len(lines)-1]/8+1)
	for _, l := range lines {
		nb[l/8] |= 1 << (l % 8)
	}
	if _, err := tx.Exec(`INSERT INTO line_bits VALUES (?, ?, ?)`, fileID, ctxID, nb); err != nil {
		tb.Fatal(err)
	}
}

// scriptPath locates a script of this repository from the package directory.
func scriptPath(name string) string { return filepath.Join("..", "..", "scripts", name) }
