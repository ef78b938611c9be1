"""Stock records. Slotted: the import pipeline creates one per row."""

from core.errors import NEGATIVE_QUANTITY, ValidationError
from core.units import factor, to_grams

DEFAULT_UNIT = "g"


class Quantity:
    __slots__ = ("amount", "unit")

    def __init__(self, amount: float, unit: str = DEFAULT_UNIT):
        self.amount = amount
        self.unit = unit

    def __repr__(self):
        return "Quantity(%g, %r)" % (self.amount, self.unit)


@to_grams.register
def _(value: Quantity) -> float:
    return value.amount * factor(value.unit)


class Item:
    __slots__ = ("sku", "name", "qty", "grams_each")

    def __init__(self, sku: str, name: str, qty: int, grams_each: float):
        if qty < 0:
            raise ValidationError(NEGATIVE_QUANTITY.format(qty=qty))
        self.sku = sku
        self.name = name
        self.qty = qty
        self.grams_each = grams_each

    @property
    def total_grams(self) -> float:
        return self.qty * self.grams_each

    def with_qty(self, qty: int) -> "Item":
        return Item(self.sku, self.name, qty, self.grams_each)

    def as_dict(self) -> dict:
        return {name: getattr(self, name) for name in self.__slots__}

    def __eq__(self, other):
        return isinstance(other, Item) and self.as_dict() == other.as_dict()

    def __repr__(self):
        return f"Item({self.sku!r}, qty={self.qty})"
