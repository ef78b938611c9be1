package pytestplugin

import (
	"bytes"
	"os"
)

// ProgressPath is where MapInfoPlugin appends each finished test's node id
// while the run goes on, next to its final record at infoPath.
func ProgressPath(infoPath string) string { return infoPath + ".progress" }

// TestsFinished counts the tests whose teardown finished before the run
// ended, from the progress file, else (a plugin that kept none) from the
// final record; 0 when neither exists.
func TestsFinished(infoPath string) int {
	data, err := os.ReadFile(ProgressPath(infoPath))
	if err != nil {
		if info, err := ReadMapInfo(infoPath); err == nil {
			return len(info.Tests)
		}
		return 0
	}
	seen := map[string]bool{}
	for _, line := range bytes.Split(data, []byte("\n")) {
		if len(line) > 0 {
			seen[string(line)] = true
		}
	}
	return len(seen)
}
