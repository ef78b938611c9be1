// Command impacted runs only the pytest tests a change can break, from a
// per-test coverage map, and the whole suite whenever it cannot prove that
// safe.
package main

import (
	"os"
	"runtime/debug"

	"github.com/impacted/impacted/pkg/iostreams"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// A selection is a short-lived burst of small allocations on every
		// run's critical path: collecting garbage before exit wastes ~15%
		// of it. The soft memory limit still bounds a large map's load.
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(512 << 20)
	}
	os.Exit(Main(os.Args, iostreams.System(), os.Environ()))
}
