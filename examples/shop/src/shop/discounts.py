"""Discount codes, registered by name with a decorator.

Marketing adds a code by writing one small function; checkout only ever looks
codes up by the name a customer typed.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal

from shop import formatting
from shop.pricing import round_money

DiscountRule = Callable[[Decimal], Decimal]

_REGISTRY: dict[str, DiscountRule] = {}


class UnknownDiscount(LookupError):
    """The customer typed a code that does not exist."""


def register(name: str) -> Callable[[DiscountRule], DiscountRule]:
    """Make a rule available under `name`; names are case-insensitive."""

    def decorate(rule: DiscountRule) -> DiscountRule:
        key = name.lower()
        if key in _REGISTRY:
            raise ValueError(f"discount {key!r} registered twice")
        _REGISTRY[key] = rule
        return rule

    return decorate


@register("blackfriday")
def black_friday(subtotal: Decimal) -> Decimal:
    """30% off everything."""
    return round_money(subtotal * Decimal("0.30"))


@register("welcome10")
def welcome(subtotal: Decimal) -> Decimal:
    """10% off a first order of at least 20 euros."""
    if subtotal < 20:
        return Decimal("0.00")
    return round_money(subtotal / 10)


@register("fiver")
def fiver(subtotal: Decimal) -> Decimal:
    """A flat five euros off."""
    return Decimal("5.00")


def available() -> list[str]:
    """All codes, sorted, for the admin page."""
    return sorted(_REGISTRY)


def discount_for(code: str, subtotal: Decimal) -> Decimal:
    """Amount taken off `subtotal`; never more than the subtotal itself."""
    try:
        rule = _REGISTRY[code.lower()]
    except KeyError:
        raise UnknownDiscount(code) from None
    return min(rule(subtotal), subtotal)


def describe(code: str, subtotal: Decimal) -> str:
    """One receipt line such as 'BLACKFRIDAY -€30.00 (30%)'."""
    amount = discount_for(code, subtotal)
    share = formatting.format_percent(amount / subtotal) if subtotal else "0%"
    return f"{code.upper()} -{formatting.format_money(amount)} ({share})"
