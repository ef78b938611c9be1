package gitdiff

import (
	"bufio"
	"strings"
	"testing"
)

func TestHeaderPath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string
		ok   bool
	}{
		{"a/f.py b/f.py", "f.py", true},
		{"a/x b/y b/x b/y", "x b/y", true},
		{"a/with space b/with space", "with space", true},
		{`"a/new\nline" "b/new\nline"`, "new\nline", true},
		{`"a/\303\274" "b/\303\274"`, "ü", true},
		{"a/old b/new", "", false},
		{"a/x b/xy", "", false},
		{`"a/unterminated`, "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		got, ok := headerPath(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("headerPath(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestSidePath(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in, prefix, want string
		null, ok         bool
	}{
		{"b/f.py", "b/", "f.py", false, true},
		{"b/with space\t", "b/", "with space", false, true},
		{`"b/tab\there"`, "b/", "tab\there", false, true},
		{`"b/q\"\\ \a\b\f\v\r"` + "\t", "b/", "q\"\\ \a\b\f\v\r", false, true},
		{"/dev/null", "a/", "", true, true},
		{"f.py", "b/", "", false, false},
		{`"b/bad\q"`, "b/", "", false, false},
	}
	for _, tc := range tests {
		got, null, ok := sidePath(tc.in, tc.prefix)
		if got != tc.want || null != tc.null || ok != tc.ok {
			t.Errorf("sidePath(%q) = %q, %v, %v; want %q, %v, %v", tc.in, got, null, ok, tc.want, tc.null, tc.ok)
		}
	}
}

func TestParseHunkHeader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Hunk
		wantErr bool
	}{
		{"@@ -2 +2 @@", Hunk{2, 1, 2, 1}, false},
		{"@@ -5,2 +4,0 @@ def f():", Hunk{5, 2, 4, 0}, false},
		{"@@ -0,0 +1,3 @@", Hunk{0, 0, 1, 3}, false},
		{"@@ -8,0 +7,2 @@ @@ tricky context", Hunk{8, 0, 7, 2}, false},
		{"@@ -1 @@", Hunk{}, true},
		{"@@ +1 -1 @@", Hunk{}, true},
		{"@@ -x +1 @@", Hunk{}, true},
		{"@@ -1,-2 +1 @@", Hunk{}, true},
		{"@@ -1 +1", Hunk{}, true},
	}
	for _, tc := range tests {
		got, err := parseHunkHeader(tc.in)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("parseHunkHeader(%q) = %v, %v; want %v, error %v", tc.in, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestParseDiffRejectsMalformed: output git would never print is an error,
// never a silently shorter change list.
func TestParseDiffRejectsMalformed(t *testing.T) {
	t.Parallel()
	const raw = ":100644 100644 aaa bbb M\x00f\x00\x00"
	tests := []struct{ name, in string }{
		{"bad raw record", "garbage\x00f\x00\x00"},
		{"unknown status", ":100644 100644 aaa bbb X\x00f\x00\x00"},
		{"rename without new path", ":100644 100644 aaa bbb R100\x00f"},
		{"truncated field", ":100644 100644 aaa bbb M\x00f"},
		{"hunk outside a file", raw + "@@ -1 +1 @@\n-a\n+b\n"},
		{"hunk cut short", raw + "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1,2 +1 @@\n-a\n"},
		{"too many lines", raw + "diff --git a/f b/f\n--- a/f\n+++ b/f\n@@ -1 +1 @@\n-a\n-b\n+c\n"},
		{"patch for an unlisted path", raw + "diff --git a/g b/g\n--- a/g\n+++ b/g\n@@ -1 +1 @@\n-a\n+b\n"},
		{"bad quoted path", raw + "diff --git a/f b/f\n--- a/f\n+++ \"b/f\n"},
	}
	for _, tc := range tests {
		if got, err := parseDiff(bufio.NewReader(strings.NewReader(tc.in))); err == nil {
			t.Errorf("%s: parseDiff = %+v; want an error", tc.name, got)
		}
	}
}

// TestParseDiffLongLines: a content line far longer than the read buffer
// neither breaks the hunk count nor grows memory past maxLine.
func TestParseDiffLongLines(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 3*maxLine)
	in := ":100644 100644 aaa bbb M\x00f\x00\x00diff --git a/f b/f\n--- a/f\n+++ b/f\n" +
		"@@ -1 +1,2 @@\n-" + long + "\n+" + long + "\n+short\n\\ No newline at end of file\n"
	got, err := parseDiff(bufio.NewReaderSize(strings.NewReader(in), 16))
	if err != nil {
		t.Fatal(err)
	}
	assertChanges(t, got, []Change{mod("f", Hunk{1, 1, 1, 2})})
}

// TestParseDiffCopy: a copy (only with copy detection in the user's config)
// is reported as the addition of the new path, the source untouched.
func TestParseDiffCopy(t *testing.T) {
	t.Parallel()
	in := ":100644 100644 aaa aaa C100\x00a.py\x00b.py\x00\x00" +
		"diff --git a/a.py b/b.py\nsimilarity index 100%\ncopy from a.py\ncopy to b.py\n"
	got, err := parseDiff(bufio.NewReader(strings.NewReader(in)))
	if err != nil {
		t.Fatal(err)
	}
	assertChanges(t, got, []Change{add("b.py")})
}
