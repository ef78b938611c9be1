package runner

import (
	"os"
	"os/signal"
	"syscall"
	"testing"
)

// TestMain un-ignores the signals these tests forward. A test run started
// in the background by a script (`go test ... &` ignores SIGINT and
// SIGQUIT) or under nohup (SIGHUP) would hand its children those signals
// ignored, since exec keeps an ignored disposition, and the forwarding
// tests would wait out the SIGKILL fallback. A signal Go catches is reset
// to the default in its children. Signals not ignored are left alone, so
// Ctrl-C still stops the tests.
func TestMain(m *testing.M) {
	for _, sig := range []os.Signal{syscall.SIGINT, syscall.SIGQUIT, syscall.SIGHUP, syscall.SIGTERM} {
		if signal.Ignored(sig) {
			signal.Notify(make(chan os.Signal, 1), sig)
		}
	}
	os.Exit(m.Run())
}
