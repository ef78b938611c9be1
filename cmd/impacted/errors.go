package main

import (
	"errors"
	"fmt"

	"github.com/impacted/impacted/pkg/exitcode"
)

// exitError carries the exit code a failure ends the process with.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// fail wraps err with an exit code from pkg/exitcode.
func fail(code int, format string, args ...any) error {
	return &exitError{code: code, err: fmt.Errorf(format, args...)}
}

// exitStatus is a result that is not a failure but still ends the process
// with a code: pytest's, or select's "run everything".
type exitStatus int

func (e exitStatus) Error() string { return fmt.Sprintf("exit status %d", int(e)) }

// codeOf maps an error returned by a command to the process's exit code.
func codeOf(err error) int {
	var st exitStatus
	var ee *exitError
	switch {
	case err == nil:
		return exitcode.OK
	case errors.As(err, &st):
		return int(st)
	case errors.As(err, &ee):
		return ee.code
	default:
		return exitcode.Usage // urfave/cli's own errors are about flags and arguments
	}
}
