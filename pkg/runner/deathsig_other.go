//go:build !linux

package runner

import "syscall"

// dieWithParent does nothing where the kernel has no parent-death signal
// (macOS, the BSDs): if impacted is killed with SIGKILL there, uv and
// pytest run on until they end, and a pty child gets SIGHUP when the
// pseudo-terminal's last holder is gone.
func dieWithParent(*syscall.SysProcAttr) {}
