"""Labels of summary lines; `from ledger.labels import *` gives the public part."""

from decimal import Decimal

from .models import AccountKind

__all__ = ["kind_label", "total_label"]

# How an empty total reads. Not exported: ledger.summary, which star-imports
# this module, has a ZERO of its own (the number).
ZERO = "nil"


def kind_label(kind: AccountKind) -> str:
    return kind.value.capitalize()


def total_label(amount: Decimal) -> str:
    return f"{amount:,.2f}" if amount else ZERO
