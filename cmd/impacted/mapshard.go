package main

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/shard"
)

// shardMapOutput is where `map build --shard K/N` writes by default: never
// over the project's map, which a part must not replace.
func shardMapOutput(spec shard.Spec) string {
	return fmt.Sprintf(".cache/coverage.shard-%d-of-%d.json", spec.K, spec.N)
}

// shardBuild makes a map build run one shard of the whole suite. The split
// is balanced by the durations of the project's current map (last night's,
// restored from the CI cache) when it has one; tests it does not know are
// placed by hash. Every runner must start from the same map, so the split
// is named in the part's record and `map merge` refuses parts of different
// splits.
func shardBuild(proj *project, p *plan.Plan, spec shard.Spec, buildDir string) (*covmap.ShardRecord, error) {
	var split shard.Split
	basis, err := proj.loadMap(firstNonEmpty(proj.file.Map, defaultMap))
	if err == nil && (basis.Provenance() == nil || basis.Provenance().Shard == nil) {
		split = shard.Balance(timed(basis, basis.Tests()), spec.N)
	} else {
		split = shard.Balance(nil, spec.N)
	}
	sh := &sharding{spec: spec, split: split}
	file := filepath.Join(buildDir, "shard-selection.json")
	doc := pytestplugin.Selection{All: true, Shard: &pytestplugin.Shard{Index: spec.Index(), Count: spec.N, Mine: sh.mine(), Others: sh.others()}}
	if err := pytestplugin.WriteSelection(file, doc); err != nil {
		return nil, fail(exitcode.CantCreate, "%w", err)
	}
	i := slices.Index(p.Argv, "pytest")
	p.Argv = slices.Insert(p.Argv, i+1, "-p", pytestplugin.FilterPlugin)
	p.Env = append(p.Env, pytestplugin.SelectionEnv+"="+file)
	return &covmap.ShardRecord{K: spec.K, N: spec.N, Split: splitName(split)}, nil
}

// splitName is a hash of every shard's test list: equal names, equal splits.
func splitName(s shard.Split) string {
	if len(slices.Concat(s.Shards...)) == 0 {
		return "hash"
	}
	h := sha256.New()
	for _, ids := range s.Shards {
		h.Write([]byte(strings.Join(ids, "\n") + "\n\x00"))
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// projectRelative rewrites the absolute paths of a map that lie inside the
// project to project-relative ones (coverage.py records absolute paths
// unless relative_files is set), so a map works from any checkout path.
// A map without absolute paths inside the project is returned as it is.
func projectRelative(proj *project, m *covmap.Map) (*covmap.Map, error) {
	roots := []string{proj.root}
	if real, err := filepath.EvalSymlinks(proj.root); err == nil && real != proj.root {
		roots = append(roots, real)
	}
	rename := func(p string) string {
		for _, r := range roots {
			if rel, ok := strings.CutPrefix(filepath.ToSlash(p), filepath.ToSlash(r)+"/"); ok {
				return rel
			}
		}
		return p
	}
	if !slices.ContainsFunc(m.Paths(), func(p string) bool { return rename(p) != p }) {
		return m, nil
	}
	return covmap.Merge([]*covmap.Map{m}, rename)
}
