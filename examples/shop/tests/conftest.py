"""Fixtures shared by the whole suite."""

import pytest

from shop import catalog
from shop.cart import Cart
from shop.inventory import get_inventory


@pytest.fixture
def cart():
    """A cart with two books and a bag of beans (net 39.90*2 + 18.75)."""
    basket = Cart()
    basket.add("BK-001", 2)
    basket.add("CF-010")
    return basket


@pytest.fixture(scope="session")
def catalog_index():
    """Category pages are expensive to build, so the suite builds them once."""
    return catalog.build_index()


@pytest.fixture(autouse=True)
def _release_reservations():
    """Tests share the process-wide inventory; give back what a test reserved."""
    yield
    get_inventory().release_all()
