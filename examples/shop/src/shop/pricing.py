"""Price arithmetic shared by the catalog, the cart and the discounts.

Money is always a Decimal rounded to whole cents: a float never enters a
price, so totals add up the same way on every machine.
"""

from __future__ import annotations

import warnings
from decimal import ROUND_HALF_UP, Decimal

# VAT applied to net prices unless a region overrides it.
TAX_RATE = Decimal("0.20")

# Every amount is rounded to this quantum before it is shown or summed.
CENT = Decimal("0.01")

DEFAULT_CURRENCY = "EUR"

# What one euro buys, refreshed by hand each quarter.
EXCHANGE_RATES = {
    "EUR": Decimal("1"),
    "USD": Decimal("1.08"),
    "GBP": Decimal("0.86"),
}

# The currencies a customer may pick at checkout.
SUPPORTED_CURRENCIES = tuple(EXCHANGE_RATES)


def to_decimal(value: Decimal | int | float | str) -> Decimal:
    """Convert user input to a Decimal without inheriting float noise."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, float):
        return Decimal(str(value))
    return Decimal(value)


def round_money(amount: Decimal | int | float | str) -> Decimal:
    """Round half up to cents, as the tax office does."""
    return to_decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)


def gross(net: Decimal | int | str, rate: Decimal = TAX_RATE) -> Decimal:
    """Return what a customer pays for a net amount."""
    return round_money(to_decimal(net) * (1 + rate))


def tax_part(net: Decimal | int | str, rate: Decimal = TAX_RATE) -> Decimal:
    """Return only the tax contained in gross(net, rate)."""
    return gross(net, rate) - round_money(net)


def bulk_price(
    unit_price: Decimal | int | str,
    quantity: int,
    threshold: int = 10,
    discount: Decimal = Decimal("0.05"),
) -> Decimal:
    """Price `quantity` units, with a discount from `threshold` units on."""
    if quantity < 0:
        raise ValueError("quantity must not be negative")
    total = to_decimal(unit_price) * quantity
    if quantity >= threshold:
        saving = total * discount
        total -= saving
    return round_money(total)


def convert(amount: Decimal | int | str, currency: str, rates: dict | None = None) -> Decimal:
    """Convert a euro amount into `currency`."""
    rates = EXCHANGE_RATES if rates is None else rates
    try:
        rate = rates[currency]
    except KeyError:
        raise ValueError(f"unsupported currency: {currency}") from None
    return round_money(to_decimal(amount) * rate)


def price_with_tax(net: Decimal | int | str) -> Decimal:
    """Old name of gross(), kept until the storefront stops calling it."""
    warnings.warn("price_with_tax() is deprecated; use gross()", DeprecationWarning, stacklevel=2)
    return gross(net)
