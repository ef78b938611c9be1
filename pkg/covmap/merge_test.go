package covmap

import (
	"errors"
	"strings"
	"testing"
)

func jsonMapOf(files string) string {
	return `{"meta":{"format":3,"show_contexts":true},"files":{` + files + `}}`
}

// TestMergeIsTheUnionOfParts: the lines of both parts, each with the union
// of their contexts; an absolute path renamed onto a relative one merges.
func TestMergeIsTheUnionOfParts(t *testing.T) {
	a := mustLoad(t, writeFile(t, "a.json", jsonMapOf(
		`"src/m.py":{"executed_lines":[1,2],"contexts":{"1":[""],"2":["t.py::a|run"]}},`+
			`"t.py":{"executed_lines":[1],"contexts":{"1":[""]}}`)))
	b := mustLoad(t, writeFile(t, "b.json", jsonMapOf(
		`"/work/p/src/m.py":{"executed_lines":[1,2,3],"contexts":{"1":[""],"2":["t.py::b|setup"],"3":["t.py::b|run"]}}`)))
	whole := mustLoad(t, writeFile(t, "whole.json", jsonMapOf(
		`"src/m.py":{"executed_lines":[1,2,3],"contexts":{"1":[""],"2":["t.py::a|run","t.py::b|setup"],"3":["t.py::b|run"]}},`+
			`"t.py":{"executed_lines":[1],"contexts":{"1":[""]}}`)))
	rename := func(p string) string { return strings.TrimPrefix(p, "/work/p/") }
	got, err := Merge([]*Map{a, b}, rename)
	if err != nil {
		t.Fatal(err)
	}
	if dump(got) != dump(whole) {
		t.Errorf("merged:\n%s\nwant:\n%s", dump(got), dump(whole))
	}
}

func TestMergeProvenanceRefusals(t *testing.T) {
	part := func(k, n int, mod func(*Provenance)) *Provenance {
		p := &Provenance{Schema: 1, Commit: "abc", Python: "3.12.1", UVLockSHA256: "l", Shard: &ShardRecord{K: k, N: n, Split: "s"},
			Tests: map[string]TestRecord{"t::" + string(rune('a'+k)): {Outcome: "passed", DurationS: 1}}}
		if mod != nil {
			mod(p)
		}
		return p
	}
	ok, err := MergeProvenance([]*Provenance{part(2, 2, nil), part(1, 2, nil)})
	if err != nil || ok.Shard != nil || len(ok.Tests) != 2 || ok.Commit != "abc" {
		t.Fatalf("a whole split: %+v, %v", ok, err)
	}
	// fixture closures are known for the merged map only if every part recorded them
	rec := func(p *Provenance) { p.FixturesRecorded = true }
	if both, _ := MergeProvenance([]*Provenance{part(1, 2, rec), part(2, 2, rec)}); both == nil || !both.FixturesRecorded {
		t.Errorf("two parts with closures: FixturesRecorded false")
	}
	if one, _ := MergeProvenance([]*Provenance{part(1, 2, rec), part(2, 2, nil)}); one == nil || one.FixturesRecorded {
		t.Errorf("one part without closures: FixturesRecorded true")
	}
	for _, tc := range []struct {
		name  string
		parts []*Provenance
		cause string
	}{
		{"commit", []*Provenance{part(1, 2, nil), part(2, 2, func(p *Provenance) { p.Commit = "def" })}, "commit"},
		{"python", []*Provenance{part(1, 2, nil), part(2, 2, func(p *Provenance) { p.Python = "3.13.0" })}, "Python"},
		{"lock", []*Provenance{part(1, 2, nil), part(2, 2, func(p *Provenance) { p.UVLockSHA256 = "m" })}, "uv.lock"},
		{"split", []*Provenance{part(1, 2, nil), part(2, 2, func(p *Provenance) { p.Shard.Split = "t" })}, "different splits"},
		{"count", []*Provenance{part(1, 2, nil), part(2, 3, nil)}, "different splits"},
		{"missing", []*Provenance{part(1, 3, nil), part(3, 3, nil)}, "[2] of 3 are missing"},
		{"twice", []*Provenance{part(1, 2, nil), part(1, 2, nil)}, "twice"},
		{"no record", []*Provenance{part(1, 2, nil), nil}, "no build record"},
		{"mixed", []*Provenance{part(1, 2, nil), part(2, 2, func(p *Provenance) { p.Shard = nil })}, "not both shards"},
	} {
		_, err := MergeProvenance(tc.parts)
		var me *MergeError
		if !errors.As(err, &me) || !strings.Contains(me.Cause, tc.cause) || me.Fix == "" {
			t.Errorf("%s: %v, want a refusal naming %q with a fix", tc.name, err, tc.cause)
		}
	}
}
