import pytest

from core.errors import ValidationError
from core.models import Item, Quantity


def test_item_is_slotted():
    item = Item("BOLT-M4", "Bolt", 1, 4.0)
    assert not hasattr(item, "__dict__")
    with pytest.raises(AttributeError):
        item.colour = "zinc"


def test_negative_quantity_is_rejected():
    with pytest.raises(ValidationError, match=r"^quantity must not be negative, got -2$"):
        Item("BOLT-M4", "Bolt", -2, 4.0)


def test_total_grams(items):
    assert [item.total_grams for item in items] == pytest.approx([160.0, 3.6, 3000.0])


def test_with_qty_returns_a_copy(items):
    bolt = items[0]
    fewer = bolt.with_qty(5)
    assert (bolt.qty, fewer.qty) == (40, 5)
    assert fewer.sku == bolt.sku


def test_as_dict_lists_every_slot():
    assert Item("A", "a", 1, 2.5).as_dict() == {"sku": "A", "name": "a", "qty": 1, "grams_each": 2.5}


def test_items_compare_by_value():
    assert Item("A", "a", 1, 2.5) == Item("A", "a", 1, 2.5)
    assert Item("A", "a", 1, 2.5) != Item("A", "a", 2, 2.5)


def test_quantity_defaults_to_grams():
    assert repr(Quantity(3)) == "Quantity(3, 'g')"
    assert Quantity.__slots__ == ("amount", "unit")
