import pytest

import core


def test_lazy_attributes_resolve_to_their_modules():
    from core.models import Item

    assert core.Item is Item


def test_lazy_import_statement():
    from core import MemoryStore, to_grams

    assert len(MemoryStore()) == 0
    assert to_grams(2) == 2.0


def test_quantity_via_package():
    assert core.Quantity(2, "kg").amount == 2


def test_unknown_attribute():
    with pytest.raises(AttributeError, match=r"has no attribute 'Warehouse'"):
        core.Warehouse


def test_shelf_label():
    assert core.LABELS["shelf"].format(sku="A1", qty=3) == "A1 | 3"


def test_bin_label():
    # runs after test_shelf_label: core.LABELS is cached, so this test runs
    # neither core.__getattr__ nor core/labels.py
    assert core.LABELS["bin"].format(sku="A1", qty=3) == "A1/3"


def test_dir_lists_lazy_names():
    assert {"Item", "Quantity", "Event", "MemoryStore", "to_grams"} <= set(dir(core))
