"""Text input: "1.5kg", "12 oz", "250". Registers str with core.units.to_grams."""

import re

from core.units import factor, to_grams

_AMOUNT = re.compile(r"^\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>[a-z]*)\s*$")


@to_grams.register(str)
def _(value: str) -> float:
    match = _AMOUNT.match(value.lower())
    if match is None:
        raise ValueError(f"not an amount: {value!r}")
    return float(match["num"]) * factor(match["unit"] or "g")


def parse_sku(text: str) -> str:
    return text.strip().upper().replace(" ", "-")
