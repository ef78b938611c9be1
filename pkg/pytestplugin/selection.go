package pytestplugin

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// Selection is the JSON document FilterPlugin reads from SelectionEnv. Node
// ids and paths are relative to pytest's rootdir.
type Selection struct {
	// IDs are exact node ids to run.
	IDs []string `json:"ids"`
	// Bases are node ids without their [param] part: every parametrization runs.
	Bases []string `json:"bases"`
	// Files are test files whose every test runs.
	Files []string `json:"files"`
	// Known maps a base to every parametrized id of it the map knows; an id
	// of a base with a selected exact id that is not listed here is new, and runs.
	Known map[string][]string `json:"known"`
	// All selects every collected test: the whole suite, split by Shard.
	All bool `json:"all,omitempty"`
	// Shard, when set, runs only this shard's part of what the rest selects.
	Shard *Shard `json:"shard,omitempty"`
	// Order lists node ids (or bases, for parametrizations the map never
	// saw) in the order they should run; tests it does not name keep
	// pytest's order after them. Empty keeps pytest's order.
	Order []string `json:"order,omitempty"`
}

// Shard is one shard of a split (see pkg/shard): the selected ids in Mine
// run here, those in Others elsewhere, and any other id where
// shard.HashOwner(id, Count) == Index.
type Shard struct {
	Index  int      `json:"index"`
	Count  int      `json:"count"`
	Mine   []string `json:"mine"`
	Others []string `json:"others"`
}

// NodeBase strips the parametrization from a node id the way FilterPlugin
// does: at the first '[' after the file part, so parameter ids that contain
// "::" or "[" do not confuse it.
func NodeBase(nodeid string) string {
	path, rest, ok := strings.Cut(nodeid, "::")
	if !ok {
		return nodeid
	}
	bracket := strings.IndexByte(rest, '[')
	if bracket < 0 {
		return nodeid
	}
	return path + "::" + rest[:bracket]
}

// WriteSelection writes sel as JSON to path, atomically.
func WriteSelection(path string, sel Selection) error {
	content, err := EncodeSelection(sel)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("write selection %s: %w", path, err)
	}
	if err := writeIfChanged(path, content); err != nil {
		return fmt.Errorf("write selection: %w", err)
	}
	return nil
}

// EncodeSelection renders sel as the plugin reads it, with empty lists
// instead of nulls so the plugin reads the same shape every time.
func EncodeSelection(sel Selection) ([]byte, error) {
	normalized := Selection{IDs: orEmpty(sel.IDs), Bases: orEmpty(sel.Bases), Files: orEmpty(sel.Files), Known: sel.Known, All: sel.All, Order: sel.Order}
	if sel.Shard != nil {
		sh := *sel.Shard
		sh.Mine, sh.Others = orEmpty(sh.Mine), orEmpty(sh.Others)
		normalized.Shard = &sh
	}
	if normalized.Known == nil {
		normalized.Known = map[string][]string{}
	}
	content, err := json.Marshal(normalized)
	if err != nil {
		return nil, fmt.Errorf("encode selection: %w", err)
	}
	return content, nil
}

func orEmpty(values []string) []string {
	if values == nil {
		return []string{}
	}
	return values
}
