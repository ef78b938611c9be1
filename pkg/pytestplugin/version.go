package pytestplugin

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
)

// SourcesHash is a short digest of the embedded plugins. Callers install
// into a directory named by it, so two impacted builds that embed
// different plugins (an upgrade while a run is going, two checkouts on one
// machine) never replace each other's plugin under a running pytest.
func SourcesHash() string {
	h := sha256.New()
	entries, _ := fs.ReadDir(sources, ".")
	for _, e := range entries {
		b, _ := sources.ReadFile(e.Name())
		h.Write([]byte(e.Name() + "\x00"))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
