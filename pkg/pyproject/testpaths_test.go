package pyproject

import (
	"slices"
	"testing"
)

func TestTestpaths(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  []string
		ok    bool
	}{
		{"pyproject ini_options", map[string]string{"pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"tests\", \"./docs/\"]\nfilterwarnings = [\"error\"]\n"}, []string{"tests", "docs"}, true},
		{"pytest 9's own table", map[string]string{"pyproject.toml": "[tool.pytest]\ntestpaths = [\"tests\"]\naddopts = [\"-ra\", \"--strict-markers\"]\n"}, []string{"tests"}, true},
		{"no testpaths: the root", map[string]string{"pyproject.toml": "[tool.pytest.ini_options]\naddopts = \"-ra\"\n"}, nil, false},
		{"addopts naming a path", map[string]string{"pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\naddopts = \"--cov src examples\"\n"}, nil, false},
		{"a glob", map[string]string{"pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"*/tests\"]\n"}, nil, false},
		{"pytest.ini wins over pyproject", map[string]string{"pytest.ini": "[pytest]\naddopts = -ra\n", "pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = [\"tests\"]\n"}, nil, false},
		{"pytest.ini continued lines", map[string]string{"pytest.ini": "[pytest]\ntestpaths =\n    tests\n    integration\n"}, []string{"tests", "integration"}, true},
		{"pyproject without a pytest table: tox.ini", map[string]string{"pyproject.toml": "[tool.ruff]\n", "tox.ini": "[tox]\nenvlist = py\n\n[pytest]\ntestpaths = tests\n"}, []string{"tests"}, true},
		{"setup.cfg", map[string]string{"setup.cfg": "[metadata]\nname = x\n\n[tool:pytest]\ntestpaths = t\n"}, []string{"t"}, true},
		{"nothing", map[string]string{}, nil, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := Testpaths(func(p string) ([]byte, bool) { s, found := tt.files[p]; return []byte(s), found })
			if ok != tt.ok || !slices.Equal(got, tt.want) {
				t.Errorf("Testpaths() = %q, %v; want %q, %v", got, ok, tt.want, tt.ok)
			}
		})
	}
	if !Collected([]string{"tests"}, "tests/a/test_x.py") || Collected([]string{"tests"}, "tests2/test_x.py") || Collected([]string{"tests"}, "examples/tutorial/tests/test_x.py") {
		t.Error("Collected: want tests/ and its subdirectories only")
	}
}
