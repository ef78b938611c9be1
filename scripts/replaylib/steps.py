"""The measured steps on one checkout: a map at a commit (cached by impacted's
binary and the commit), impacted's selection, the full-suite truth and
pytest-testmon (both cached by the change: they do not depend on impacted)."""

import hashlib
import json
import os
import pathlib
import shutil

from . import proc

SESSION = "<session>"  # a truth whose pytest session broke: every run sees it
UNFINISHED = "<unfinished>"  # the run was killed: its truth is incomplete
PLUGIN_DIR = str(pathlib.Path(__file__).parent / "plugin")


def atomic_write(path, text):
    """Write via a temp file + rename: several replays may share one cache."""
    path = pathlib.Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(text)
    os.replace(tmp, path)


def atomic_copy(src, dst):
    dst = pathlib.Path(dst)
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_name(f".{dst.name}.{os.getpid()}.tmp")
    shutil.copy2(src, tmp)
    os.replace(tmp, dst)


class Checkout:
    def __init__(self, rec, workdir, cache, impacted, map_key=""):
        self.rec, self.dir, self.impacted = rec, pathlib.Path(workdir), impacted
        self.cache = pathlib.Path(cache) / rec["name"]
        self.python = str(self.dir / rec["python"])
        # maps are cached per impacted binary (its map build may change); map_key
        # reuses another binary's maps when the build is known to be the same
        self.bin_key = map_key or hashlib.sha256(pathlib.Path(impacted).read_bytes()).hexdigest()[:12]
        self.only_measured = False  # use cached truths/testmon runs only, never run new ones
        self.logs = self.dir / ".replay"
        self.logs.mkdir(exist_ok=True)

    def env(self, **extra):
        env = {"IMPACTED_RUNNER": f"{self.python} -m", "PYTHONDONTWRITEBYTECODE": "1"}
        # "{workdir}" in a value is the checkout (dotenv's tests run its console
        # script, which they find on PATH in the checkout's venv)
        env.update({k: v.replace("{workdir}", str(self.dir)) for k, v in self.rec["env"].items()})
        env.update(extra)
        return env

    def checkout(self, sha):
        proc.git(self.dir, "checkout", "-q", "-f", "--detach", sha)
        keep = [a for k in self.rec["keep"] for a in ("-e", k)]
        proc.git(self.dir, "clean", "-q", "-fdx", "-e", ".venv", "-e", ".cache", "-e", ".testmondata*", "-e", ".replay", *keep)

    # -- the map -------------------------------------------------------------
    def map_at(self, sha):
        """Puts a map built at sha into .cache/coverage.json (building it once per
        impacted binary). Returns the build's Result, or None when cached."""
        slot = self.cache / "maps" / self.bin_key / sha
        target = self.dir / ".cache" / "coverage.json"
        shutil.rmtree(self.dir / ".cache", ignore_errors=True)
        target.parent.mkdir(parents=True)
        if (slot / "coverage.json").exists():
            shutil.copy2(slot / "coverage.json", target)
            return None
        self.checkout(sha)
        res = proc.run([self.impacted, "map", "build", "--no-pty", "--", "-p", "replay_outcomes",
                        *self.rec["pytest_args"]], self.dir, self.env(PYTHONPATH=self.pythonpath()), stdout=self.logs / "map.log", stderr=self.logs / "map.log",
                       timeout=3 * self.rec["timeout"])
        if not target.exists():
            raise RuntimeError(f"map build at {sha[:12]} failed (exit {res.code}); see {self.logs / 'map.log'}")
        atomic_copy(target, slot / "coverage.json")
        return res

    # -- impacted select -----------------------------------------------------
    def select(self, tag):
        """impacted select --verbose on the working tree, cold (no index cache) and,
        when that was quick, again warm."""
        shutil.rmtree(self.dir / ".cache" / "impacted", ignore_errors=True)
        out = {}
        for phase in ("cold", "warm"):
            mj, so, se = (self.logs / f"{tag}.{phase}.{n}" for n in ("metrics.json", "out", "err"))
            mj.unlink(missing_ok=True)
            res = proc.run([self.impacted, "select", "--verbose", "--metrics-json", str(mj)], self.dir,
                           self.env(), stdout=so, stderr=se, timeout=600)
            out[phase] = {"code": res.code, "wall_s": round(res.wall_s, 3), "cpu_s": round(res.cpu_s, 3),
                          "maxrss_mb": round(res.maxrss_mb, 1)}
            if phase == "cold":
                m = json.loads(mj.read_text()) if mj.exists() else {}
                selected = [l for l in so.read_text().splitlines() if l.strip()]
                verbose = se.read_text(errors="replace").splitlines()
                out.update(code=res.code, metrics=m, selected=selected, verbose_lines=len(verbose),
                           error=verbose[-3:] if res.code not in (0, 2) else [])
            if res.wall_s > 10 or res.code not in (0, 2):
                break
        return out

    # -- pytest runs ----------------------------------------------------------
    def pytest(self, tag, args, timeout=None):
        """Runs pytest with the outcomes plugin; returns (Result, {nodeid: outcome})."""
        outf = self.logs / f"{tag}.outcomes.jsonl"
        outf.unlink(missing_ok=True)
        res = proc.run([self.python, "-m", "pytest", "-q", "-p", "replay_outcomes", *args], self.dir,
                       self.env(REPLAY_OUTCOMES=str(outf), PYTHONPATH=self.pythonpath()), stdout=self.logs / f"{tag}.log",
                       stderr=self.logs / f"{tag}.log", timeout=timeout or self.rec["timeout"])
        outcomes = {}
        if outf.exists():
            for line in outf.read_text().splitlines():
                d = json.loads(line)
                outcomes[d["nodeid"]] = d["outcome"]
        if outcomes.pop("<finished>", None) is None and outcomes:
            outcomes[UNFINISHED] = "failed"  # killed before the session ended
        return res, outcomes

    def pythonpath(self):
        return os.pathsep.join(filter(None, [PLUGIN_DIR, self.rec["env"].get("PYTHONPATH", "")]))

    def measured(self, key):
        return (self.cache / "truth" / f"{key}.json").exists()

    def truth(self, key):
        """The full suite on the working tree: {nodeid: outcome}, cached by key."""
        slot = self.cache / "truth" / f"{key}.json"
        if slot.exists():
            return json.loads(slot.read_text())
        if self.only_measured:
            return None
        res, outcomes = self.pytest("truth", self.rec["pytest_args"])
        if res.code not in (0, 1) or not outcomes:  # the session itself broke (conftest, usage)
            outcomes = {SESSION: "failed"}
        data = {"code": res.code, "wall_s": round(res.wall_s, 2), "outcomes": outcomes}
        if not res.timed_out and UNFINISHED not in outcomes:
            atomic_write(slot, json.dumps(data))
        return data

    def testmon_db(self, sha, save=False):
        """Restores (or, save=True, stores) .testmondata for commit sha."""
        slot = self.cache / "testmondb" / sha
        files = ("testmondata", "testmondata-wal", "testmondata-shm")
        if save:
            for f in files:
                if (self.dir / ("." + f)).exists():
                    atomic_copy(self.dir / ("." + f), slot / f)
            return True
        for f in files:
            (self.dir / ("." + f)).unlink(missing_ok=True)
            if (slot / f).exists():
                shutil.copy2(slot / f, self.dir / ("." + f))
        return (slot / "testmondata").exists()

    def testmon(self, key, parent, chain=None):
        """pytest --testmon on the working tree from testmon's db at parent (built by
        a full --testmon run there when missing). chain: save the resulting db as the
        db of that commit (testmon's own incremental use). Cached by key.
        --testmon-forceselect: a project's own `-m` in addopts (click's `not stress`)
        otherwise switches testmon's selection off, and it runs everything."""
        slot = self.cache / "testmon" / f"{key}.json"
        if slot.exists():
            return json.loads(slot.read_text())
        if self.only_measured:
            return None
        if not self.testmon_db(parent):
            raise RuntimeError(f"no testmon db for {parent[:12]}")
        res, outcomes = self.pytest("testmon", ["--testmon", "--testmon-forceselect", *self.rec["pytest_args"]])
        data = {"code": res.code, "wall_s": round(res.wall_s, 2), "cpu_s": round(res.cpu_s, 2),
                "ran": outcomes}
        if chain:
            self.testmon_db(chain, save=True)
        atomic_write(slot, json.dumps(data))
        return data

    def build_testmon_db(self, sha):
        """A fresh testmon db at sha (the checkout must be at sha, clean)."""
        if self.testmon_db(sha):
            return
        for f in self.dir.glob(".testmondata*"):
            f.unlink()
        self.pytest("testmon-build", ["--testmon", "--testmon-forceselect", *self.rec["pytest_args"]])
        self.testmon_db(sha, save=True)
