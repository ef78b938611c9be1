#!/usr/bin/env python3
"""Install a native tool that PyPI ships as a binary wheel (uv, rust-just)
into a private directory, without pip, a venv or the system Python's
site-packages: download this platform's wheel, check its sha256 against
PyPI's, and unzip only its binary.

    install_tool.py DEST_BIN PROJECT==VERSION:BINARY ...
    install_tool.py .cache/tools/bin uv==0.13.9:uv rust-just==1.59.0:just

It works where `pip install` is refused (PEP 668, Debian's
externally-managed Python) and where `python3 -m venv` is missing
(Debian without python3-venv / ensurepip). Standard library only, and
Python 3.8+ so that it runs on the oldest system Pythons still around.
"""

import hashlib
import json
import os
import platform
import re
import sys
import tempfile
import urllib.request
import zipfile

# The index's JSON Simple API (PEP 691), what pip and uv read too.
INDEX = os.environ.get("IMPACTED_INDEX_URL", "https://pypi.org/simple").rstrip("/")

# manylinux's legacy names and the glibc each requires.
LEGACY_GLIBC = {"manylinux1": (2, 5), "manylinux2010": (2, 12), "manylinux2014": (2, 17)}


def host():
    """(os, arch, libc, libc version) of this machine, in wheel-tag terms."""
    system, machine = platform.system(), platform.machine().lower()
    arch = {"amd64": "x86_64", "arm64": "aarch64" if system == "Linux" else "arm64"}.get(machine, machine)
    if system == "Darwin":
        return "macosx", arch, "", ()
    libc, ver = platform.libc_ver()
    if libc == "glibc":
        return "linux", arch, "glibc", tuple(int(x) for x in ver.split(".")[:2])
    return "linux", arch, "musl", ()


def tag_fits(tag, h):
    """Whether one platform tag of a wheel's file name runs on host h."""
    osname, arch, libc, libc_ver = h
    if osname == "macosx":
        return tag.startswith("macosx_") and (tag.endswith("_" + arch) or tag.endswith("_universal2"))
    if not tag.endswith("_" + arch):
        return False
    if libc == "musl":
        return tag.startswith("musllinux_")
    m = re.match(r"manylinux_(\d+)_(\d+)_", tag)
    need = (int(m.group(1)), int(m.group(2))) if m else LEGACY_GLIBC.get(tag.split("_")[0])
    return need is not None and need <= libc_ver


def pick_wheel(files, h):
    for f in files:
        name = f["filename"]
        if name.endswith(".whl") and any(tag_fits(t, h) for t in name[:-4].split("-")[-1].split(".")):
            return f
    return None


def fetch(url, accept="*/*"):
    req = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(req, timeout=60) as r:
        return r.read()


def install(dest, spec):
    """Install BINARY of PROJECT==VERSION into dest; return its path."""
    req, binary = spec.rsplit(":", 1)
    project, version = req.split("==")
    h = host()
    page = json.loads(fetch(f"{INDEX}/{project}/", "application/vnd.pypi.simple.v1+json"))
    prefix = re.sub(r"[-_.]+", "_", project).lower() + "-" + version + "-"
    f = pick_wheel([f for f in page["files"] if f["filename"].lower().startswith(prefix)], h)
    if f is None:
        sys.exit(f"install_tool: {project} {version} has no wheel for {'/'.join(x for x in h[:3] if x)}; install {binary} yourself")
    data = fetch(f["url"])
    if hashlib.sha256(data).hexdigest() != f["hashes"]["sha256"]:
        sys.exit(f"install_tool: {f['filename']}: sha256 differs from PyPI's; not installed")
    os.makedirs(dest, exist_ok=True)
    with tempfile.TemporaryFile() as wheel:
        wheel.write(data)
        with zipfile.ZipFile(wheel) as z:
            member = next((n for n in z.namelist() if re.fullmatch(rf"[^/]+\.data/scripts/{re.escape(binary)}", n)), None)
            if member is None:
                sys.exit(f"install_tool: {f['filename']} holds no {binary} binary")
            fd, tmp = tempfile.mkstemp(dir=dest, prefix=f".{binary}.")
            with os.fdopen(fd, "wb") as out:
                out.write(z.read(member))
    os.chmod(tmp, 0o755)
    target = os.path.join(dest, binary)
    os.replace(tmp, target)  # atomic: a concurrent run sees the old or the new binary
    return target


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    for spec in sys.argv[2:]:
        print(f"install_tool: {spec.split(':')[0]} -> {install(sys.argv[1], spec)}", file=sys.stderr)


if __name__ == "__main__":
    main()
