package covmap

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"path/filepath"
	"slices"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver
)

// sqliteLoader reads coverage.py's data file: tables file(id, path),
// context(id, context) and either line_bits(file_id, context_id, numbits) or,
// when measured with branch=true, arc(file_id, context_id, fromno, tono).
type sqliteLoader struct {
	db    *sql.DB
	b     *builder
	paths map[int64]string
	ctxs  map[int64]string
	keys  map[int64]uint32 // context id -> entry, interned on first use
	pairs map[int64][]uint64
}

// loadSQLite builds a map from a coverage.py SQLite data file.
func loadSQLite(path string) (*Map, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve coverage map path %s: %w", path, err)
	}
	// immutable: never take locks or create journals next to the user's data.
	dsn := (&url.URL{Scheme: "file", Path: abs, RawQuery: "mode=ro&immutable=1"}).String()
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open coverage map %s: %w", path, err)
	}
	defer db.Close()
	l := &sqliteLoader{db: db, b: newBuilder(), keys: map[int64]uint32{}, pairs: map[int64][]uint64{}}
	if err := l.read(); err != nil {
		var fe *FormatError
		if errors.As(err, &fe) {
			fe.Path = path
			return nil, fe
		}
		return nil, &FormatError{Path: path, Reason: "cannot read it as a coverage.py data file: " + err.Error()}
	}
	if len(l.paths) == 0 {
		return nil, &FormatError{Path: path, Reason: "it measured no files"}
	}
	if err := l.build(); err != nil {
		return nil, &FormatError{Path: path, Reason: err.Error()}
	}
	m, err := l.b.finish("sqlite")
	if err != nil {
		return nil, fmt.Errorf("load coverage map %s: %w", path, err)
	}
	return m, nil
}

// read loads the tables into per-file (line, context) pairs.
func (l *sqliteLoader) read() error {
	tables, err := l.tables()
	if err != nil {
		return err
	}
	if !tables["file"] || !tables["context"] || !tables["line_bits"] && !tables["arc"] {
		return &FormatError{Reason: "it is a SQLite database but not a coverage.py data file"}
	}
	if l.paths, err = l.idStrings("SELECT id, path FROM file"); err != nil {
		return err
	}
	if l.ctxs, err = l.idStrings("SELECT id, context FROM context"); err != nil {
		return err
	}
	if tables["line_bits"] {
		if err := l.lineBits(); err != nil {
			return err
		}
	}
	if tables["arc"] {
		return l.arcs()
	}
	return nil
}

func (l *sqliteLoader) tables() (map[string]bool, error) {
	rows, err := l.db.Query("SELECT name FROM sqlite_master WHERE type = 'table'")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			return nil, err
		}
		out[name] = true
	}
	return out, rows.Err()
}

func (l *sqliteLoader) idStrings(query string) (map[int64]string, error) {
	rows, err := l.db.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[int64]string{}
	for rows.Next() {
		var id int64
		var s sql.NullString
		if err := rows.Scan(&id, &s); err != nil {
			return nil, err
		}
		out[id] = s.String
	}
	return out, rows.Err()
}

// build feeds each file's pairs, grouped by line, to the builder.
func (l *sqliteLoader) build() error {
	var keys []uint32
	for id, path := range l.paths {
		pairs := l.pairs[id]
		slices.Sort(pairs)
		l.b.beginFile(path)
		for i := 0; i < len(pairs); {
			line := pairs[i] >> 32
			keys = keys[:0]
			for ; i < len(pairs) && pairs[i]>>32 == line; i++ {
				keys = append(keys, uint32(pairs[i]))
			}
			l.b.addLine(uint32(line), l.b.addSet(keys))
		}
		if err := l.b.endFile(); err != nil {
			return err
		}
	}
	return nil
}
