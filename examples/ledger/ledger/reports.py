"""Human-readable reports over a journal."""

from decimal import Decimal

from ledger.formats import *  # noqa: F403 - format_amount, format_date, pad_columns

from .journal import Journal
from .models import AccountKind


def trial_balance_report(journal: Journal) -> str:
    lines = []
    for code, raw in journal.trial_balance().items():
        account = journal.chart.get(code)
        lines.append(pad_columns([account.describe(), format_amount(account.signed(raw))], [32, 14]))  # noqa: F405
    return "\n".join(lines)


def net_income(journal: Journal) -> Decimal:
    income = sum((journal.balance(a.code) for a in journal.chart.of_kind(AccountKind.INCOME)), Decimal(0))
    expenses = sum((journal.balance(a.code) for a in journal.chart.of_kind(AccountKind.EXPENSE)), Decimal(0))
    return income - expenses


def statement(journal: Journal, code: str) -> list[str]:
    """One line per posting to the account, oldest first."""
    lines = []
    for entry in sorted(journal.entries, key=lambda e: e.date):
        for posting in entry.postings:
            if posting.account == code:
                lines.append(f"{format_date(entry.date)}  {entry.description:<20} {format_amount(posting.amount):>12}")  # noqa: F405
    return lines
