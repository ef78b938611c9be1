"""Warehouse stock core: items, units, events, stores and the import pipeline.

Submodules load on first attribute access (PEP 562), so `import core` stays
cheap for the command line; `core.Item` imports core.models the first time.
"""

import importlib

__version__ = "2.1.0"

_LAZY = {
    "Item": "core.models",
    "Quantity": "core.models",
    "MemoryStore": "core.storage",
    "Event": "core.events",
    "to_grams": "core.units",
    "LABELS": "core.labels",
}

__all__ = ["__version__", *_LAZY]


def __getattr__(name):
    try:
        module_name = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'core' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module_name), name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__():
    return sorted(__all__)
