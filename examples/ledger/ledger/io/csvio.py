"""CSV: one row per posting, grouped into entries by the entry column."""

import csv
import datetime as dt
import io
from itertools import groupby

from ..journal import Journal
from ..models import Entry, Posting
from ..util import parse_amount

FORMAT = "csv"
HEADER = ["entry", "date", "description", "account", "amount", "memo"]


def dump(journal: Journal) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for number, entry in enumerate(journal.entries, 1):
        for p in entry.postings:
            writer.writerow([number, entry.date.isoformat(), entry.description, p.account, p.amount, p.memo])
    return out.getvalue()


def load(text: str, journal: Journal | None = None) -> Journal:
    journal = journal if journal is not None else Journal()
    rows = csv.DictReader(io.StringIO(text))
    for _, group in groupby(rows, key=lambda row: row["entry"]):
        lines = list(group)
        postings = [Posting(r["account"], parse_amount(r["amount"]), r["memo"]) for r in lines]
        journal.post(Entry(dt.date.fromisoformat(lines[0]["date"]), lines[0]["description"], postings))
    return journal
