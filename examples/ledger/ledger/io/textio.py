"""Plain text, for humans and e-mails; loaded only by name, through ledger.plugins."""

from ..formats import format_amount
from ..journal import Journal

FORMAT = "text"
ACCOUNT_WIDTH = 6


def dump(journal: Journal) -> str:
    lines = []
    for entry in journal.entries:
        lines.append(f"{entry.date.isoformat()} {entry.description}")
        for p in entry.postings:
            lines.append(f"  {p.account:<{ACCOUNT_WIDTH}}{format_amount(p.amount):>14}  {p.memo}".rstrip())
    return "\n".join(lines) + "\n"
