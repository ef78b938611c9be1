package pysrc

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// python312 finds an interpreter whose tokenize module follows PEP 701, the
// reference the tokenizer is checked against.
func python312(t *testing.T) string {
	t.Helper()
	candidates := []string{os.Getenv("PYSRC_PYTHON"), "python3.13", "python3.12", "python3",
		"/root/.pyenv/versions/3.13.0/bin/python3", "/root/.pyenv/versions/3.12.1/bin/python3"}
	for _, c := range candidates {
		if c == "" {
			continue
		}
		out, err := exec.Command(c, "-c", "import sys; print(sys.version_info >= (3, 12))").Output()
		if err == nil && strings.TrimSpace(string(out)) == "True" {
			return c
		}
	}
	t.Fatal("no Python >= 3.12 found (set PYSRC_PYTHON); it is the tokenizer's reference")
	return ""
}

type pyToken struct {
	Type string
	Text string
	Line int
}

func (p *pyToken) UnmarshalJSON(b []byte) error {
	var raw [3]any
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	p.Type, _ = raw[0].(string)
	p.Text, _ = raw[1].(string)
	line, _ := raw[2].(float64)
	p.Line = int(line)
	return nil
}

// cpythonTokens runs testdata/pytokens.py over the files.
func cpythonTokens(t *testing.T, py string, files []string) map[string]*[]pyToken {
	t.Helper()
	cmd := exec.Command(py, filepath.Join("testdata", "pytokens.py"))
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n"))
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pytokens.py: %v\n%s", err, stderr.String())
	}
	res := map[string]*[]pyToken{}
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("decode pytokens.py output: %v", err)
	}
	return res
}

// stdlibCorpus picks real-world files: a quarter of the standard library's
// top-level modules plus the test suites of f-strings, grammar and tokenize.
// PYSRC_CORPUS=all widens it to every module one level deep.
func stdlibCorpus(t *testing.T, py string) []string {
	t.Helper()
	out, err := exec.Command(py, "-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
	if err != nil {
		t.Fatalf("locate stdlib: %v", err)
	}
	dir := strings.TrimSpace(string(out))
	all, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil || len(all) < 50 {
		t.Fatalf("stdlib in %s has %d modules: %v", dir, len(all), err)
	}
	sort.Strings(all)
	step := 4
	if os.Getenv("PYSRC_CORPUS") == "all" { // the whole stdlib, tests included
		more, _ := filepath.Glob(filepath.Join(dir, "*", "*.py"))
		all, step = append(all, more...), 1
	}
	var files []string
	for i := 0; i < len(all); i += step {
		files = append(files, all[i])
	}
	for _, f := range []string{"test_fstring.py", "test_grammar.py", "test_tokenize.py", "test_string_literals.py"} {
		files = append(files, filepath.Join(dir, "test", f))
	}
	return files
}

func TestTokenizeMatchesCPython(t *testing.T) {
	py := python312(t)
	files := stdlibCorpus(t, py)
	want := cpythonTokens(t, py, files)
	compared := 0
	for _, f := range files {
		ref := want[f]
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if ref == nil { // some test files are invalid on purpose
			if _, err := Tokenize(src); err == nil {
				t.Logf("%s: CPython rejects it, pysrc accepts it", f)
			}
			continue
		}
		got, err := Tokenize(src)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		compareTokens(t, f, got, *ref)
		compared++
	}
	t.Logf("%d files identical to CPython", compared)
	if compared < 40 {
		t.Fatalf("compared only %d files", compared)
	}
}

func compareTokens(t *testing.T, file string, got []Token, want []pyToken) {
	t.Helper()
	for i := 0; i < len(got) && i < len(want); i++ {
		g, w := got[i], want[i]
		textMatters := g.significant() || g.Type == Comment
		if g.Type.String() != w.Type || g.Line != w.Line || textMatters && g.Text != w.Text {
			t.Errorf("%s: token %d: got %s %q line %d, CPython %s %q line %d",
				file, i, g.Type, g.Text, g.Line, w.Type, w.Text, w.Line)
			return
		}
	}
	if len(got) != len(want) {
		t.Errorf("%s: %d tokens, CPython %d", file, len(got), len(want))
	}
}
