package main

import (
	"runtime/debug"
	"testing"
)

// TestVersionOf: a stamped version wins; then the module version the Go
// toolchain recorded; then the commit; "dev" only when nothing is known.
func TestVersionOf(t *testing.T) {
	vcs := func(rev, modified string) []debug.BuildSetting {
		return []debug.BuildSetting{{Key: "vcs", Value: "git"}, {Key: "vcs.revision", Value: rev}, {Key: "vcs.modified", Value: modified}}
	}
	rev := "9717485b104d965fc6c14ddb90881a4e1eafda3c"
	tests := []struct {
		name, stamped string
		bi            *debug.BuildInfo
		want          string
	}{
		{"stamped by scripts/wheel", "0.3.0", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-x"}}, "0.3.0"},
		{"go install from a clone", "", &debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261201102356-9717485b104d"}, Settings: vcs(rev, "false")}, "v0.0.0-20261201102356-9717485b104d"},
		{"devel with a commit", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "false")}, "dev+9717485b104d"},
		{"devel, modified tree", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}, Settings: vcs(rev, "true")}, "dev+9717485b104d.dirty"},
		{"no vcs (-buildvcs=false)", "", &debug.BuildInfo{Main: debug.Module{Version: "(devel)"}}, "dev"},
		{"no build info", "", nil, "dev"},
	}
	for _, tt := range tests {
		if got := versionOf(tt.stamped, tt.bi); got != tt.want {
			t.Errorf("%s: versionOf = %q, want %q", tt.name, got, tt.want)
		}
	}
}
