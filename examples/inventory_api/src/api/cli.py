"""The `inventory` command line.

    inventory report ITEMS.jsonl [--unit kg]
    inventory low ITEMS.jsonl [--events EVENTS.jsonl]
    inventory check ITEMS.jsonl
    inventory --version
"""

import argparse
import json
import sys
from pathlib import Path

import api
from api import render
from api.service import InventoryService
from core.errors import InventoryError
from core.events import Event
from core.pipeline import import_items
from core.storage import MemoryStore

ERROR_PREFIX = "error: "


def _load(path: str) -> list:
    with open(path, encoding="utf-8") as fh:
        return list(import_items(fh))


def cmd_report(args) -> int:
    print(render.report(_load(args.items), args.unit), end="")
    return 0


def cmd_low(args) -> int:
    service = InventoryService(MemoryStore(_load(args.items)))
    if args.events:
        lines = Path(args.events).read_text(encoding="utf-8").splitlines()
        service.apply_all(Event.from_dict(json.loads(line)) for line in lines if line.strip())
    for line in render.low_stock_lines(service.low_stock()):
        print(line)
    return 0


def cmd_check(args) -> int:
    count = sum(1 for _ in _load(args.items))
    print(f"ok: {count} records")
    return 0


def build_parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog=prog, description="Warehouse stock tool.")
    parser.add_argument("--version", action="version", version=f"{prog} {api.__version__}")
    sub = parser.add_subparsers(dest="command", required=True)
    report = sub.add_parser("report", help="print a stock report")
    report.add_argument("items")
    report.add_argument("--unit", default=None)
    report.set_defaults(func=cmd_report)
    low = sub.add_parser("low", help="list items at or below the low-stock threshold")
    low.add_argument("items")
    low.add_argument("--events")
    low.set_defaults(func=cmd_low)
    check = sub.add_parser("check", help="validate an items file")
    check.add_argument("items")
    check.set_defaults(func=cmd_check)
    return parser


def main(argv=None, prog: str = "inventory-cli") -> int:
    args = build_parser(prog).parse_args(argv)
    try:
        return args.func(args)
    except InventoryError as exc:
        print(ERROR_PREFIX + str(exc), file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
