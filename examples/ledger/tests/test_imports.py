"""Importing ledger stays light: a fresh interpreter, handed the code on stdin, tells."""

import json
import subprocess
import sys

PROBE = b"""\
import sys
import ledger
print(__import__("json").dumps(sorted(m for m in sys.modules if m.split(".")[0] in {"sqlite3", "sqlalchemy"})))
"""


def test_import_loads_no_database_driver():
    proc = subprocess.run([sys.executable, "-"], input=PROBE, capture_output=True, check=True)
    assert json.loads(proc.stdout) == []
