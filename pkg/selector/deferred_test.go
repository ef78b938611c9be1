package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectDeferredLambdaBody: a parametrize decorator holding a lambda
// over several lines (jinja's tests/test_async_filters.py) runs the
// lambda's body in the test, after pytest imported the file at collection.
// That is no lazy import of the file: a change to another decorator of it
// selects the file, not the whole suite (lazy-import-unnamed).
func TestSelectDeferredLambdaBody(t *testing.T) {
	const test = "import pytest\n\n\n@pytest.mark.parametrize(\n    \"items\",\n    [lambda: [\n        1,\n        2,\n    ]],\n)\ndef test_sum(items):\n    assert sum(items()) == 3\n\n\n@pytest.mark.parametrize(\"n\", [1, 2])\ndef test_n(n):\n    assert n\n"
	imp := ""
	sum, n1, n2 := "tests/test_a.py::test_sum[<lambda>]|run", "tests/test_a.py::test_n[1]|run", "tests/test_a.py::test_n[2]|run"
	cov := coverage{"tests/test_a.py": {1: {imp}, 4: {imp}, 6: {imp, sum}, 7: {sum}, 8: {sum}, 11: {imp}, 12: {sum},
		15: {imp}, 16: {imp}, 17: {n1, n2}}}
	edit := func(c map[string]string) { c["tests/test_a.py"] = strings.Replace(test, "[1, 2]", "[1, 2, 3]", 1) }
	sel := selectOn(t, map[string]string{"tests/test_a.py": test}, cov, edit, []gitdiff.Change{modified("tests/test_a.py")}, nil, nil)
	wantArgs(t, sel, []string{"tests/test_a.py"})
}
