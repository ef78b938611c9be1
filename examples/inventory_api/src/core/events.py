"""Stock movements. Every subclass registers itself under its `kind`, which is
how event logs (JSON lines) name them."""

from core import clock
from core.errors import UNKNOWN_EVENT, ValidationError


class Event:
    registry: dict[str, type["Event"]] = {}
    kind = "event"
    sign = 0

    def __init_subclass__(cls, kind: str, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.kind = kind
        Event.registry[kind] = cls

    __slots__ = ("sku", "qty", "at")

    def __init__(self, sku: str, qty: int, at: str | None = None):
        self.sku = sku
        self.qty = qty
        self.at = at or clock.stamp()

    @classmethod
    def from_dict(cls, raw: dict) -> "Event":
        try:
            event_cls = cls.registry[raw["kind"]]
        except KeyError:
            raise ValidationError(UNKNOWN_EVENT.format(kind=raw.get("kind"))) from None
        return event_cls(raw["sku"], int(raw["qty"]), raw.get("at"))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "sku": self.sku, "qty": self.qty, "at": self.at}

    @property
    def delta(self) -> int:
        return self.sign * self.qty


class Received(Event, kind="received"):
    __slots__ = ()
    sign = 1


class Shipped(Event, kind="shipped"):
    __slots__ = ()
    sign = -1


class Counted(Event, kind="counted"):
    """A stock take: sets the quantity instead of moving it."""

    __slots__ = ()
