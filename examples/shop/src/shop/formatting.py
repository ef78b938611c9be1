"""Text helpers shared by the cart receipt, the discounts and the catalog."""

from __future__ import annotations

import re
from decimal import Decimal

from shop.pricing import DEFAULT_CURRENCY, round_money

CURRENCY_SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def format_money(amount: Decimal | int | str, currency: str = DEFAULT_CURRENCY) -> str:
    """Render an amount the way receipts show it: symbol, thousands, cents."""
    symbol = CURRENCY_SYMBOLS[currency]
    value = round_money(amount)
    sign = "-" if value < 0 else ""
    return f"{sign}{symbol}{abs(value):,.2f}"


def format_percent(fraction: Decimal | int | str, places: int = 0) -> str:
    """Render 0.25 as '25%'."""
    return f"{Decimal(fraction) * 100:.{places}f}%"


def slugify(text: str) -> str:
    """Turn a product name into the URL fragment the storefront links to."""
    slug = _NOT_SLUG.sub("-", text.lower())
    return slug.strip("-")


def receipt_line(label: str, amount: Decimal, width: int = 32) -> str:
    """Left-align a label and right-align its amount in a fixed width."""
    money = format_money(amount)
    room = width - len(money) - 1
    if len(label) > room:
        label = label[: max(room - 1, 0)] + "…"
    return f"{label:<{room}} {money}"


def plural(count: int, word: str) -> str:
    """Return '1 item' or '3 items'."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"
