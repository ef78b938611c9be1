import pytest

from api.service import InventoryService
from core.errors import StockError
from core.events import Counted, Received, Shipped


@pytest.fixture
def service(memory_store):
    return InventoryService(memory_store)


def test_receive(service):
    assert service.apply(Received("NUT-M4", 10, "t")).qty == 13


def test_ship(service):
    assert service.apply(Shipped("BOLT-M4", 15, "t")).qty == 25


def test_count_sets_the_quantity(service):
    assert service.apply(Counted("BOLT-M4", 7, "t")).qty == 7


def test_cannot_ship_more_than_stock(service):
    with pytest.raises(StockError, match=r"^cannot ship 50 of BOLT-M4: only 40 in stock$"):
        service.apply(Shipped("BOLT-M4", 50, "t"))


def test_unknown_sku(service):
    with pytest.raises(StockError, match="unknown sku"):
        service.apply(Received("NOPE", 1, "t"))


def test_low_stock_default_threshold(service, clean_env):
    assert [item.sku for item in service.low_stock()] == ["NUT-M4"]


def test_low_stock_threshold_from_environment(service, monkeypatch):
    monkeypatch.setenv("INVENTORY_LOW_STOCK", "12")
    assert [item.sku for item in service.low_stock()] == ["BRKT-L", "NUT-M4"]


def test_changes_are_stamped(service, frozen_clock):
    service.apply(Received("NUT-M4", 1, "t"))
    assert service.last_change() == "2024-05-17T09:30Z"


def test_apply_all_on_a_file_store(file_store, frozen_clock):
    service = InventoryService(file_store)
    assert service.apply_all([Received("NUT-M4", 1), Shipped("NUT-M4", 4)]) == 2
    assert file_store.get("NUT-M4").qty == 0
    assert service.log[0]["at"] == "2024-05-17T09:30Z"
