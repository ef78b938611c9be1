package covmap

import (
	"bytes"
	"errors"
	"fmt"
)

// jsonLoader walks the shape of a coverage.py JSON report:
//
//	{"meta": {...}, "files": {PATH: {"contexts": {"LINE": ["ctx", ...]}, ...}},
//	 "totals": {...}, "impacted": {provenance}}
//
// Only files/*/contexts and the impacted key are decoded; executed_lines,
// summaries and format 3's per-function and per-class regions (which repeat
// the contexts) are skipped.
type jsonLoader struct {
	s      scanner
	b      *builder
	keys   []uint32
	files  int
	sawMap bool
	prov   []byte
	imps   []byte
}

// loadJSON builds a map from the JSON report held in data.
func loadJSON(path string, data []byte) (*Map, error) {
	l := &jsonLoader{s: scanner{data: data}, b: newBuilder()}
	if err := l.document(); err != nil {
		return nil, &FormatError{Path: path, Reason: err.Error()}
	}
	if !l.sawMap {
		return nil, &FormatError{Path: path, Reason: `it has no "files" section, so it is not a coverage.py JSON report`}
	}
	if l.files == 0 {
		return nil, &FormatError{Path: path, Reason: "it measured no files"}
	}
	m, err := l.b.finish("json")
	if err != nil {
		return nil, fmt.Errorf("load coverage map %s: %w", path, err)
	}
	m.prov = provenanceSource{raw: l.prov}
	m.imports = importSource{raw: l.imps}
	return m, nil
}

func (l *jsonLoader) document() error {
	if c := l.s.next(); c != '{' {
		return errors.New("it is not a JSON object")
	}
	has, err := l.s.open('{', '}')
	for has && err == nil {
		err = l.member()
		if err == nil {
			has, err = l.s.more('}')
		}
	}
	if err == nil && l.s.next() != 0 {
		err = l.s.errorf("trailing data after the JSON object")
	}
	return err
}

// member reads one top-level key and its value.
func (l *jsonLoader) member() error {
	key, err := l.s.str()
	if err != nil {
		return err
	}
	which := string(key) // one small allocation per top-level key
	if err := l.s.expect(':'); err != nil {
		return err
	}
	switch which {
	case "files":
		l.sawMap = true
		return l.fileTable()
	case "impacted", ImportsKey:
		start := l.s.pos
		if err := l.s.skip(); err != nil {
			return err
		}
		raw := bytes.TrimSpace(bytes.Clone(l.s.data[start:l.s.pos]))
		if which == ImportsKey {
			l.imps = raw
		} else {
			l.prov = raw
		}
		return nil
	}
	return l.s.skip()
}

// fileTable reads {PATH: {...}, ...}.
func (l *jsonLoader) fileTable() error {
	has, err := l.s.open('{', '}')
	for has && err == nil {
		var path []byte
		if path, err = l.s.str(); err != nil {
			return err
		}
		l.b.beginFile(string(path))
		if err = l.s.expect(':'); err == nil {
			err = l.file()
		}
		if err == nil {
			err = l.b.endFile()
		}
		l.files++
		if err == nil {
			has, err = l.s.more('}')
		}
	}
	return err
}

// file reads one file's object, decoding only its contexts.
func (l *jsonLoader) file() error {
	has, err := l.s.open('{', '}')
	for has && err == nil {
		var key []byte
		if key, err = l.s.str(); err != nil {
			return err
		}
		isContexts := string(key) == "contexts"
		if err = l.s.expect(':'); err != nil {
			return err
		}
		if isContexts {
			err = l.contexts()
		} else {
			err = l.s.skip()
		}
		if err == nil {
			has, err = l.s.more('}')
		}
	}
	return err
}
