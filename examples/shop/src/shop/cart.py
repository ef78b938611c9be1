"""A customer's shopping cart."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from shop import discounts
from shop.catalog import get_product
from shop.formatting import plural, receipt_line
from shop.pricing import DEFAULT_CURRENCY, TAX_RATE, round_money


class CartFull(Exception):
    """The cart already holds MAX_LINES different products."""


@dataclass(frozen=True)
class LineItem:
    sku: str
    quantity: int
    unit_price: Decimal

    @property
    def total(self) -> Decimal:
        return round_money(self.unit_price * self.quantity)


class Cart:
    """Lines keyed by SKU, with net prices; tax is added on the subtotal."""

    MAX_LINES = 8
    MAX_QUANTITY = 20
    currency = DEFAULT_CURRENCY

    def __init__(self) -> None:
        self._lines: dict[str, LineItem] = {}
        self._discount: str | None = None

    def add(self, sku: str, quantity: int = 1) -> LineItem:
        if quantity <= 0:
            raise ValueError("quantity must be positive")
        product = get_product(sku)
        current = self._lines.get(sku)
        if current is None and len(self._lines) >= self.MAX_LINES:
            raise CartFull(f"a cart holds at most {self.MAX_LINES} products")
        new_quantity = quantity + (current.quantity if current else 0)
        if new_quantity > self.MAX_QUANTITY:
            raise ValueError(f"at most {self.MAX_QUANTITY} units of {sku}")
        line = LineItem(sku, new_quantity, product.net_price)
        self._lines[sku] = line
        return line

    def remove(self, sku: str) -> None:
        self._lines.pop(sku, None)

    def apply_discount(self, code: str) -> None:
        discounts.discount_for(code, self.subtotal)  # fail early on unknown codes
        self._discount = code

    @property
    def lines(self) -> list[LineItem]:
        return sorted(self._lines.values(), key=lambda line: line.sku)

    @property
    def item_count(self) -> int:
        return sum(line.quantity for line in self._lines.values())

    @property
    def subtotal(self) -> Decimal:
        return sum((line.total for line in self._lines.values()), Decimal("0.00"))

    @property
    def discount(self) -> Decimal:
        if self._discount is None:
            return Decimal("0.00")
        return discounts.discount_for(self._discount, self.subtotal)

    @property
    def tax(self) -> Decimal:
        return round_money((self.subtotal - self.discount) * TAX_RATE)

    @property
    def total(self) -> Decimal:
        return self.subtotal - self.discount + self.tax

    def receipt(self) -> list[str]:
        rows = [receipt_line(f"{line.quantity} x {line.sku}", line.total) for line in self.lines]
        if self._discount:
            rows.append(receipt_line(f"discount {self._discount}", -self.discount))
        rows.append(receipt_line("tax", self.tax))
        rows.append(receipt_line(f"total ({plural(self.item_count, 'item')})", self.total))
        return rows
