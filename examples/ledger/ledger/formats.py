"""Text formatting for reports; `from ledger.formats import *` gives the public part."""

import datetime as dt
from decimal import Decimal

from .settings import CURRENCY

__all__ = ["format_amount", "format_date", "pad_columns"]

SYMBOLS = {"EUR": "€", "USD": "$", "GBP": "£"}


def format_amount(amount: Decimal, currency: str = CURRENCY) -> str:
    sign = "-" if amount < 0 else ""
    return f"{sign}{_symbol(currency)}{abs(amount):,.2f}"


def format_date(date: dt.date) -> str:
    return date.strftime("%d %b %Y")


def pad_columns(cells: list[str], widths: list[int]) -> str:
    """Left-align the first cell, right-align the others."""
    first, *rest = cells
    out = first.ljust(widths[0])
    for cell, width in zip(rest, widths[1:]):
        out += cell.rjust(width)
    return out.rstrip()


def _symbol(currency: str) -> str:
    return SYMBOLS.get(currency, currency + " ")
