package runner

import "golang.org/x/sys/unix"

// The termios ioctl requests differ between Linux and the BSDs.
const (
	ioctlGetTermios = unix.TCGETS
	ioctlSetTermios = unix.TCSETS
)
