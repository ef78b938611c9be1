package runner

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"

	"github.com/sourcegraph/conc"
)

// runDirect runs cmd in its own process group with the caller's files. The
// group is what lets the supervisor end everything the child started (uv's
// python, pytest-xdist workers) when it is done or killed; the caller's own
// Ctrl-C no longer reaches them directly, which is why the CLI forwards the
// signals it receives to the child.
func runDirect(ctx context.Context, cmd *exec.Cmd, opts Options) (Result, error) {
	if opts.Stdin != nil {
		cmd.Stdin = opts.Stdin
	}
	cmd.SysProcAttr.Setpgid = true
	streams, writeEnds, err := attachOutputs(cmd, opts.Stdout, opts.Stderr)
	defer closeAll(streams)
	if err != nil {
		closeFiles(writeEnds)
		return Result{}, err
	}
	err = cmd.Start()
	closeFiles(writeEnds) // the child has its copies; ours would hide EOF
	if err != nil {
		return Result{}, fmt.Errorf("start %s: %w", cmd.Args[0], err)
	}
	return superviseWith(ctx, cmd, opts, func(wg *conc.WaitGroup) (*output, func()) {
		return startOutput(wg, streams...), func() {}
	})
}

// attachOutputs gives the child *os.File writers as they are and a pipe for
// any other writer (copied by us). One writer used for both stdout and
// stderr gets one pipe, so its writes are never concurrent.
func attachOutputs(cmd *exec.Cmd, stdout, stderr io.Writer) ([]stream, []*os.File, error) {
	var streams []stream
	var writeEnds []*os.File
	attach := func(w io.Writer) (io.Writer, error) {
		if w == nil {
			return nil, nil // exec opens /dev/null
		}
		if f, ok := w.(*os.File); ok {
			if f == nil {
				return nil, nil
			}
			return f, nil
		}
		r, pw, err := os.Pipe()
		if err != nil {
			return nil, fmt.Errorf("create output pipe for %s: %w", cmd.Args[0], err)
		}
		streams = append(streams, stream{src: r, dst: w})
		writeEnds = append(writeEnds, pw)
		return pw, nil
	}
	var err error
	if cmd.Stdout, err = attach(stdout); err != nil {
		return streams, writeEnds, err
	}
	if sameWriter(stdout, stderr) {
		cmd.Stderr = cmd.Stdout
		return streams, writeEnds, nil
	}
	cmd.Stderr, err = attach(stderr)
	return streams, writeEnds, err
}

// sameWriter compares like os/exec does; comparing interfaces holding
// uncomparable values panics, which here just means "not the same".
func sameWriter(a, b io.Writer) (same bool) {
	defer func() { _ = recover() }()
	return a != nil && a == b
}

func closeAll(streams []stream) {
	for _, s := range streams {
		_ = s.src.Close()
	}
}

func closeFiles(files []*os.File) {
	for _, f := range files {
		_ = f.Close()
	}
}
