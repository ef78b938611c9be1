"""Shelf and bin label templates. Nothing imports this module by name: it is
loaded on the first read of ``core.LABELS`` (see ``core._LAZY``)."""

LABELS = {"shelf": "{sku} | {qty}", "bin": "{sku}/{qty}"}
