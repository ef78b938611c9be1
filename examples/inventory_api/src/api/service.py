"""The stock service: applies events to a store and answers stock questions."""

from core import clock
from core.config import low_stock_threshold
from core.errors import OUT_OF_STOCK, StockError
from core.events import Counted, Event
from core.models import Item
from core.storage import Store


class InventoryService:
    def __init__(self, store: Store):
        self.store = store
        self.log: list[dict] = []

    def apply(self, event: Event) -> Item:
        item = self.store.get(event.sku)
        if item is None:
            raise StockError(f"unknown sku {event.sku}")
        if isinstance(event, Counted):
            new_qty = event.qty
        else:
            new_qty = item.qty + event.delta
        if new_qty < 0:
            raise StockError(OUT_OF_STOCK.format(qty=event.qty, sku=event.sku, available=item.qty))
        updated = item.with_qty(new_qty)
        self.store.put(updated)
        self.log.append({**event.to_dict(), "applied": clock.stamp()})
        return updated

    def apply_all(self, events) -> int:
        count = 0
        for event in events:
            self.apply(event)
            count += 1
        return count

    def low_stock(self) -> list[Item]:
        threshold = low_stock_threshold()
        return [item for item in self.store.items() if item.qty <= threshold]

    def last_change(self) -> str | None:
        return self.log[-1]["applied"] if self.log else None
