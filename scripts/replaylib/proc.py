"""Run one child process and measure it: wall time, its own CPU time and peak
memory (from wait4, so concurrent load elsewhere does not count), with a
timeout that ends the child's whole process group."""

import dataclasses
import os
import signal
import subprocess
import threading
import time


@dataclasses.dataclass
class Result:
    code: int          # exit code; -9 style negatives for signals; 124 on timeout
    wall_s: float
    cpu_s: float       # user + system of the child and the children it waited for
    maxrss_mb: float
    timed_out: bool


def run(argv, cwd, env=None, stdout=None, stderr=None, timeout=None):
    """argv runs in cwd with env (merged over os.environ); stdout/stderr are paths
    (None: discarded). Returns a Result; never raises for a non-zero exit."""
    full_env = dict(os.environ)
    full_env.update(env or {})
    out = open(stdout, "wb") if stdout else subprocess.DEVNULL
    err = open(stderr, "wb") if stderr else subprocess.DEVNULL
    start = time.perf_counter()
    try:
        p = subprocess.Popen(argv, cwd=cwd, env=full_env, stdout=out, stderr=err,
                             stdin=subprocess.DEVNULL, start_new_session=True)
    finally:
        for f in (out, err):
            if f is not subprocess.DEVNULL:
                f.close()
    fired = threading.Event()

    def kill():
        fired.set()
        try:
            os.killpg(p.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass

    timer = threading.Timer(timeout, kill) if timeout else None
    if timer:
        timer.start()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - start
    if timer:
        timer.cancel()
    p.returncode = os.waitstatus_to_exitcode(status)
    code = 124 if fired.is_set() else p.returncode
    return Result(code, wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024, fired.is_set())


def git(repo, *args):
    """git's stdout, stripped; raises CalledProcessError on failure."""
    return subprocess.run(["git", "-C", str(repo), *args], check=True,
                          capture_output=True, text=True).stdout.strip()
