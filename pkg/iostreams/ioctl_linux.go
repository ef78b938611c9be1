package iostreams

import "golang.org/x/sys/unix"

// ioctlGetTermios reads a terminal's settings; the request differs between
// Linux and the BSDs (macOS).
const ioctlGetTermios = unix.TCGETS
