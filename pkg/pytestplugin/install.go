// Package pytestplugin ships the two pytest plugins impacted runs pytest
// with, embedded in the binary so a selection can never meet a plugin of
// another version. Install writes them into a directory that the caller
// prepends to PYTHONPATH and activates with `-p FilterPlugin` or
// `-p MapInfoPlugin`.
package pytestplugin

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"github.com/impacted/impacted/pkg/atomicfile"
	"io/fs"
	"os"
	"path/filepath"
)

// FilterPlugin is the module name for `-p`: it keeps only the selected tests
// named by the JSON file in SelectionEnv.
const FilterPlugin = "impacted_filter"

// MapInfoPlugin is the module name for `-p` while a map is built: it writes
// versions, outcomes, durations and broad fixtures to MapInfoOutEnv.
const MapInfoPlugin = "impacted_mapinfo"

// SysmonPlugin is the module name for `-p` while a map is built on Python
// 3.12 or newer: impacted's own sys.monitoring collector, which writes one
// file per pytest process into the directory named by SysmonOutEnv.
const SysmonPlugin = "impacted_sysmon"

// SysmonOutEnv names the directory SysmonPlugin writes into.
const SysmonOutEnv = "IMPACTED_SYSMON_OUT"

// SysmonSourcesEnv lists what SysmonPlugin measures (os.PathListSeparator-
// separated paths or importable names, as pytest-cov's --cov values).
const SysmonSourcesEnv = "IMPACTED_SYSMON_SOURCES"

// SelectionEnv names the selection JSON file FilterPlugin reads.
const SelectionEnv = "IMPACTED_SELECTION"

// MapInfoOutEnv names the JSON file MapInfoPlugin writes at session end.
const MapInfoOutEnv = "IMPACTED_MAPINFO_OUT"

//go:embed impacted_filter.py impacted_mapinfo.py impacted_sysmon.py impacted_outcomes.py
var sources embed.FS

// Install writes the plugins into dir (created if missing) and returns dir,
// to be prepended to PYTHONPATH. A file is replaced through a temporary file
// and a rename, and only when its content differs, so concurrent runs never
// import half a plugin and an unchanged file keeps its bytecode cache.
func Install(dir string) (string, error) {
	if dir == "" {
		return "", errors.New("install pytest plugins: empty directory")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("install pytest plugins: %w", err)
	}
	entries, err := fs.ReadDir(sources, ".")
	if err != nil {
		return "", fmt.Errorf("install pytest plugins: read embedded files: %w", err)
	}
	for _, entry := range entries {
		content, err := sources.ReadFile(entry.Name())
		if err != nil {
			return "", fmt.Errorf("install pytest plugins: read embedded %s: %w", entry.Name(), err)
		}
		if err := writeIfChanged(filepath.Join(dir, entry.Name()), content); err != nil {
			return "", fmt.Errorf("install pytest plugins: %w", err)
		}
	}
	return dir, nil
}

// Source returns the embedded source of a plugin module, e.g. for a
// diagnostics command; ok is false for an unknown module name.
func Source(module string) (content []byte, ok bool) {
	content, err := sources.ReadFile(module + ".py")
	return content, err == nil
}

// writeIfChanged leaves an up-to-date file alone (so concurrent runs do
// not race to replace it) and replaces a stale one atomically.
func writeIfChanged(path string, content []byte) error {
	current, err := os.ReadFile(path)
	if err == nil && bytes.Equal(current, content) {
		return nil
	}
	return atomicfile.Write(path, content)
}

// PythonPath returns the PYTHONPATH value with dir in front of current.
func PythonPath(dir, current string) string {
	if current == "" {
		return dir
	}
	return dir + string(os.PathListSeparator) + current
}
