package covmap

import (
	"github.com/impacted/impacted/pkg/atomicfile"

	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"hash/crc32"
	"os"
	"path/filepath"
)

// fingerprintSpan is how much of each end of the map the fingerprint reads:
// enough to notice a rewrite that kept size and mtime, cheap next to a parse.
const fingerprintSpan = 64 << 10

// cacheKey identifies one exact version of a map file.
type cacheKey struct {
	abs         string
	size, mtime int64
	fingerprint uint64
}

// newCacheKey describes the open map f for cache lookups.
func newCacheKey(path string, f *os.File, st os.FileInfo) (*cacheKey, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("resolve coverage map path %s: %w", path, err)
	}
	k := &cacheKey{abs: abs, size: st.Size(), mtime: st.ModTime().UnixNano()}
	span := min(k.size, fingerprintSpan)
	buf := make([]byte, span)
	tab := crc32.MakeTable(crc32.Castagnoli)
	if _, err := f.ReadAt(buf, 0); err != nil {
		return nil, fmt.Errorf("read coverage map %s: %w", path, err)
	}
	head := crc32.Checksum(buf, tab)
	if _, err := f.ReadAt(buf, k.size-span); err != nil {
		return nil, fmt.Errorf("read coverage map %s: %w", path, err)
	}
	k.fingerprint = uint64(head)<<32 | uint64(crc32.Checksum(buf, tab))
	return k, nil
}

// cachePath names the cache file of a map by a hash of its absolute path, so
// one cache directory can serve several maps without collisions.
func cachePath(dir string, k *cacheKey) string {
	sum := sha256.Sum256([]byte(k.abs))
	return filepath.Join(dir, "covmap-"+hex.EncodeToString(sum[:10])+".idx")
}

// readCache returns the cached index for k, or nil when there is none or it
// is stale, truncated or corrupt; such a cache is simply rebuilt.
func readCache(dir string, k *cacheKey) *Map {
	b, err := os.ReadFile(cachePath(dir, k))
	if err != nil {
		return nil
	}
	m, err := decodeCache(b, k)
	if err != nil {
		return nil
	}
	return m
}

// writeCache stores m's index for k, atomically.
func writeCache(dir string, k *cacheKey, m *Map) error {
	b, err := encodeCache(m, k)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create cache directory: %w", err)
	}
	return atomicfile.WriteFunc(cachePath(dir, k), func(f *os.File) error {
		_, err := f.Write(b)
		return err
	})
}
