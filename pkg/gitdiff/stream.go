package gitdiff

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"
)

// maxStderr bounds how much of git's stderr we keep for error messages.
const maxStderr = 64 << 10

// stream runs git in Root and hands its stdout to consume as it is produced,
// so a huge diff never sits in memory. feed, when non-nil, writes git's stdin
// concurrently (cat-file --batch needs both ends open at once). If consume
// fails, git is killed rather than left blocked on a full pipe.
func (r *Repo) stream(ctx context.Context, args []string, feed func(io.Writer) error,
	consume func(*bufio.Reader) error) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := r.command(ctx, args...)
	stderr := &capped{max: maxStderr}
	cmd.Stderr = stderr
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return fmt.Errorf("git %s: %w", args[0], err)
	}
	var stdin io.WriteCloser
	if feed != nil {
		if stdin, err = cmd.StdinPipe(); err != nil {
			return fmt.Errorf("git %s: %w", args[0], err)
		}
	}
	if err := cmd.Start(); err != nil {
		return startError(args, err)
	}
	fed := make(chan error, 1)
	if feed != nil {
		go func() {
			err := feed(stdin)
			if cerr := stdin.Close(); err == nil {
				err = cerr
			}
			fed <- err
		}()
	} else {
		fed <- nil
	}
	cerr := consume(bufio.NewReaderSize(stdout, 64<<10))
	if cerr != nil {
		cancel()
	}
	_, _ = io.Copy(io.Discard, stdout)
	werr := cmd.Wait()
	ferr := <-fed
	return firstError(parent, args, stderr, cerr, werr, ferr)
}

// firstError picks the error that explains the failure best: git's own exit
// status (with its stderr) first, since a parse error is usually its echo.
func firstError(ctx context.Context, args []string, stderr *capped, cerr, werr, ferr error) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("git %s: %w", args[0], err)
	}
	if werr != nil {
		gerr := &GitError{Args: args, Stderr: stderr.String(), Err: werr}
		// A kill after a parse error is ours; a normal non-zero exit is git's.
		if cerr == nil || gerr.exitCode() >= 0 {
			return gerr
		}
	}
	if cerr != nil {
		return fmt.Errorf("read git %s output: %w", args[0], cerr)
	}
	if ferr != nil {
		return fmt.Errorf("write git %s input: %w", args[0], ferr)
	}
	return nil
}

// startError names the missing git binary so the user knows what to install.
func startError(args []string, err error) error {
	if errors.Is(err, exec.ErrNotFound) {
		return fmt.Errorf("run git %s: %w: %w", args[0], ErrGitMissing, err)
	}
	return fmt.Errorf("run git %s: %w", args[0], err)
}

// capped is a writer that keeps only the first max bytes.
type capped struct {
	buf bytes.Buffer
	max int
}

func (c *capped) Write(p []byte) (int, error) {
	if room := c.max - c.buf.Len(); room > 0 {
		c.buf.Write(p[:min(room, len(p))])
	}
	return len(p), nil
}

func (c *capped) String() string { return c.buf.String() }
