// Package history keeps one JSON line per `impacted run` in a bounded file,
// so that `impacted stats` can say what the selection saves over weeks of
// runs. Runs at once never disturb each other: each line is one write to a
// file opened with O_APPEND, which the kernel never interleaves, and the
// file is rotated (to PATH.1, replacing the previous one) under an
// exclusive lock, checked again once the lock is held.
package history

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"time"

	"github.com/impacted/impacted/pkg/filelock"
	"github.com/impacted/impacted/pkg/metrics"
)

// DefaultLimit bounds the file before rotation: a few thousand runs, and
// the rotated file keeps as many more.
const DefaultLimit = 1 << 20

// Record is one run: its metrics line and what it is compared against.
type Record struct {
	Time time.Time `json:"time"`
	metrics.Metrics
	// FullSuiteS is what the whole suite took when the map was built (the
	// sum of its tests' recorded durations; for a shard, its share), 0 when
	// the map records no durations.
	FullSuiteS float64 `json:"full_suite_s"`
	// RanS is what the tests this run ran took when the map was built,
	// by the same record: FullSuiteS - RanS is the time the selection saved.
	RanS float64 `json:"ran_s"`
}

// Append adds rec as one line to path, rotating first when the file has
// reached limit bytes.
func Append(path string, rec Record, limit int64) error {
	line, err := json.Marshal(rec)
	if err != nil {
		return fmt.Errorf("encode history record: %w", err)
	}
	if st, err := os.Stat(path); err == nil && st.Size() >= limit {
		if err := rotate(path, limit); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o644)
	if err != nil {
		return fmt.Errorf("append to history: %w", err)
	}
	_, werr := f.Write(append(line, '\n'))
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("append to history %s: %w", path, werr)
	}
	return nil
}

// rotate moves a full file aside; a run that opened it just before still
// appends to the moved file, which Read reads too, so no line is lost.
func rotate(path string, limit int64) error {
	l, err := filelock.Wait(path+".lock", nil)
	if err != nil {
		return fmt.Errorf("lock history: %w", err)
	}
	defer l.Unlock()
	st, err := os.Stat(path)
	if err != nil || st.Size() < limit { // another run rotated it meanwhile
		return nil
	}
	if err := os.Rename(path, path+".1"); err != nil {
		return fmt.Errorf("rotate history: %w", err)
	}
	return nil
}

// Read returns the records of the rotated file and the current one, oldest
// first, and how many lines could not be read.
func Read(path string) ([]Record, int, error) {
	var recs []Record
	bad := 0
	for _, p := range []string{path + ".1", path} {
		data, err := os.ReadFile(p)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, 0, fmt.Errorf("read history: %w", err)
		}
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			var r Record
			if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
				bad++
				continue
			}
			recs = append(recs, r)
		}
	}
	return recs, bad, nil
}
