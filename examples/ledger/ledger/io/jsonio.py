"""JSON: a list of entries with nested postings."""

import datetime as dt
import json
from decimal import Decimal

from ..journal import Journal
from ..models import Entry, Posting

FORMAT = "json"


def dump(journal: Journal) -> str:
    doc = [
        {
            "date": e.date.isoformat(),
            "description": e.description,
            "postings": [{"account": p.account, "amount": str(p.amount), "memo": p.memo} for p in e.postings],
        }
        for e in journal.entries
    ]
    return json.dumps(doc, indent=1, sort_keys=True)


def load(text: str, journal: Journal | None = None) -> Journal:
    journal = journal if journal is not None else Journal()
    for item in json.loads(text):
        postings = [Posting(p["account"], Decimal(p["amount"]), p["memo"]) for p in item["postings"]]
        journal.post(Entry(dt.date.fromisoformat(item["date"]), item["description"], postings))
    return journal
