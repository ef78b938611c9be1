package pytestplugin

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
)

// Digest names this binary's plugins by their content: installing into a
// directory named by it keeps two versions of impacted on one machine (a
// CI runner, a developer's checkouts) from replacing each other's plugins
// while the other's pytest imports them.
func Digest() string {
	h := sha256.New()
	entries, _ := fs.ReadDir(sources, ".")
	for _, e := range entries {
		content, _ := sources.ReadFile(e.Name())
		h.Write([]byte(e.Name() + "\x00"))
		h.Write(content)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
