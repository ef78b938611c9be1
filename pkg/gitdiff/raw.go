package gitdiff

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"
)

// gitlinkMode is the tree mode of a submodule entry.
const gitlinkMode = "160000"

// changeSet holds the changes read from the raw section, indexed by the path
// their patch section will name, so hunks find their file without relying on
// the order of sections (a type change, for one, prints two sections).
type changeSet struct {
	list    []Change
	gitlink []bool
	byPath  map[string]int
}

// readRaw consumes `--raw -z` records up to the empty record git prints
// between the raw and the patch output (or to EOF when nothing changed).
func readRaw(br *bufio.Reader) (*changeSet, error) {
	set := &changeSet{byPath: map[string]int{}}
	for {
		meta, err := readField(br)
		if errors.Is(err, io.EOF) && meta == "" {
			return set, nil
		}
		if err != nil {
			return nil, err
		}
		if meta == "" {
			return set, nil
		}
		if err := set.addRecord(br, meta); err != nil {
			return nil, err
		}
	}
}

// addRecord parses ":oldmode newmode oldsha newsha status" and its path(s).
func (s *changeSet) addRecord(br *bufio.Reader, meta string) error {
	f := strings.Fields(strings.TrimPrefix(meta, ":"))
	if !strings.HasPrefix(meta, ":") || len(f) != 5 || f[4] == "" {
		return fmt.Errorf("malformed raw diff record %q", meta)
	}
	status := f[4][0]
	paths := 1
	if status == 'R' || status == 'C' {
		paths = 2
	}
	p := make([]string, paths)
	for i := range p {
		var err error
		if p[i], err = readField(br); err != nil || p[i] == "" {
			return fmt.Errorf("raw diff record %q: missing path: %v", meta, err)
		}
	}
	c, err := rawChange(status, p)
	if err != nil {
		return err
	}
	s.byPath[c.Path()] = len(s.list)
	s.list = append(s.list, c)
	s.gitlink = append(s.gitlink, f[0] == gitlinkMode || f[1] == gitlinkMode)
	return nil
}

// rawChange maps a raw status letter to a Change. Copies (only seen if the
// user's config turns copy detection on) count as additions of the new path,
// and unmerged paths as modifications: the work tree holds their content.
func rawChange(status byte, p []string) (Change, error) {
	switch status {
	case 'A':
		return Change{Status: Added, NewPath: p[0]}, nil
	case 'D':
		return Change{Status: Deleted, OldPath: p[0]}, nil
	case 'M', 'U':
		return Change{Status: Modified, OldPath: p[0], NewPath: p[0]}, nil
	case 'T':
		return Change{Status: TypeChanged, OldPath: p[0], NewPath: p[0]}, nil
	case 'R':
		return Change{Status: Renamed, OldPath: p[0], NewPath: p[1]}, nil
	case 'C':
		return Change{Status: Added, NewPath: p[1]}, nil
	}
	return Change{}, fmt.Errorf("unknown diff status %q for %q", status, p[0])
}

// readField reads one NUL-terminated field.
func readField(br *bufio.Reader) (string, error) {
	b, err := br.ReadBytes(0)
	if err != nil {
		if errors.Is(err, io.EOF) && len(b) > 0 {
			return "", fmt.Errorf("truncated field %q: %w", b, io.ErrUnexpectedEOF)
		}
		return "", err
	}
	return string(b[:len(b)-1]), nil
}

// apply attaches a parsed patch section to its change. Hunks are kept only
// where they map old lines to new ones: modified and renamed text files.
func (s *changeSet) apply(sec *section) error {
	key := sec.newPath
	if sec.deleted {
		key = sec.oldPath
	}
	i, ok := s.byPath[key]
	if !ok {
		return fmt.Errorf("patch for %q matches no changed path", key)
	}
	c := &s.list[i]
	if sec.binary {
		c.Binary, c.Hunks = true, nil
	}
	if (c.Status == Modified || c.Status == Renamed) && !s.gitlink[i] && !c.Binary {
		c.Hunks = append(c.Hunks, sec.hunks...)
	}
	return nil
}
