"""The import pipeline: lazy generator stages, so a million-line file never
sits in memory. Nothing here runs until the caller consumes the result."""

import json
from typing import Iterable, Iterator

from core.models import Item
from core.parsing import parse_sku
from core.schema import load_schema, validate
from core.units import to_grams


def read_lines(lines: Iterable[str]) -> Iterator[str]:
    for line in lines:
        line = line.strip()
        if line and not line.startswith("#"):
            yield line


def decode(lines: Iterable[str]) -> Iterator[dict]:
    for line in lines:
        yield json.loads(line)


def validated(records: Iterable[dict]) -> Iterator[dict]:
    schema = load_schema()
    for index, record in enumerate(records):
        yield validate(record, index, schema)


def to_items(records: Iterable[dict]) -> Iterator[Item]:
    for record in records:
        yield Item(parse_sku(record["sku"]), record["name"], record["qty"], to_grams(record["weight"]))


def batched(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def import_items(lines: Iterable[str]) -> Iterator[Item]:
    """Lines of JSON records -> validated Items, lazily."""
    return to_items(validated(decode(read_lines(lines))))
