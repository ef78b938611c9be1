"""Plain-text reports. The templates are constants so the golden files in
tests/golden stay the single picture of the output."""

from textblocks import rule

from core.config import display_unit
from core.models import DEFAULT_UNIT, Item
from core.units import from_grams

HEADER_TEMPLATE = "{sku:<10} {name:<18} {qty:>5} {weight:>10}"
LINE_TEMPLATE = "{sku:<10} {name:<18} {qty:>5} {weight:>10}"
SUMMARY_TEMPLATE = "%d skus, %d units, %.2f %s"
LOW_STOCK_TEMPLATE = "LOW  %-10s %3d left"
RULE = rule(46)


def weight_text(grams: float, unit: str | None = None) -> str:
    unit = unit or display_unit()
    return "{:.2f} {}".format(from_grams(grams, unit), unit)


def report(items: list[Item], unit: str | None = None) -> str:
    unit = unit or display_unit()
    lines = [HEADER_TEMPLATE.format(sku="SKU", name="NAME", qty="QTY", weight="WEIGHT"), RULE]
    for item in items:
        lines.append(
            LINE_TEMPLATE.format(sku=item.sku, name=item.name, qty=item.qty, weight=weight_text(item.total_grams, unit))
        )
    total = sum(item.total_grams for item in items)
    lines.append(RULE)
    lines.append(SUMMARY_TEMPLATE % (len(items), sum(item.qty for item in items), from_grams(total, unit), unit))
    return "\n".join(lines) + "\n"


def low_stock_lines(items: list[Item]) -> list[str]:
    return [LOW_STOCK_TEMPLATE % (item.sku, item.qty) for item in items]


def grams_label(grams: float) -> str:
    """Raw weights, in the unit the records are stored in."""
    return "%g%s" % (grams, DEFAULT_UNIT)
