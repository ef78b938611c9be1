package selector

import (
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/covmap"

	"github.com/impacted/impacted/pkg/gitdiff"
)

// TestSelectLazyAnnotationValue: flask reads `param.annotation` of the
// callbacks it is handed, and under `from __future__ import annotations`
// that is the annotation's string. A class whose binding changed (a method
// removed from App) leaves the string "App" in config.get's signature as
// it was: only an evaluator (get_type_hints, or eval beside the reader)
// sees the new value; an eval of something else (run) is none.
func TestSelectLazyAnnotationValue(t *testing.T) {
	const app = "from __future__ import annotations\n\n\nclass App:\n    def run(self):\n        return 1\n\n    def stop(self):\n        return 2\n"
	for _, tt := range []struct {
		name, reader string
		want         []string
	}{
		{"a reader of stored strings: not the annotated function", "p.annotation == \"App\"", []string{"tests/test_app.py::test_run"}},
		{"an evaluator: its users too", "typing.get_type_hints(f)", []string{"tests/test_app.py::test_run", "tests/test_config.py::test_get"}},
		{"eval beside a reader of stored strings: its users too", "eval(p.annotation) is App", []string{"tests/test_app.py::test_run", "tests/test_config.py::test_get"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			old := map[string]string{
				"src/m/__init__.py":    "",
				"src/m/app.py":         app,
				"src/m/config.py":      "from __future__ import annotations\n\nfrom m.app import App\n\n\ndef get(obj: App) -> int:\n    return 3\n",
				"src/m/ctx.py":         "import inspect\nimport typing\n\n\ndef wants(f):\n    return [p for p in inspect.signature(f).parameters.values() if " + tt.reader + "]\n",
				"src/m/shell.py":       "def run(src):\n    return eval(src)\n",
				"tests/test_app.py":    "from m.app import App\n\n\ndef test_run():\n    assert App().run() == 1\n",
				"tests/test_config.py": "from m.config import get\n\n\ndef test_get():\n    assert get(None) == 3\n",
			}
			imp, run, get := "", "tests/test_app.py::test_run|run", "tests/test_config.py::test_get|run"
			cov := coverage{
				"src/m/app.py":         {1: {imp}, 4: {imp}, 5: {imp}, 6: {run}, 8: {imp}},
				"src/m/config.py":      {1: {imp}, 3: {imp}, 6: {imp}, 7: {get}},
				"src/m/ctx.py":         {1: {imp}, 2: {imp}, 5: {imp}},
				"src/m/shell.py":       {1: {imp}},
				"tests/test_app.py":    {1: {imp}, 4: {imp}, 5: {run}},
				"tests/test_config.py": {1: {imp}, 4: {imp}, 5: {get}},
			}
			edit := func(c map[string]string) {
				c["src/m/app.py"] = strings.TrimSuffix(app, "\n    def stop(self):\n        return 2\n")
			}
			env := &covmap.Provenance{Schema: 1, Dists: map[string]string{"pytest": "8.3.0"}}
			sel := selectOn(t, old, cov, edit, []gitdiff.Change{modified("src/m/app.py")}, env, nil)
			wantArgs(t, sel, tt.want)
		})
	}
}
