package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memoModule is a descriptor every test imports (through shop/__init__.py):
// pytest's fixture scan of a test class reads each class attribute, so its
// class-level branch runs while pytest collects the one test module that
// uses it, and in no test. keep runs at that module's import and in a
// conftest hook, which acts on every test.
const memoModule = `"""Method memos."""


class memo:
    def __init__(self, f):
        self.f = f

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        return self.f.__get__(obj, owner)


def keep(nodeid):
    return bool(nodeid)
`

const memoTests = `from shop.memo import keep, memo

KEPT = keep("tests/test_memo.py")


class TestMemo:
    @memo
    def three(self):
        return 3

    def test_three(self):
        assert self.three() == 3 and KEPT
`

const memoHook = `

def pytest_collection_modifyitems(items):
    from shop.memo import keep

    items[:] = [item for item in items if keep(item.nodeid)]
`

// TestCollectionContexts: impacted's sysmon collector records which test
// file pytest was collecting when a line ran outside any module's top
// level, and marks lines run by pytest's session start (conftest hooks)
// as reaching every test. A descriptor's class-level branch then selects
// the one test module whose collection runs it, where the map without
// that fact falls back on every importer of the package; a helper that a
// conftest hook also runs still reaches the whole suite, though one test
// module's import ran it too.
func TestCollectionContexts(t *testing.T) {
	dir := newProject(t, "shop")
	for name, text := range map[string]string{"src/shop/memo.py": memoModule, "tests/test_memo.py": memoTests} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	editFile(t, dir, "src/shop/__init__.py", "from shop.cart import Cart, LineItem\n", "from shop.cart import Cart, LineItem\nfrom shop.memo import memo\n")
	conftest := filepath.Join(dir, "tests", "conftest.py")
	if err := os.WriteFile(conftest, append(mustReadFile(t, conftest), memoHook...), 0o644); err != nil {
		t.Fatal(err)
	}
	git(t, dir, "add", "-A")
	git(t, dir, "commit", "-qm", "memo descriptors")
	mustRun(t, dir, []string{"UV_PYTHON=/root/.pyenv/versions/3.12.1/bin/python3"}, "uv", "sync", "-q", "--frozen")
	buildMap(t, dir, nil)
	if c := provenanceOf(t, dir).Collector; c != collectorSysmon {
		t.Fatalf("built with %q, want the sysmon collector", c)
	}
	all := readMapDoc(t, filepath.Join(dir, defaultMap)).tests()

	t.Run("a descriptor read while collecting", func(t *testing.T) {
		resetTree(t, dir)
		editFile(t, dir, "src/shop/memo.py", "            return self\n", "            return self.f\n")
		sel := mustSelect(t, dir, nil, "--verbose")
		got := sel.runs(all)
		if len(got) == 0 || !got["tests/test_memo.py::TestMemo::test_three"] {
			t.Fatalf("selects %v, want tests/test_memo.py's test:\n%s", sel.args, sel.stderr)
		}
		for id := range got {
			if !strings.HasPrefix(id, "tests/test_memo.py::") {
				t.Errorf("selects %s: only collecting tests/test_memo.py ran the change\n%s", id, sel.stderr)
			}
		}
	})
	t.Run("a helper a conftest hook runs", func(t *testing.T) {
		resetTree(t, dir)
		editFile(t, dir, "src/shop/memo.py", "    return bool(nodeid)\n", "    return \"cart\" not in nodeid\n")
		sel := selectIn(t, dir, nil, "--verbose", "--threshold", "1")
		if sel.code != 0 {
			t.Fatalf("select: exit %d\n%s", sel.code, sel.stderr)
		}
		if got := sel.runs(all); !got["tests/test_cart.py::test_receipt"] {
			t.Errorf("selects %d tests without tests/test_cart.py::test_receipt, which the changed hook deselects:\n%s", len(got), sel.stderr)
		}
	})
}
