// Command impacted runs only the pytest tests a change can break, from a
// per-test coverage map, and the whole suite whenever it cannot prove that
// safe.
package main

import (
	"os"
	"runtime/debug"
	"runtime/pprof"

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
	if f := os.Getenv("IMPACTED_CPUPROFILE"); f != "" {
		stop := startProfile(f) // for developers: go tool pprof impacted FILE
		code := Main(os.Args, iostreams.System(), os.Environ())
		stop()
		os.Exit(code)
	}
	os.Exit(Main(os.Args, iostreams.System(), os.Environ()))
}

// startProfile writes a CPU profile of this run to path.
func startProfile(path string) (stop func()) {
	f, err := os.Create(path)
	if err != nil {
		return func() {}
	}
	if pprof.StartCPUProfile(f) != nil {
		f.Close()
		return func() {}
	}
	return func() { pprof.StopCPUProfile(); f.Close() }
}
