import itertools

import pytest

from core.errors import ValidationError
from core.models import Item
from core.pipeline import batched, import_items, read_lines


def test_read_lines_skips_blanks_and_comments():
    assert list(read_lines(["# x\n", "\n", " a \n", "b"])) == ["a", "b"]


def test_import_from_file(imported):
    assert [item.sku for item in imported] == ["BOLT-M4", "NUT-M4", "BRKT-L", "GLUE", "WASHER"]
    assert imported[3].grams_each == pytest.approx(226.8, abs=0.01)
    assert imported[4].grams_each == 0


def test_pipeline_is_lazy():
    def lines():
        yield '{"sku": "A", "name": "a", "qty": 1}'
        raise AssertionError("read too far")

    first = next(import_items(lines()))
    assert first == Item("A", "a", 1, 0.0)


def test_errors_surface_when_consumed():
    items = import_items(['{"sku": "A", "name": "a", "qty": 1}', '{"sku": "B"}'])
    assert next(items).sku == "A"
    with pytest.raises(ValidationError, match="record 1: missing field 'name'"):
        next(items)


@pytest.mark.parametrize("size, shape", [(2, [2, 2, 1]), (5, [5])])
def test_batched(imported, size, shape):
    assert [len(batch) for batch in batched(imported, size)] == shape


def test_batched_is_lazy():
    counter = itertools.count()
    assert next(batched(counter, 3)) == [0, 1, 2]
    assert next(counter) == 3
