"""Project recipes: one small JSON file per project (scripts/replay_projects/).

  name          short name, used for caches and reports
  template      optional: a prepared checkout with its venv, copied with `cp -a`
  repo          the git repository to clone when there is no template
  install       shell commands run in a fresh clone to create `python` (a venv)
  python        the interpreter with the test dependencies, relative to the checkout
  pytest_args   extra pytest arguments for every run (map build, truth, testmon)
  env           extra environment for every run; "{workdir}" in a value is the
                checkout ("PATH": "{workdir}/.venv/bin:/usr/bin:/bin")
  commits       a commit range (first parent, oldest first), e.g. "abc~12..abc"
  map_at        "parent" (default: a map at each commit's parent) or "start" (one map
                at the range's start, every commit diffed from it: a map from last night)
  mutation_base the commit mutations are applied to (default: the range's end)
  source        globs of the project's source files mutations may edit (not tests)
  timeout       seconds for one full-suite run (default 900)
  truth         "always" (default) or "when-narrowed": skip the full run when impacted
                fell back and testmon is off (a fallback cannot miss)
  keep          ignored files every checkout keeps (a version file the build generated,
                `src/pkg/_version.py` from hatch-vcs), which `git clean -x` would remove
"""

import json
import os
import pathlib
import re
import shutil
import subprocess

DEFAULTS = {"template": "", "repo": "", "install": [], "python": ".venv/bin/python",
            "pytest_args": [], "env": {}, "map_at": "parent", "mutation_base": "",
            "source": [], "timeout": 900, "truth": "always", "keep": []}


def load(path):
    data = json.loads(pathlib.Path(path).read_text())
    unknown = set(data) - set(DEFAULTS) - {"name", "commits"}
    if unknown:
        raise SystemExit(f"replay: {path}: unknown keys {sorted(unknown)}; see scripts/replaylib/recipe.py")
    for key in ("name", "commits"):
        if key not in data:
            raise SystemExit(f"replay: {path}: missing {key!r}")
    return {**DEFAULTS, **data}


def repoint_editables(workdir, template):
    """An editable install in the copied venv points at the template's
    source (a `.pth` line, an `__editable__` finder's path map): the suite
    would import the template, never the change. Point it at the copy."""
    old = os.path.abspath(template).rstrip("/")
    for f in pathlib.Path(workdir).glob(".venv/lib/python*/site-packages/*"):
        if f.is_file() and (f.suffix == ".pth" or f.name.startswith("__editable__")):
            text = f.read_text(errors="surrogateescape")
            new = re.sub(re.escape(old) + r"(?=[/'\"\n]|$)", str(workdir), text)
            if new != text:
                f.write_text(new, errors="surrogateescape")


def prepare(rec, workdir):
    """A private checkout in workdir: a copy of the template, else a clone plus install."""
    workdir = pathlib.Path(workdir)
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.parent.mkdir(parents=True, exist_ok=True)
    if rec["template"] and os.path.isdir(rec["template"]):
        subprocess.run(["cp", "-a", rec["template"], str(workdir)], check=True)
        repoint_editables(workdir, rec["template"])
    elif rec["repo"]:
        subprocess.run(["git", "clone", "-q", rec["repo"], str(workdir)], check=True)
        for cmd in rec["install"]:
            subprocess.run(cmd, shell=True, cwd=workdir, check=True)
    else:
        raise SystemExit(f"replay: {rec['name']}: neither template {rec['template']!r} nor repo exists")
    exclude = workdir / ".git" / "info" / "exclude"
    exclude.parent.mkdir(parents=True, exist_ok=True)
    with open(exclude, "a") as f:  # our outputs are not changes of the project
        f.write("\n.venv/\n.cache/\n.testmondata*\n.replay/\n")
    python = workdir / rec["python"]
    if not python.exists():
        raise SystemExit(f"replay: {rec['name']}: no interpreter at {python}; fix `python` or `install`")
    return workdir
