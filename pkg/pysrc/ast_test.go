package pysrc

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// TestUnitsMatchCPythonAST checks Parse's units (names, nesting and the
// four line numbers) against CPython's own parser on real-world files.
func TestUnitsMatchCPythonAST(t *testing.T) {
	py := python312(t)
	files := stdlibCorpus(t, py)
	cmd := exec.Command(py, filepath.Join("testdata", "pyunits.py"))
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("pyunits.py: %v", err)
	}
	var want map[string]*struct{ Units, Imports, Stmts []string }
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	units, nimports := 0, 0
	var stmts stmtTally
	for _, f := range files {
		if want[f] == nil {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Parse(src)
		if err != nil {
			t.Errorf("%s: %v", f, err)
			continue
		}
		got := []string{}
		for _, u := range m.Units {
			u.Decorators = nil // the AST side has no decorator text
			got = append(got, unitLine(u))
		}
		if !reflect.DeepEqual(got, want[f].Units) {
			t.Errorf("%s: units differ:\n%s", f, firstDiff(got, want[f].Units))
		}
		imports := []string{}
		for _, imp := range m.Imports {
			imports = append(imports, fmt.Sprintf("%s|%s|%d|%d|%s", imp.Module, strings.Join(imp.Names, ","),
				imp.Level, imp.Line, pyBool(imp.InFunction)))
		}
		sort.SliceStable(imports, func(i, j int) bool { return importLine(imports[i]) < importLine(imports[j]) })
		if !reflect.DeepEqual(imports, want[f].Imports) {
			t.Errorf("%s: imports differ:\n%s", f, firstDiff(imports, want[f].Imports))
		}
		units += len(got)
		nimports += len(imports)
		stmts.check(t, f, m, want[f].Stmts)
	}
	t.Logf("%d units and %d imports identical to CPython's ast", units, nimports)
	stmts.report(t)
}

func importLine(s string) int {
	parts := strings.Split(s, "|")
	n, _ := strconv.Atoi(parts[3])
	return n
}

func firstDiff(got, want []string) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = got[i]
		}
		if i < len(want) {
			w = want[i]
		}
		if g != w {
			return "  got  " + g + "\n  want " + w
		}
	}
	return ""
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}
