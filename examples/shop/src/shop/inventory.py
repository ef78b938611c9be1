"""Stock levels, held in one process-wide Inventory created on first use.

Building the inventory reads the whole catalog, so it is done lazily: most
code paths (pricing, formatting) never need it.
"""

from __future__ import annotations

from shop.catalog import load_products


class OutOfStock(Exception):
    """More units were requested than are available."""


class Inventory:
    """Stock on the shelf minus what open carts have reserved."""

    def __init__(self, stock: dict[str, int]) -> None:
        self._stock = dict(stock)
        self._reserved: dict[str, int] = {}

    def available(self, sku: str) -> int:
        return self._stock.get(sku, 0) - self._reserved.get(sku, 0)

    def reserve(self, sku: str, quantity: int) -> None:
        if quantity > self.available(sku):
            raise OutOfStock(f"{sku}: wanted {quantity}, have {self.available(sku)}")
        self._reserved[sku] = self._reserved.get(sku, 0) + quantity

    def release(self, sku: str, quantity: int) -> None:
        left = self._reserved.get(sku, 0) - quantity
        if left > 0:
            self._reserved[sku] = left
        else:
            self._reserved.pop(sku, None)

    def release_all(self) -> None:
        self._reserved.clear()

    def reserved(self) -> dict[str, int]:
        return dict(self._reserved)


_inventory: Inventory | None = None


def _initial_stock() -> dict[str, int]:
    """Shelf stock of every sellable product."""
    return {sku: product.stock for sku, product in load_products().items()}


def get_inventory() -> Inventory:
    """The process-wide inventory, built from the catalog on first call."""
    global _inventory
    if _inventory is None:
        _inventory = Inventory(_initial_stock())
    return _inventory


def reset_inventory() -> None:
    """Forget the inventory so the next call re-reads the catalog."""
    global _inventory
    _inventory = None
