"""Money arithmetic shared by the whole package."""

import decimal
from decimal import Decimal

from . import settings

ZERO = Decimal("0.00")
_EXPONENT = Decimal(1).scaleb(-settings.DECIMALS)


def quantize(amount: Decimal | str | int) -> Decimal:
    """Round to the ledger's precision with the configured rounding mode."""
    return Decimal(amount).quantize(_EXPONENT, rounding=getattr(decimal, settings.ROUNDING))


def parse_amount(text: str) -> Decimal:
    """Parse '1,234.50', '(12.00)' (an accounting negative) or '-3'."""
    cleaned = text.strip().replace(",", "").replace("_", "")
    if not cleaned:
        raise ValueError("empty amount")
    if cleaned.startswith("(") and cleaned.endswith(")"):
        cleaned = "-" + cleaned[1:-1]
    return quantize(cleaned)


def allocate(amount: Decimal | str, parts: int) -> list[Decimal]:
    """Split amount into parts that differ by at most a cent and add up exactly."""
    if parts <= 0:
        raise ValueError("parts must be positive")
    cents = int(quantize(amount).scaleb(settings.DECIMALS))
    base, extra = divmod(cents, parts)
    return [quantize(Decimal(base + (1 if i < extra else 0)).scaleb(-settings.DECIMALS)) for i in range(parts)]
