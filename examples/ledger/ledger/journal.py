"""The journal: where balanced entries are posted and balances are read."""

import datetime as dt
from decimal import Decimal

from . import util
from .chart import DEFAULT_CHART, ChartOfAccounts
from .models import Entry, Posting
from .util import ZERO


class UnbalancedEntry(ValueError):
    pass


class Journal:
    def __init__(self, chart: ChartOfAccounts | None = None) -> None:
        self.chart = chart if chart is not None else DEFAULT_CHART
        self.entries: list[Entry] = []

    def post(self, entry: Entry) -> Entry:
        if not entry.postings:
            raise UnbalancedEntry("an entry needs postings")
        if not entry.is_balanced:
            raise UnbalancedEntry(f"{entry.description!r} does not balance")
        for posting in entry.postings:
            self.chart.get(posting.account)
        self.entries.append(entry)
        return entry

    def record(self, date: dt.date, description: str, *postings: tuple[str, Decimal | str]) -> Entry:
        lines = [Posting(code, util.quantize(amount)) for code, amount in postings]
        return self.post(Entry(date, description, lines))

    def transfer(self, date: dt.date, amount: Decimal | str, source: str, target: str, memo: str = "") -> Entry:
        value = util.quantize(amount)
        lines = [Posting(target, value, memo), Posting(source, -value, memo)]
        return self.post(Entry(date, memo or f"transfer {source} -> {target}", lines))

    def raw_balance(self, code: str) -> Decimal:
        """Debits minus credits."""
        total = ZERO
        for entry in self.entries:
            for posting in entry.postings:
                if posting.account == code:
                    total += posting.amount
        return total

    def balance(self, code: str) -> Decimal:
        return self.chart.get(code).signed(self.raw_balance(code))

    def trial_balance(self) -> dict[str, Decimal]:
        used = {p.account for e in self.entries for p in e.postings}
        return {a.code: self.raw_balance(a.code) for a in self.chart if a.code in used}

    def between(self, start: dt.date, end: dt.date) -> "Journal":
        period = Journal(self.chart)
        period.entries = [e for e in self.entries if start <= e.date <= end]
        return period
