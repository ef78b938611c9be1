"""VAT on sales."""

from decimal import Decimal

from . import settings, util


def vat_of(net: Decimal | str, rate: Decimal = settings.VAT_RATE) -> Decimal:
    return util.quantize(Decimal(net) * rate)


def split_gross(gross: Decimal | str, rate: Decimal = settings.VAT_RATE) -> tuple[Decimal, Decimal]:
    """(net, vat) of a VAT-inclusive amount; the two always add up to gross."""
    net = util.quantize(Decimal(gross) / (1 + rate))
    return net, util.quantize(gross) - net
