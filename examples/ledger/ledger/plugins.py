"""Export formats, found by importing the modules named here."""

import functools
import importlib
from collections.abc import Callable

from .journal import Journal

EXPORTER_MODULES = ["ledger.io.csvio", "ledger.io.jsonio", "ledger.io.textio"]


class UnknownFormat(LookupError):
    pass


@functools.cache
def exporters() -> dict[str, Callable[[Journal], str]]:
    """Format name -> dump function; importing every module once is enough."""
    found = {}
    for name in EXPORTER_MODULES:
        module = importlib.import_module(name)
        found[module.FORMAT] = module.dump
    return found


def export(journal: Journal, fmt: str) -> str:
    try:
        dump = exporters()[fmt]
    except KeyError:
        raise UnknownFormat(fmt) from None
    return dump(journal)
