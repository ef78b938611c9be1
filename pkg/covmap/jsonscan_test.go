package covmap

import (
	"errors"
	"testing"
)

func TestScannerString(t *testing.T) {
	tests := []struct {
		in, want string
		wantErr  bool
	}{
		{`"plain"`, "plain", false},
		{`""`, "", false},
		{`"a\"b"`, `a"b`, false},
		{`"a\\"`, `a\`, false},
		{`"tab\tnl\n\/\b\f\r"`, "tab\tnl\n/\b\f\r", false},
		{`"\u00e9t\u00E9"`, "été", false},
		{`"\ud83d\ude00!"`, "😀!", false},
		{`"lone \ud83d x"`, "lone \uFFFD x", false},
		{`"\\xe9"`, `\xe9`, false},
		{`"utf8 é"`, "utf8 é", false},
		{`"open`, "", true},
		{`"bad \q"`, "", true},
		{`"bad \u12"`, "", true},
		{`"ends in \`, "", true},
		{`x"`, "", true},
	}
	for _, tt := range tests {
		s := &scanner{data: []byte(tt.in)}
		got, err := s.str()
		if (err != nil) != tt.wantErr || err == nil && string(got) != tt.want {
			t.Errorf("str(%s) = %q, %v; want %q, err=%v", tt.in, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestScannerSkip(t *testing.T) {
	tests := []struct {
		in   string
		rest string // what must follow the skipped value
		err  bool
	}{
		{`123,`, ",", false},
		{`-1.5e+3]`, "]", false},
		{`true}`, "}", false},
		{`null`, "", false},
		{`"s\"]}"X`, "X", false},
		{`"s\\"X`, "X", false},
		{`{"a": [1, {"b": "]}"}], "c": {}} X`, " X", false},
		{`[[[]]],`, ",", false},
		{`{"a": [1, 2`, "", true},
		{`"open`, "", true},
		{`}`, "", true},
		{``, "", true},
	}
	for _, tt := range tests {
		s := &scanner{data: []byte(tt.in)}
		err := s.skip()
		if (err != nil) != tt.err {
			t.Errorf("skip(%s): err = %v, want err=%v", tt.in, err, tt.err)
			continue
		}
		if err == nil && string(s.data[s.pos:]) != tt.rest {
			t.Errorf("skip(%s) left %q, want %q", tt.in, s.data[s.pos:], tt.rest)
		}
	}
	s := &scanner{data: []byte(`[1,`)}
	if err := s.skip(); !errors.Is(err, errEOF) {
		t.Errorf("truncated array: err = %v, want errEOF", err)
	}
}

func TestLineNumber(t *testing.T) {
	tests := []struct {
		in   string
		want uint32
		ok   bool
	}{
		{"0", 0, true}, {"17", 17, true}, {"123456789", 123456789, true},
		{"", 0, false}, {"-1", 0, false}, {"1a", 0, false}, {"1234567890", 0, false},
	}
	for _, tt := range tests {
		got, ok := lineNumber([]byte(tt.in))
		if got != tt.want || ok != tt.ok {
			t.Errorf("lineNumber(%q) = %d, %v; want %d, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}
