package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/exitcode"
)

func newMapMergeCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:      "merge",
		Usage:     "merge the maps of a sharded build (map build --shard K/N) into one map",
		ArgsUsage: "MAP...",
		Description: "Gives the map a single build would have given: the same tests, lines, outcomes and\n" +
			"durations, one commit. Refuses (exit 65) parts built on different commits, Pythons or\n" +
			"uv.lock files, parts of different splits, and a set of shards with one missing.",
		Flags: []cli.Flag{
			&cli.StringFlag{Name: "output", Aliases: []string{"o"}, Usage: "where to write the merged map (default: .cache/coverage.json)", EnvVars: []string{"IMPACTED_MAP"}},
		},
		Action: func(c *cli.Context) error { return runMapMerge(c, g) },
	}
}

func runMapMerge(c *cli.Context, g *globals) error {
	names, output, err := mergeArgs(c.Args().Slice(), c.String("output"))
	if err != nil {
		return err
	}
	if len(names) == 0 {
		return fail(exitcode.Usage, "map merge needs the maps to merge: impacted map merge MAP... [-o OUT]")
	}
	proj, err := openProject(c.Context, g.project)
	if err != nil {
		return err
	}
	var parts []*covmap.Map
	var provs []*covmap.Provenance
	for _, name := range names {
		m, err := proj.loadMap(name)
		if err != nil {
			return err
		}
		prov, err := m.LoadProvenance()
		if err != nil {
			return fail(exitcode.DataErr, "%s: %w", name, err)
		}
		parts, provs = append(parts, m), append(provs, prov)
	}
	prov, err := covmap.MergeProvenance(provs)
	var me *covmap.MergeError
	if errors.As(err, &me) {
		return fail(exitcode.DataErr, "cannot merge %v: %s; %s", names, me.Cause, me.Fix)
	}
	merged, err := covmap.Merge(parts, nil)
	if err != nil {
		return fail(exitcode.DataErr, "merge maps: %w", err)
	}
	if merged, err = projectRelative(proj, merged); err != nil {
		return fail(exitcode.DataErr, "make the map's paths project-relative: %w", err)
	}
	output = proj.abs(firstNonEmpty(output, proj.file.Map, defaultMap))
	if err := covmap.WriteJSON(output, merged, prov); err != nil {
		return fail(exitcode.CantCreate, "write map: %w", err)
	}
	fmt.Fprintf(g.io.Out, "impacted: map: merged %d maps: %d tests, %d files, commit %s -> %s\n",
		len(parts), len(merged.Tests()), len(merged.Paths()), short(prov.Commit), proj.rel(output))
	return nil
}

// mergeArgs lets -o follow the maps (`map merge A B -o OUT`), which
// urfave/cli leaves among the arguments.
func mergeArgs(args []string, output string) ([]string, string, error) {
	var names []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-o" || a == "--output":
			if i+1 >= len(args) {
				return nil, "", fail(exitcode.Usage, "%s needs a file name", a)
			}
			output, i = args[i+1], i+1
		case strings.HasPrefix(a, "--output="):
			output = strings.TrimPrefix(a, "--output=")
		default:
			names = append(names, a)
		}
	}
	return names, output, nil
}
