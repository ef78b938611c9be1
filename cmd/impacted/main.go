// Command impacted runs only the pytest tests a change can break, from a
// per-test coverage map, and the whole suite whenever it cannot prove that
// safe.
package main

import (
	"os"

	"github.com/impacted/impacted/pkg/iostreams"
)

func main() {
	os.Exit(Main(os.Args, iostreams.System(), os.Environ()))
}
