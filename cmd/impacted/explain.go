package main

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/impacted/impacted/pkg/gitdiff"
)

func newExplainCmd(g *globals) *cli.Command {
	return &cli.Command{
		Name:      "explain",
		Usage:     "say why each test runs for the current change, or why a named test does not",
		ArgsUsage: "[NODEID | FILE[:LINE]]...",
		Description: "Without arguments, every test the selection runs, grouped by the changed file and\n" +
			"lines and the chain of decisions that selected it (the selector's own, as `select -v`\n" +
			"prints them). A NODEID says whether that test runs and why (not). A FILE names the tests\n" +
			"selected because it changed (or, for a test file, its tests); FILE:LINE the tests the map\n" +
			"says ran that line. On a fallback: the rule, the path that forced it, what would avoid it.",
		Flags:  append(selectFlags(), &cli.BoolFlag{Name: "json", Usage: "print JSON"}),
		Action: func(c *cli.Context) error { return runExplain(c, g) },
	}
}

// explainDoc is what explain prints; --json prints it as it is.
type explainDoc struct {
	Base     string         `json:"base,omitempty"`
	Changes  []changedLines `json:"changes"`
	Fallback *fallbackWhy   `json:"fallback,omitempty"`
	Tests    []testWhy      `json:"tests"`
	Impacted int            `json:"impacted_count"`
	Total    int            `json:"total_in_map"`
}

type changedLines struct {
	Path  string `json:"path"`
	Lines string `json:"lines,omitempty"` // old-side ranges, "" for a whole file
}

type fallbackWhy struct {
	Reason string `json:"reason"` // as in the metrics line
	Rule   string `json:"rule"`
	Path   string `json:"path,omitempty"`
	Avoid  string `json:"avoid,omitempty"`
}

// testWhy is one test (or a base or file standing for tests the map has
// not seen) and why it runs or not.
type testWhy struct {
	Test   string   `json:"test"`
	Runs   bool     `json:"runs"`
	Via    string   `json:"via,omitempty"`    // the part of the selection that runs it
	Change string   `json:"change,omitempty"` // the changed path whose rules selected it
	Lines  string   `json:"lines,omitempty"`  // its changed lines
	Chain  []string `json:"chain,omitempty"`  // the decisions, outermost first; the last selected it
	Reason string   `json:"reason,omitempty"` // why it does not run
}

func runExplain(c *cli.Context, g *globals) error {
	o, err := selectOptionsFrom(c)
	if err != nil {
		return err
	}
	o.Explain = true
	out, err := computeSelection(c.Context, g, o)
	if err != nil {
		return err
	}
	doc := explainDoc{Base: out.baseNote, Impacted: out.sel.Impacted, Total: out.sel.Total, Tests: []testWhy{}}
	for _, ch := range out.changes {
		doc.Changes = append(doc.Changes, changedLines{Path: ch.Path(), Lines: hunkLines(ch)})
	}
	if r := out.sel.Fallback; r != "" {
		kind, path, _ := strings.Cut(r, ":")
		doc.Fallback = &fallbackWhy{Reason: r, Rule: kind, Path: path, Avoid: fallbackHint(r)}
		if out.problem != nil {
			doc.Fallback.Rule += " (" + out.problem.Error() + ")"
		}
	} else {
		ex := newExplainer(out)
		doc.Tests = ex.named(c.Args().Slice())
	}
	if c.Bool("json") {
		data, _ := json.MarshalIndent(doc, "", "  ")
		fmt.Fprintln(g.io.Out, string(data))
		return nil
	}
	doc.text(g)
	return nil
}

func hunkLines(ch gitdiff.Change) string {
	var parts []string
	for _, h := range ch.Hunks {
		switch {
		case h.OldCount == 0:
			parts = append(parts, "after "+strconv.Itoa(h.OldStart))
		case h.OldCount == 1:
			parts = append(parts, strconv.Itoa(h.OldStart))
		default:
			parts = append(parts, fmt.Sprintf("%d-%d", h.OldStart, h.OldStart+h.OldCount-1))
		}
	}
	return strings.Join(parts, ",")
}

// text prints the document for people: the tests grouped by what selected them.
func (d explainDoc) text(g *globals) {
	w := g.io.Out
	if d.Base != "" {
		fmt.Fprintf(w, "base: %s\n", d.Base)
	}
	if f := d.Fallback; f != nil {
		fmt.Fprintf(w, "the whole suite runs (fallback_reason=%s)\n  rule: %s\n", f.Reason, f.Rule)
		if f.Path != "" {
			fmt.Fprintf(w, "  forced by: %s\n", f.Path)
		}
		if f.Avoid != "" {
			fmt.Fprintf(w, "  to avoid it: %s\n", f.Avoid)
		}
		return
	}
	fmt.Fprintf(w, "%d of %d tests in the map run\n", d.Impacted, d.Total)
	last := ""
	for _, t := range d.Tests {
		if !t.Runs {
			fmt.Fprintf(w, "\n%s does not run: %s\n", t.Test, t.Reason)
			last = ""
			continue
		}
		head := t.Change
		if t.Lines != "" {
			head += ":" + t.Lines
		}
		if head == "" {
			head = "the map's record"
		}
		if len(t.Chain) > 0 {
			head += " → " + strings.Join(t.Chain, " → ")
		}
		if head != last {
			fmt.Fprintf(w, "\n%s\n", head)
			last = head
		}
		via := ""
		if t.Via != t.Test {
			via = " (via " + t.Via + ")"
		}
		fmt.Fprintf(w, "  runs %s%s\n", t.Test, via)
	}
}
