"""The value types of the ledger: account kinds, postings and entries."""

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from enum import Enum
from functools import cached_property
from typing import NamedTuple

from . import util
from .settings import CURRENCY


class AccountKind(Enum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"

    @property
    def normal_side(self) -> str:
        """Assets and expenses grow with debits; the others with credits."""
        return "debit" if self in (AccountKind.ASSET, AccountKind.EXPENSE) else "credit"


class Posting(NamedTuple):
    """One line of an entry: a positive amount is a debit, a negative one a credit."""

    account: str
    amount: Decimal
    memo: str = ""
    currency: str = CURRENCY


class Entry:
    """A dated set of postings that must add up to zero."""

    def __init__(self, date: dt.date, description: str, postings: Iterable[Posting]) -> None:
        self.date = date
        self.description = description
        self.postings = tuple(postings)

    @property
    def is_balanced(self) -> bool:
        return sum((p.amount for p in self.postings), Decimal(0)) == 0

    @cached_property
    def total(self) -> Decimal:
        """The debit side; an entry never changes once built, so compute it once."""
        return util.quantize(sum((p.amount for p in self.postings if p.amount > 0), Decimal(0)))

    def accounts(self) -> list[str]:
        return sorted({p.account for p in self.postings})

    def __repr__(self) -> str:
        return f"Entry({self.date.isoformat()}, {self.description!r}, {len(self.postings)} postings)"
