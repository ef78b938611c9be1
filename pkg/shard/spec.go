// Package shard splits a set of tests into N shards of about equal expected
// time, the same way on every CI runner, so that N machines together run
// each test exactly once.
//
// Tests with a recorded duration are placed longest first on the shard with
// the least expected time so far (LPT); ties break on the node id and then
// on the shard number, so the split depends only on its input. Tests that
// the split does not know (a new test file, a new parametrization) are
// placed by a hash of their node id, which every runner, and the pytest
// filter plugin, computes alike.
package shard

import (
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"strconv"
	"strings"
)

// MaxShards bounds N: more shards than that is a typo, not a CI matrix.
const MaxShards = 1000

// Spec is "shard K of N", K counted from 1 as CI matrices do.
type Spec struct{ K, N int }

// Parse reads "K/N" with 1 <= K <= N.
func Parse(s string) (Spec, error) {
	ks, ns, ok := strings.Cut(strings.TrimSpace(s), "/")
	k, kerr := strconv.Atoi(ks)
	n, nerr := strconv.Atoi(ns)
	switch {
	case !ok || kerr != nil || nerr != nil:
		return Spec{}, fmt.Errorf("--shard %q is not K/N (e.g. 2/4: the second of four shards)", s)
	case n < 1 || n > MaxShards:
		return Spec{}, fmt.Errorf("--shard %q: N must be between 1 and %d", s, MaxShards)
	case k < 1 || k > n:
		return Spec{}, fmt.Errorf("--shard %q: K must be between 1 and N (shards are counted from 1)", s)
	}
	return Spec{K: k, N: n}, nil
}

// String is the "K/N" form.
func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.K, s.N) }

// Index is the shard's 0-based index.
func (s Spec) Index() int { return s.K - 1 }

// HashOwner is the 0-based shard of a test the split does not know: the
// first 8 bytes of the SHA-256 of its node id, big-endian, modulo n. The
// filter plugin (impacted_filter.py) computes the same.
func HashOwner(id string, n int) int {
	sum := sha256.Sum256([]byte(id))
	return int(binary.BigEndian.Uint64(sum[:8]) % uint64(n))
}
