package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/impacted/impacted/pkg/covmap"
	"github.com/impacted/impacted/pkg/distinfo"
	"github.com/impacted/impacted/pkg/gitdiff"
	"github.com/impacted/impacted/pkg/lockdiff"
	"github.com/impacted/impacted/pkg/selector"
)

// asEnv is e as the selector's Env: nil, not a typed nil, without one.
func asEnv(e *distinfo.Env) selector.Env {
	if e != nil {
		return e
	}
	return nil
}

// venv opens the virtual environment `uv run` uses for the project:
// UV_PROJECT_ENVIRONMENT, else .venv. Nil when there is none.
func (p *project) venv() *distinfo.Env {
	dir := filepath.Join(p.root, ".venv")
	if v := os.Getenv("UV_PROJECT_ENVIRONMENT"); v != "" {
		dir = v
		if !filepath.IsAbs(v) {
			dir = filepath.Join(p.root, v)
		}
	}
	return distinfo.Open(dir)
}

// configFiles are the files the selector compares table by table, so it
// needs their base-side contents.
var configFiles = []string{"pyproject.toml", "setup.cfg", "tox.ini", "uv.lock", ".coveragerc"}

func isConfigFile(p string) bool { return slices.Contains(configFiles, filepath.Base(p)) }

// lockInChanges reports whether the change edits the project's uv.lock:
// the selector then compares it distribution by distribution, and a hash
// that differs from the map's says nothing more.
func lockInChanges(changes []gitdiff.Change) bool {
	for _, ch := range changes {
		if ch.NewPath == "uv.lock" || (ch.NewPath == "" && strings.TrimPrefix(ch.OldPath, "./") == "uv.lock") {
			return true
		}
	}
	return false
}

// distVersions is the environment's distributions and versions, recorded
// in a map; nil without an environment.
func (p *project) distVersions() map[string]string {
	if e := p.venv(); e != nil {
		return e.Versions()
	}
	return nil
}

// envDrift compares environment e with the one the map was built in:
// the distributions whose code differs, for the selector to follow like a
// changed uv.lock. recorded says whether the map knows its environment.
func (p *project) envDrift(e *distinfo.Env, prov *covmap.Provenance) (drift []lockdiff.Changed, recorded bool) {
	if prov == nil || prov.Dists == nil || e == nil {
		return nil, false
	}
	for _, d := range e.Drift(prov.Dists, p.distName()) {
		drift = append(drift, lockdiff.Changed{Name: d.Name, Why: d.Why})
	}
	return drift, true
}

// distName is the project's own distribution: [project].name.
func (p *project) distName() string {
	var doc struct {
		Project struct {
			Name string `toml:"name"`
		} `toml:"project"`
	}
	data, err := os.ReadFile(filepath.Join(p.root, "pyproject.toml"))
	if err == nil {
		_, _ = toml.Decode(string(data), &doc)
	}
	return doc.Project.Name
}
