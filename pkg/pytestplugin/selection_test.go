package pytestplugin

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

type nodeBaseCase struct{ nodeid, base string }

// nodeBaseCases is shared with the Python parity test in filter_e2e_test.go.
func nodeBaseCases() []nodeBaseCase {
	return []nodeBaseCase{
		{"tests/test_a.py::test_x", "tests/test_a.py::test_x"},
		{"tests/test_a.py::test_x[1-2]", "tests/test_a.py::test_x"},
		{"tests/test_a.py::TestK::test_x[two words [x]]", "tests/test_a.py::TestK::test_x"},
		{"tests/test_a.py::test_x[a::b]", "tests/test_a.py::test_x"},
		{"tests/test_a.py::test_x[a::b[c]]", "tests/test_a.py::test_x"},
		{"tests/test_a.py", "tests/test_a.py"},
		{"tests/test_[odd].py::test_x", "tests/test_[odd].py::test_x"},
		{"tests/test_[odd].py::test_x[1]", "tests/test_[odd].py::test_x"},
		{"", ""},
	}
}

func TestNodeBase(t *testing.T) {
	for _, c := range nodeBaseCases() {
		if got := NodeBase(c.nodeid); got != c.base {
			t.Errorf("NodeBase(%q) = %q, want %q", c.nodeid, got, c.base)
		}
	}
}

func TestWriteSelectionNeverWritesNull(t *testing.T) {
	path := filepath.Join(t.TempDir(), "sub", "selection.json")
	if err := WriteSelection(path, Selection{IDs: []string{"t.py::a[x y]"}}); err != nil {
		t.Fatalf("WriteSelection: %v", err)
	}
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]any
	if err := json.Unmarshal(content, &raw); err != nil {
		t.Fatalf("selection is not JSON: %v", err)
	}
	want := map[string]any{"ids": []any{"t.py::a[x y]"}, "bases": []any{}, "files": []any{}, "known": map[string]any{}}
	if !reflect.DeepEqual(raw, want) {
		t.Errorf("selection = %v, want %v", raw, want)
	}
}

func TestReadMapInfoErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte("{not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{filepath.Join(dir, "absent.json"), bad} {
		if _, err := ReadMapInfo(path); err == nil {
			t.Errorf("ReadMapInfo(%s) succeeded, want an error", path)
		}
	}
}
