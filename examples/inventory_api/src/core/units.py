"""Weight conversion. `to_grams` dispatches on the value's type; the str and
Quantity implementations are registered by core.parsing and core.models."""

from decimal import Decimal
from functools import singledispatch

from core.errors import UNKNOWN_UNIT, UNSUPPORTED_VALUE, ValidationError

GRAMS_PER = {"g": 1, "kg": 1000, "lb": 453.59237, "oz": 28.349523125}


@singledispatch
def to_grams(value) -> float:
    raise TypeError(UNSUPPORTED_VALUE % type(value).__name__)


@to_grams.register(int)
@to_grams.register(float)
def _(value) -> float:
    return float(value)


@to_grams.register
def _(value: Decimal) -> float:
    return float(value)


def factor(unit: str) -> float:
    try:
        return GRAMS_PER[unit]
    except KeyError:
        raise ValidationError(UNKNOWN_UNIT % (unit, ", ".join(sorted(GRAMS_PER)))) from None


def from_grams(grams: float, unit: str) -> float:
    return round(grams / factor(unit), 3)
