"""Builders shared by unit and integration tests."""

import datetime as dt
from decimal import Decimal

from ledger.models import Entry, Posting


def make_entry(*lines: tuple[str, str], description: str = "test entry", date: dt.date | None = None) -> Entry:
    """An entry from (account, amount) pairs; amounts are strings for readability."""
    return Entry(date or dt.date(2024, 2, 1), description, [Posting(code, Decimal(amount)) for code, amount in lines])


def sale(gross: str) -> list[tuple[str, str]]:
    """The postings of a cash sale of gross, VAT included at 20%."""
    net = (Decimal(gross) / Decimal("1.2")).quantize(Decimal("0.01"))
    vat = Decimal(gross) - net
    return [("1000", gross), ("4000", str(-net)), ("2100", str(-vat))]
