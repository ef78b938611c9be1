import pytest

from core.models import Item
from core.storage import BaseStore, JsonFileStore, MemoryStore, Store

STORES = ["memory_store", "file_store"]


@pytest.fixture(params=STORES)
def store(request):
    return request.getfixturevalue(request.param)


def test_get(store):
    assert store.get("NUT-M4").qty == 3
    assert store.get("NOPE") is None


def test_put_replaces(store):
    store.put(Item("NUT-M4", "Hex nut M4", 7, 1.2))
    assert store.get("NUT-M4").qty == 7


def test_items_are_sorted_by_sku(store):
    assert [item.sku for item in store.items()] == ["BOLT-M4", "BRKT-L", "NUT-M4"]


def test_totals(store):
    assert len(store) == 3
    assert store.total_grams() == pytest.approx(3163.6)


def test_stores_satisfy_the_protocol(store):
    assert isinstance(store, Store)


def test_base_store_is_abstract():
    with pytest.raises(TypeError, match="abstract"):
        BaseStore()


def test_partial_store_cannot_be_built():
    class ReadOnly(BaseStore):
        def get(self, sku):
            return None

        def items(self):
            return iter(())

    with pytest.raises(TypeError, match="put"):
        ReadOnly()


def test_file_store_persists(tmp_path):
    JsonFileStore(tmp_path / "s.json").put(Item("A", "a", 1, 2.0))
    assert JsonFileStore(tmp_path / "s.json").get("A") == Item("A", "a", 1, 2.0)
    assert isinstance(MemoryStore(), BaseStore)
