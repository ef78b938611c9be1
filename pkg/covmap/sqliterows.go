package covmap

import (
	"database/sql"
	"fmt"
	"math/bits"
)

// key interns the context with the given id.
func (l *sqliteLoader) key(ctxID int64) (uint32, error) {
	if k, ok := l.keys[ctxID]; ok {
		return k, nil
	}
	ctx, ok := l.ctxs[ctxID]
	if !ok {
		return 0, fmt.Errorf("data refers to unknown context id %d", ctxID)
	}
	k, err := l.b.contextKey([]byte(ctx))
	l.keys[ctxID] = k
	return k, err
}

// add records that a file's line ran in a context.
func (l *sqliteLoader) add(fileID int64, line int64, key uint32) error {
	if _, ok := l.paths[fileID]; !ok {
		return fmt.Errorf("data refers to unknown file id %d", fileID)
	}
	if line < 0 || line > 1<<31 {
		return fmt.Errorf("line number %d out of range", line)
	}
	l.pairs[fileID] = append(l.pairs[fileID], uint64(line)<<32|uint64(key))
	return nil
}

// lineBits decodes coverage's numbits: bit j of byte i means line 8*i+j.
func (l *sqliteLoader) lineBits() error {
	rows, err := l.db.Query("SELECT file_id, context_id, numbits FROM line_bits")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var fileID, ctxID int64
		var numbits sql.RawBytes
		if err := rows.Scan(&fileID, &ctxID, &numbits); err != nil {
			return err
		}
		k, err := l.key(ctxID)
		if err != nil {
			return err
		}
		for i, c := range numbits {
			for ; c != 0; c &= c - 1 {
				if err := l.add(fileID, int64(8*i+bits.TrailingZeros8(c)), k); err != nil {
					return err
				}
			}
		}
	}
	return rows.Err()
}

// arcs takes the positive ends of each arc as executed lines, as coverage.py
// does; negative numbers are code object entries and exits.
func (l *sqliteLoader) arcs() error {
	rows, err := l.db.Query("SELECT file_id, context_id, fromno, tono FROM arc")
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var fileID, ctxID, from, to int64
		if err := rows.Scan(&fileID, &ctxID, &from, &to); err != nil {
			return err
		}
		k, err := l.key(ctxID)
		if err != nil {
			return err
		}
		for _, line := range [2]int64{from, to} {
			if line > 0 {
				if err := l.add(fileID, line, k); err != nil {
					return err
				}
			}
		}
	}
	return rows.Err()
}
