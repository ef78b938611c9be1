package pytestplugin

import (
	"fmt"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/impacted/impacted/pkg/shard"
)

const (
	moneyBase   = "tests/test_formatting.py::test_format_money"
	convertBase = "tests/test_pricing.py::test_convert_round_trip"
	searchBase  = "tests/test_catalog.py::test_search"
)

// moneyIDs are every parametrization of moneyBase; pytest escapes the euro sign.
func moneyIDs() []string {
	return []string{
		moneyBase + `[amount0-EUR-\u20ac3.50]`,
		moneyBase + "[1234567-USD-$1,234,567.00]",
		moneyBase + "[two words [x]]",
		moneyBase + "[half cent [rounds up]]",
	}
}

type filterCase struct {
	name  string
	sel   Selection
	extra []string // more pytest arguments
	want  []string // node ids that must run, and nothing else
	exit  int
	// serialOnly: xdist workers filter exactly as a serial run does, so a
	// case that tests nothing xdist-specific runs once.
	serialOnly bool
}

func filterCases() []filterCase {
	return []filterCase{
		{
			name: "exact ids",
			sel:  Selection{IDs: []string{"tests/test_cart.py::TestCart::test_remove", "tests/test_pricing.py::test_tax_part"}},
			want: []string{"tests/test_cart.py::TestCart::test_remove", "tests/test_pricing.py::test_tax_part"},
		},
		{
			name: "bases run every parametrization",
			sel:  Selection{Bases: []string{searchBase}},
			want: []string{searchBase + "[  BEANS -expected1]", searchBase + "[kettle-expected0]", searchBase + "[programming-expected2]"},
		},
		{
			name: "files run every test in them",
			sel:  Selection{Files: []string{"tests/test_package.py", "./tests/../tests/test_package.py"}},
			want: []string{"tests/test_package.py::test_public_names", "tests/test_package.py::test_reexports_work_together"},
		},
		{
			name: "a stale id breaks nothing",
			sel:  Selection{IDs: []string{"tests/test_gone.py::test_removed", "tests/test_pricing.py::test_tax_part", "tests/test_pricing.py::test_tax_part[9]"}},
			want: []string{"tests/test_pricing.py::test_tax_part"},
		},
		{
			// a CI job must not fail for deleting a test the map remembers
			name: "only stale ids: nothing to run, exit 0 not pytest's 5",
			sel:  Selection{IDs: []string{"tests/test_gone.py::test_removed", "tests/test_cart.py::test_deleted"}},
			exit: 0,
		},
		{
			name: "an id with spaces and brackets",
			sel:  Selection{IDs: []string{moneyBase + "[two words [x]]"}, Known: map[string][]string{moneyBase: moneyIDs()}},
			want: []string{moneyBase + "[two words [x]]"},
		},
		{
			name: "a parametrization the map never saw runs",
			sel: Selection{
				IDs:   []string{convertBase + "[USD]"},
				Known: map[string][]string{convertBase: {convertBase + "[EUR]", convertBase + "[USD]"}},
			},
			want: []string{convertBase + "[GBP]", convertBase + "[USD]"},
		},
		{
			name:  "-k narrows the selection further",
			sel:   Selection{Files: []string{"tests/test_package.py"}, IDs: []string{"tests/test_cart.py::TestCart::test_remove"}},
			extra: []string{"-k", "remove or public"},
			want:  []string{"tests/test_cart.py::TestCart::test_remove", "tests/test_package.py::test_public_names"},
		},
		{
			name:       "a shard runs its own tests, not the others'",
			sel:        Selection{Files: []string{"tests/test_package.py"}, Shard: &Shard{Index: 1, Count: 2, Mine: []string{reexports}, Others: []string{publicNames}}},
			want:       []string{reexports},
			serialOnly: true,
		},
		{
			name: "tests the split does not know run in their hash's shard",
			sel:  Selection{Files: []string{"tests/test_package.py"}, Shard: &Shard{Index: shard.HashOwner(publicNames, 3), Count: 3}},
			want: hashedTo(shard.HashOwner(publicNames, 3), 3, publicNames, reexports),
		},
		{
			name:       "the whole suite, sharded",
			sel:        Selection{All: true, Shard: &Shard{Index: 0, Count: 1}},
			extra:      []string{"tests/test_package.py"},
			want:       []string{publicNames, reexports},
			serialOnly: true,
		},
		{
			name: "a shard left with nothing exits 0",
			sel:  Selection{IDs: []string{publicNames}, Shard: &Shard{Index: 0, Count: 2, Others: []string{publicNames}}},
		},
	}
}

const (
	publicNames = "tests/test_package.py::test_public_names"
	reexports   = "tests/test_package.py::test_reexports_work_together"
)

// hashedTo keeps the ids that shard.HashOwner puts in shard index of n.
func hashedTo(index, n int, ids ...string) []string {
	var out []string
	for _, id := range ids {
		if shard.HashOwner(id, n) == index {
			out = append(out, id)
		}
	}
	return out
}

func TestFilterPlugin(t *testing.T) {
	shop := newShop(t)
	for _, mode := range [][]string{nil, {"-n", "2"}} {
		for i, c := range filterCases() {
			if c.serialOnly && mode != nil {
				continue
			}
			t.Run(fmt.Sprintf("%s/%s", modeName(mode), c.name), func(t *testing.T) {
				dir := t.TempDir()
				selection := filepath.Join(dir, "selection.json")
				if err := WriteSelection(selection, c.sel); err != nil {
					t.Fatal(err)
				}
				record := filepath.Join(dir, fmt.Sprintf("ran-%d.json", i))
				env := map[string]string{SelectionEnv: selection, "IMPACTED_RECORD_OUT": record}
				args := append([]string{"-q", "-p", FilterPlugin, "-p", "impacted_record"}, mode...)
				exit, out := shop.pytest(t, env, append(args, c.extra...)...)
				if exit != c.exit {
					t.Fatalf("pytest exit %d, want %d\n%s", exit, c.exit, out)
				}
				want := append([]string(nil), c.want...)
				sort.Strings(want)
				if got := readRecorded(t, record); !reflect.DeepEqual(got, nonNil(want)) {
					t.Errorf("ran %q\nwant %q\n%s", got, want, out)
				}
			})
		}
	}
}

func TestFilterPluginNeedsASelection(t *testing.T) {
	shop := newShop(t)
	cases := map[string]string{"unset": "", "absent file": filepath.Join(t.TempDir(), "absent.json")}
	for name, selection := range cases {
		t.Run(name, func(t *testing.T) {
			env := map[string]string{}
			if selection != "" {
				env[SelectionEnv] = selection
			}
			exit, out := shop.pytest(t, env, "-q", "-p", FilterPlugin)
			if exit != 4 || !strings.Contains(out, "impacted_filter") {
				t.Errorf("pytest exit %d, want 4 (usage error) naming the plugin\n%s", exit, out)
			}
		})
	}
}

// TestNodeBaseMatchesPython keeps the Go and Python splitting rules equal.
func TestNodeBaseMatchesPython(t *testing.T) {
	shop := newShop(t)
	for _, c := range nodeBaseCases() {
		script := fmt.Sprintf("import impacted_filter, sys; sys.stdout.write(impacted_filter.node_base(%q))", c.nodeid)
		out, err := shop.command(nil, "uv", "run", "--locked", "python", "-c", script).Output()
		if err != nil {
			t.Fatalf("python node_base(%q): %v", c.nodeid, err)
		}
		if string(out) != c.base || NodeBase(c.nodeid) != c.base {
			t.Errorf("node_base(%q): python %q, go %q, want %q", c.nodeid, out, NodeBase(c.nodeid), c.base)
		}
	}
}

func modeName(mode []string) string {
	if len(mode) == 0 {
		return "serial"
	}
	return strings.Join(mode, "")
}

func nonNil(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}
