"""One labelled total per account kind."""

from .util import ZERO
from ledger.labels import *  # noqa: F403 - kind_label, total_label

from .journal import Journal
from .models import AccountKind


def kind_totals(journal: Journal) -> dict[str, str]:
    totals = {}
    for kind in AccountKind:
        total = sum((journal.balance(a.code) for a in journal.chart.of_kind(kind)), ZERO)
        totals[kind_label(kind)] = total_label(total)  # noqa: F405
    return totals
