"""Reading and writing journals; the exporters are also found by name (ledger.plugins)."""

from .csvio import dump as dump_csv
from .csvio import load as load_csv
from .jsonio import dump as dump_json
from .jsonio import load as load_json

__all__ = ["dump_csv", "dump_json", "load_csv", "load_json"]
