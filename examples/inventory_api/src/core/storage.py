"""Where items live. `Store` is the structural interface the api layer
types against; `BaseStore` is the shared implementation the concrete
stores inherit."""

import json
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Iterator, Protocol, runtime_checkable

from core.models import Item


@runtime_checkable
class Store(Protocol):
    def get(self, sku: str) -> Item | None: ...

    def put(self, item: Item) -> None: ...

    def items(self) -> Iterator[Item]: ...


class BaseStore(ABC):
    @abstractmethod
    def get(self, sku: str) -> Item | None: ...

    @abstractmethod
    def put(self, item: Item) -> None: ...

    @abstractmethod
    def items(self) -> Iterator[Item]: ...

    def total_grams(self) -> float:
        return sum(item.total_grams for item in self.items())

    def __len__(self) -> int:
        return sum(1 for _ in self.items())


class MemoryStore(BaseStore):
    def __init__(self, items=()):
        self._items = {item.sku: item for item in items}

    def get(self, sku):
        return self._items.get(sku)

    def put(self, item):
        self._items[item.sku] = item

    def items(self):
        yield from sorted(self._items.values(), key=lambda item: item.sku)


class JsonFileStore(BaseStore):
    """One JSON file, rewritten on every put (small warehouses only)."""

    def __init__(self, path: Path):
        self.path = Path(path)

    def _read(self) -> dict:
        if not self.path.exists():
            return {}
        return json.loads(self.path.read_text(encoding="utf-8"))

    def get(self, sku):
        raw = self._read().get(sku)
        return Item(**raw) if raw else None

    def put(self, item):
        data = self._read()
        data[item.sku] = item.as_dict()
        self.path.write_text(json.dumps(data, indent=2, sort_keys=True), encoding="utf-8")

    def items(self):
        for sku, raw in sorted(self._read().items()):
            yield Item(**raw)
