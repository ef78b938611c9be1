// Package iostreams is the one place that knows where the user's input and
// output are and whether they are terminals; everything else is handed an
// IOStreams, so tests can run any command against buffers.
package iostreams

import (
	"bytes"
	"io"
	"os"

	"golang.org/x/sys/unix"
)

// IOStreams are the process's standard streams.
type IOStreams struct {
	In     *os.File
	Out    io.Writer
	ErrOut io.Writer
	// StdoutFile is Out when Out is a real file (for handing to a child
	// process without copying); nil otherwise.
	StdoutFile *os.File
	StderrFile *os.File
	StdinTTY   bool
	StdoutTTY  bool
}

// System returns the process's real streams.
func System() *IOStreams {
	return &IOStreams{
		In: os.Stdin, Out: os.Stdout, ErrOut: os.Stderr,
		StdoutFile: os.Stdout, StderrFile: os.Stderr,
		StdinTTY: IsTerminal(os.Stdin), StdoutTTY: IsTerminal(os.Stdout),
	}
}

// Test returns streams backed by buffers, with stdin at /dev/null.
func Test() (*IOStreams, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	in, _ := os.Open(os.DevNull)
	return &IOStreams{In: in, Out: out, ErrOut: errOut}, out, errOut
}

// IsTerminal reports whether f is a terminal.
func IsTerminal(f *os.File) bool {
	_, err := unix.IoctlGetTermios(int(f.Fd()), ioctlGetTermios)
	return err == nil
}
