package covmap

import (
	"bytes"
	"fmt"
	"io"
	"os"
)

// sqliteMagic starts every SQLite database file.
const sqliteMagic = "SQLite format 3\x00"

// Load reads the coverage map at path, a coverage.py JSON report or SQLite
// data file told apart by content. With opts.CacheDir set it first tries the
// cached index of that exact map, and refreshes the cache after parsing; a
// cache that cannot be written never fails the load (see CacheError).
func Load(path string, opts Options) (*Map, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open coverage map: %w", err)
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("open coverage map: %w", err)
	}
	if st.IsDir() {
		return nil, &FormatError{Path: path, Reason: "it is a directory"}
	}
	var key *cacheKey
	if opts.CacheDir != "" {
		if key, err = newCacheKey(path, f, st); err != nil {
			return nil, err
		}
		if m := readCache(opts.CacheDir, key); m != nil {
			return m, nil
		}
	}
	m, err := loadSource(path, f, st.Size())
	if err != nil {
		return nil, err
	}
	if key != nil {
		m.cacheErr = writeCache(opts.CacheDir, key, m)
	}
	return m, nil
}

// CacheError returns why the index cache could not be written during this
// load, or nil; the map itself is complete either way.
func (m *Map) CacheError() error { return m.cacheErr }

// loadSource parses the map itself, choosing the reader by its first bytes.
func loadSource(path string, f *os.File, size int64) (*Map, error) {
	head := make([]byte, len(sqliteMagic))
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("read coverage map %s: %w", path, err)
	}
	if n == len(sqliteMagic) && string(head) == sqliteMagic {
		m, err := loadSQLite(path)
		if err != nil {
			return nil, err
		}
		m.prov.sidecar = SidecarPath(path)
		return m, nil
	}
	data := make([]byte, size)
	copy(data, head[:n])
	if _, err := io.ReadFull(f, data[n:]); err != nil {
		return nil, fmt.Errorf("read coverage map %s: %w", path, err)
	}
	trimmed := bytes.TrimLeft(data, " \t\r\n")
	if len(trimmed) == 0 {
		return nil, &FormatError{Path: path, Reason: "it is empty"}
	}
	if trimmed[0] != '{' {
		return nil, &FormatError{Path: path, Reason: "it is neither a coverage.py JSON report nor a coverage.py SQLite data file"}
	}
	return loadJSON(path, data)
}
