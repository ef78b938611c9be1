#!/usr/bin/env python3
"""Report `go test -json` as it goes, so a long CI run never looks hung:

    go test -json ./... | scripts/testreport.py

one line when each package starts and ends (with its time), one per slow
top-level test (IMPACTED_SLOW_TEST_S, default 10 s), a "still running"
line after each quiet minute naming what runs, the full output of every
failed test, package or build, and a summary with the slowest tests.
Exits 1 when anything failed. Standard library only.
"""

import json
import os
import queue
import sys
import threading
import time

SLOW_S = float(os.environ.get("IMPACTED_SLOW_TEST_S", "10"))
QUIET_S = 60.0


class Report:
    def __init__(self, out):
        self.out, self.t0 = out, time.monotonic()
        self.last_print = self.t0
        self.output = {}  # (package, test or "") -> output lines
        self.running = {}  # (package, test) -> start time, top-level tests only
        self.packages = {}  # package -> start time
        self.slow, self.failed, self.counts = [], [], {"pass": 0, "fail": 0, "skip": 0}

    def say(self, msg):
        now = time.monotonic()
        self.out.write(f"[{now - self.t0:5.0f}s] {msg}\n")
        self.out.flush()
        self.last_print = now

    def event(self, e):
        action, pkg, test = e.get("Action"), e.get("Package") or e.get("ImportPath", ""), e.get("Test", "")
        key = (pkg, test)
        if action in ("output", "build-output"):
            self.output.setdefault(key, []).append(e.get("Output", ""))
        elif action == "start":
            self.packages[pkg] = time.monotonic()
            self.say(f"start {pkg}")
        elif action == "run" and test and "/" not in test:
            self.running[key] = time.monotonic()
        elif action == "build-fail":
            self.failed.append(key)
            self.dump(key, f"build failed: {pkg}")
        elif action in ("pass", "fail", "skip"):
            self.finish(e, action, pkg, test)

    def finish(self, e, action, pkg, test):
        key, elapsed = (pkg, test), e.get("Elapsed", 0.0)
        if test:
            self.running.pop(key, None)
            if "/" not in test:
                self.counts[action] += 1
                if elapsed >= SLOW_S:
                    self.slow.append((elapsed, test, pkg))
                    self.say(f"  {action:4} {test} {elapsed:.1f}s ({short(pkg)})")
            if action == "fail":
                self.failed.append(key)
                self.dump(key, f"FAIL {test} ({pkg})")
            self.output.pop(key, None)
            return
        self.packages.pop(pkg, None)
        word = {"pass": "ok  ", "fail": "FAIL", "skip": "skip"}[action]
        if action == "fail":
            # A timeout or a crash ends the package inside a test that never
            # reports its own end: show what that test printed (the panic).
            for k in [k for k in self.output if k[0] == pkg and k[1] and "/" not in k[1]]:
                if k in self.running:
                    self.failed.append(k)
                    self.dump(k, f"FAIL {k[1]} (still running when {pkg} failed: timeout or crash)")
            if not any(k[0] == pkg for k in self.failed):
                self.failed.append(key)
                self.dump(key, f"FAIL {pkg} (outside any test)")
            else:
                self.out.write("".join(self.output.get(key, [])))
        self.say(f"{word} {pkg} {elapsed:.1f}s")
        for k in [k for k in self.output if k[0] == pkg]:
            del self.output[k]
        for k in [k for k in self.running if k[0] == pkg]:
            del self.running[k]

    def dump(self, key, title):
        self.say(title)
        self.out.write("".join(self.output.get(key, [])))
        self.out.flush()

    def quiet(self):
        """Called when nothing arrived for a while: say what is running."""
        now = time.monotonic()
        if now - self.last_print < QUIET_S:
            return
        longest = sorted(self.running.items(), key=lambda kv: kv[1])[:4]
        what = ", ".join(f"{t} {now - s:.0f}s" for (_, t), s in longest) or ", ".join(map(short, self.packages))
        self.say(f"  ... still running: {what or 'go test (building)'}")

    def summary(self):
        c = self.counts
        self.say(f"{c['pass']} tests passed, {c['fail']} failed, {c['skip']} skipped")
        for elapsed, test, pkg in sorted(self.slow, reverse=True)[:5]:
            self.out.write(f"    slowest: {elapsed:6.1f}s {test} ({short(pkg)})\n")
        if self.failed:
            self.out.write("failed: " + " ".join(t or p for p, t in self.failed) + "\n")
        return 1 if self.failed else 0


def short(pkg):
    return pkg.removeprefix("github.com/impacted/impacted/") if hasattr(pkg, "removeprefix") else pkg


def main():
    r = Report(sys.stdout)
    lines = queue.Queue()

    def read():
        for line in sys.stdin:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()
    while True:
        try:
            line = lines.get(timeout=5)
        except queue.Empty:
            r.quiet()
            continue
        if line is None:
            break
        try:
            e = json.loads(line)
        except ValueError:
            r.say(line.rstrip("\n"))  # not an event: go's own message (a vet or setup error)
            continue
        r.event(e)
    sys.exit(r.summary())


if __name__ == "__main__":
    main()
