import pytest

from shop.inventory import OutOfStock, get_inventory


def test_inventory_is_a_singleton():
    assert get_inventory() is get_inventory()


def test_initial_stock_comes_from_the_catalog():
    inventory = get_inventory()
    assert inventory.available("KT-101") == 2
    assert inventory.available("CF-012") == 0
    assert inventory.available("KT-199") == 0


def test_reserve_lowers_availability():
    inventory = get_inventory()
    inventory.reserve("BK-002", 3)
    assert inventory.available("BK-002") == 1
    assert inventory.reserved() == {"BK-002": 3}


def test_reservations_do_not_leak_between_tests():
    assert get_inventory().reserved() == {}
    assert get_inventory().available("BK-002") == 4


def test_cannot_reserve_more_than_available():
    with pytest.raises(OutOfStock, match="wanted 4, have 3"):
        get_inventory().reserve("KT-100", 4)


def test_release():
    inventory = get_inventory()
    inventory.reserve("CF-010", 10)
    inventory.release("CF-010", 4)
    assert inventory.available("CF-010") == 34
    inventory.release("CF-010", 6)
    assert inventory.reserved() == {}
