package main

import (
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/atomicfile"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
	"github.com/impacted/impacted/pkg/metrics"
	"github.com/impacted/impacted/pkg/plan"
	"github.com/impacted/impacted/pkg/pytestplugin"
	"github.com/impacted/impacted/pkg/selector"
	"github.com/impacted/impacted/pkg/shard"
)

func shardFlag() cli.Flag {
	return &cli.StringFlag{Name: "shard", Usage: "run only shard `K/N` (K counted from 1) of the tests, balanced by the durations the map recorded; for CI matrices", EnvVars: []string{"IMPACTED_SHARD"}}
}

// shardSpec reads --shard; nil when it is not given.
func shardSpec(c *cli.Context) (*shard.Spec, error) {
	if c.String("shard") == "" {
		return nil, nil
	}
	s, err := shard.Parse(c.String("shard"))
	if err != nil {
		return nil, fail(exitcode.Usage, "%v", err)
	}
	return &s, nil
}

// sharding is one shard's part of what a run would run.
type sharding struct {
	spec  shard.Spec
	split shard.Split
}

// mine and others are the known tests of this shard and of the rest.
func (s *sharding) mine() []string { return s.split.Shards[s.spec.Index()] }

func (s *sharding) others() []string {
	var out []string
	for k, ids := range s.split.Shards {
		if k != s.spec.Index() {
			out = append(out, ids...)
		}
	}
	return out
}

// planShard splits the tests the selection runs (all the map's tests when
// the whole suite runs), each timed by the map's record. Tests the map
// does not know are left to the hash rule of the filter plugin.
func planShard(spec shard.Spec, m *covmap.Map, sel *selector.Selection, full bool) *sharding {
	return &sharding{spec: spec, split: shard.Balance(timed(m, knownTests(m, sel, full)), spec.N)}
}

// knownTests are the map's tests that a selection runs: its exact ids, and
// the map's tests of its bases and whole files.
func knownTests(m *covmap.Map, sel *selector.Selection, full bool) []string {
	if m == nil {
		return nil
	}
	if full {
		return m.Tests()
	}
	bases, files := stringSet(sel.Bases), stringSet(sel.Files)
	out := append([]string{}, sel.IDs...)
	for _, id := range m.Tests() {
		file, _, _ := strings.Cut(id, "::")
		if files[file] || bases[pytestplugin.NodeBase(id)] {
			out = append(out, id)
		}
	}
	return out
}

func timed(m *covmap.Map, ids []string) []shard.Test {
	var recs map[string]covmap.TestRecord
	if m != nil {
		if prov := m.Provenance(); prov != nil {
			recs = prov.Tests
		}
	}
	out := make([]shard.Test, len(ids))
	for i, id := range ids {
		r, ok := recs[id]
		out[i] = shard.Test{ID: id, DurationS: r.DurationS, Timed: ok}
	}
	return out
}

func stringSet(vals []string) map[string]bool {
	out := make(map[string]bool, len(vals))
	for _, v := range vals {
		out[v] = true
	}
	return out
}

// applyShard makes the plan run only this shard: the filter plugin gets
// the shard's split, and on a whole-suite run it keeps every collected
// test, so pytest collects everything and the plugin keeps this shard's.
// The selection goes where writeSelection puts it: the run's scratch, or
// a dry run's content-named file.
func applyShard(proj *project, po *plan.Options, sel *selector.Selection, sh *sharding, scratch *runScratch) error {
	if po.PluginDir == "" {
		dir, err := pytestplugin.Install(proj.pluginDir())
		if err != nil {
			return fail(exitcode.CantCreate, "install the pytest filter plugin: %w", err)
		}
		po.PluginDir = dir
	}
	doc := pytestplugin.Selection{IDs: sel.IDs, Bases: sel.Bases, Files: sel.Files, Known: sel.Known, All: po.Full,
		Shard: &pytestplugin.Shard{Index: sh.spec.Index(), Count: sh.spec.N, Mine: sh.mine(), Others: sh.others()}}
	if po.Full {
		doc.IDs, doc.Bases, doc.Files, doc.Known = nil, nil, nil, nil
	}
	content, err := pytestplugin.EncodeSelection(doc)
	if err != nil {
		return fail(exitcode.Software, "%w", err)
	}
	if scratch != nil {
		po.SelectionFile = scratch.path("selection.json")
	} else {
		po.SelectionFile = dryRunSelection(proj, content)
	}
	po.Filter = true
	if err := atomicfile.Write(po.SelectionFile, content); err != nil {
		return fail(exitcode.CantCreate, "%w", err)
	}
	return nil
}

// describe is the shard's line for --dry-run and --verbose.
func (s *sharding) describe() string {
	times := make([]string, len(s.split.Expected))
	for i, e := range s.split.Expected {
		times[i] = fmt.Sprintf("%.2fs", e)
	}
	untimed := ""
	if s.split.Untimed > 0 {
		untimed = fmt.Sprintf("; %d without a recorded duration counted at the median %.3fs", s.split.Untimed, s.split.Median)
	}
	return fmt.Sprintf("shard %s: %d known tests, expected %.2fs; shards %s, slowest %.3fx the mean %.2fs%s; tests the map does not know run in the shard their node id hashes to",
		s.spec, len(s.mine()), s.split.Expected[s.spec.Index()], strings.Join(times, " "), s.split.Ratio(), s.split.Mean(), untimed)
}

// record puts the shard into the metrics.
func (s *sharding) record(m *metrics.Metrics) {
	m.Shard = &metrics.Shard{Spec: s.spec.String(), Tests: len(s.mine()), ExpectedS: s.split.Expected[s.spec.Index()], Balance: s.split.Ratio()}
}

// selectShard is what `select --shard` prints: the known tests of the
// shard, as node ids. Tests the map does not know are not listed; `run
// --shard` runs them in the shard their id hashes to.
func selectShard(c *cli.Context, g *globals, spec shard.Spec, out *outcome, m *metrics.Metrics) []string {
	sh := planShard(spec, out.m, &out.sel, out.sel.Fallback != "")
	sh.record(m)
	if c.Bool("verbose") {
		fmt.Fprintf(g.io.ErrOut, "impacted: %s\n", sh.describe())
	}
	return sh.mine()
}
