package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/impacted/impacted/pkg/config"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/selector"
)

// selectOptions are the flags `select` and `run` share.
type selectOptions struct {
	Map          string
	Base         string
	Threshold    float64
	ThresholdSet bool
	StrictPaths  bool
	Explain      bool     // fill Selection.Why
	PytestArgs   []string // what run hands pytest beyond the selection
}

// outcome is a selection with what it took to make it.
type outcome struct {
	proj *project
	m    *covmap.Map // nil when no map could be read
	sel  selector.Selection
	// problem made the selector fall back instead of selecting (a missing
	// or unreadable map, an unknown base); select reports it as an error.
	problem error
	ms      float64
	// baseNote says which commit the diff starts from, and why; changes
	// is that diff (for explain and ordering).
	baseNote string
	changes  []gitdiff.Change
}

// computeSelection opens the project, the map and the diff, and selects.
func computeSelection(ctx context.Context, g *globals, o selectOptions) (*outcome, error) {
	start := time.Now()
	proj, err := openProject(ctx, g.project)
	if err != nil {
		return nil, err
	}
	out := &outcome{proj: proj}
	pf := startProjectFiles(ctx, proj) // needed late; overlaps with the map and the diff
	defer func() { out.ms = since(start) }()
	rules := proj.rules
	if o.ThresholdSet {
		rules.Threshold = o.Threshold
	}
	mapName := firstNonEmpty(o.Map, proj.file.Map, defaultMap)
	m, err := proj.loadMap(mapName)
	if err != nil {
		reason := "map-unreadable"
		if errors.Is(err, os.ErrNotExist) || codeOf(err) == exitcode.NoInput {
			reason = "no-map"
		}
		out.problem, out.sel.Fallback = err, reason+":"+mapName
		return out, nil
	}
	out.sel.Total, out.m = len(m.Tests()), m
	baseName := firstNonEmpty(o.Base, proj.file.Base, "origin/main")
	base, reason, err := proj.diffBase(ctx, m, baseName)
	lockReason := reason == "lockfile-changed"
	if lockReason {
		reason = "" // unless the diff shows the lock's change (below)
	}
	if err != nil || reason != "" {
		out.problem, out.sel.Fallback = err, reason
		return out, nil
	}
	out.baseNote = baseNote(m, baseName, base)
	changes, err := proj.repo.Changes(ctx, base)
	if err != nil {
		return nil, fail(exitcode.Unavailable, "git diff %s: %w", base, err)
	}
	changes = ownFilesRemoved(selector.Relativize(changes, proj.prefix), proj.rel(mapName))
	if lockReason && !lockInChanges(changes) {
		out.sel.Fallback = "lockfile-changed" // an untracked or ignored uv.lock: no diff to read
		return out, nil
	}
	src, err := newSource(ctx, proj, base, changes, pf)
	if err != nil {
		return nil, err
	}
	out.changes = changes
	venv := proj.venv() // read once: the drift and the selector's lookups share it
	drift, envRecorded := proj.envDrift(venv, m.Provenance())
	out.sel = selector.Select(selector.Input{
		Changes: changes, Source: src, Map: m, Rules: rules,
		StrictPaths:  o.StrictPaths || (proj.file.StrictPaths != nil && *proj.file.StrictPaths),
		Root:         proj.root,
		Explain:      o.Explain,
		Env:          asEnv(venv),
		EnvDrift:     drift,
		EnvRecorded:  envRecorded,
		CoverageRuns: strings.Contains(os.Getenv("PYTEST_ADDOPTS"), "--cov") || os.Getenv("COVERAGE_PROCESS_START") != "",
		PytestArgs:   append(strings.Fields(os.Getenv("PYTEST_ADDOPTS")), o.PytestArgs...),
	})
	if out.sel.Fallback == "" {
		out.sel.Impacted = existingSelected(proj, &out.sel, m.Tests())
	}
	return out, nil
}

// diffBase chooses the commit to diff from. A map that records its commit
// is diffed from that commit, whatever --base says: line numbers only mean
// something on the side the map was built on. A map that cannot be trusted
// gives a fallback reason.
func (p *project) diffBase(ctx context.Context, m *covmap.Map, base string) (string, string, error) {
	prov := m.Provenance()
	if prov == nil || prov.Commit == "" {
		sha, err := p.repo.Resolve(ctx, base)
		if err != nil && p.hasNoCommits(ctx) {
			return "", "no-commits", errNoCommits()
		}
		if err != nil {
			return "", "base-unknown:" + base, fail(exitcode.Config, "unknown base revision %s: fetch it (git fetch origin main) or pass --base / IMPACTED_BASE", base)
		}
		return sha, "", nil
	}
	if prov.Shard != nil {
		return "", fmt.Sprintf("map-is-one-shard:%d/%d", prov.Shard.K, prov.Shard.N), nil
	}
	switch sha, err := p.repo.Resolve(ctx, prov.Commit); {
	case err != nil:
		return "", "map-commit-unknown:" + short(prov.Commit), nil
	case prov.Dirty:
		return "", "map-built-on-dirty-tree", nil
	case prov.Python != "" && p.pythonVersion() != "" && !sameVersion(prov.Python, p.pythonVersion()):
		return "", "python-changed:" + prov.Python + "->" + p.pythonVersion(), nil
	case prov.UVLockSHA256 != "" && p.lockHash() != prov.UVLockSHA256:
		return sha, "lockfile-changed", nil // the caller reads the lock's diff, when there is one
	default:
		return sha, "", nil
	}
}

func sameVersion(a, b string) bool {
	return strings.Fields(a + " ")[0] == strings.Fields(b + " ")[0]
}

func short(sha string) string {
	if len(sha) > 12 {
		return sha[:12]
	}
	return sha
}

func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v != "" {
			return v
		}
	}
	return ""
}

// ownFilesRemoved drops impacted's own outputs from the change list, for
// projects that do not .gitignore them.
func ownFilesRemoved(changes []gitdiff.Change, mapRel string) []gitdiff.Change {
	own := []string{".cache/impacted/**", ".cache/impacted_nodeids.txt", mapRel, mapRel + ".impacted.json"}
	out := changes[:0:0]
	for _, ch := range changes {
		if config.MatchAny(own, ch.NewPath) != "" || (ch.NewPath == "" && config.MatchAny(own, ch.OldPath) != "") {
			continue
		}
		out = append(out, ch)
	}
	return out
}
