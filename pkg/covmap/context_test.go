package covmap

import "testing"

func TestSplitContext(t *testing.T) {
	tests := []struct {
		ctx, node string
		phase     Phase
	}{
		{"", "", PhaseImport},
		{"tests/t.py::test_a|run", "tests/t.py::test_a", PhaseRun},
		{"tests/t.py::test_a|setup", "tests/t.py::test_a", PhaseSetup},
		{"tests/t.py::test_a|teardown", "tests/t.py::test_a", PhaseTeardown},
		{"tests/t.py::test_x[a|b]|run", "tests/t.py::test_x[a|b]", PhaseRun},
		{"tests/t.py::test_x[a|run]|setup", "tests/t.py::test_x[a|run]", PhaseSetup},
		{"tests/t.py::test_x[a|b]", "tests/t.py::test_x[a|b]", PhaseRun},
		{"tests.t.test_a", "tests.t.test_a", PhaseRun},
		{"tests/t.py::test_a|call", "tests/t.py::test_a|call", PhaseRun},
		{"tests/t.py::test_é|run", "tests/t.py::test_é", PhaseRun},
	}
	for _, tt := range tests {
		node, phase := SplitContext(tt.ctx)
		if node != tt.node || phase != tt.phase {
			t.Errorf("SplitContext(%q) = %q, %v; want %q, %v", tt.ctx, node, phase, tt.node, tt.phase)
		}
		if tt.ctx != "" && tt.ctx == tt.node+"|"+phaseName(tt.phase) {
			if got := joinContext(node, phase); got != tt.ctx {
				t.Errorf("joinContext(%q, %v) = %q, want %q", node, phase, got, tt.ctx)
			}
		}
	}
}

func phaseName(p Phase) string { return p.String() }

func TestPhaseString(t *testing.T) {
	tests := []struct {
		p    Phase
		want string
	}{
		{0, "none"},
		{PhaseImport, "import"},
		{PhaseSetup | PhaseRun, "setup|run"},
		{PhaseImport | PhaseTeardown, "import|teardown"},
	}
	for _, tt := range tests {
		if got := tt.p.String(); got != tt.want {
			t.Errorf("Phase(%d).String() = %q, want %q", tt.p, got, tt.want)
		}
	}
}
