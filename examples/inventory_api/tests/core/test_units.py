from decimal import Decimal

import pytest

from core.errors import ValidationError
from core.models import Quantity
from core.units import from_grams, to_grams


@pytest.mark.parametrize("value", [250, 250.0, Decimal("250")])
def test_numbers_are_grams(value):
    assert to_grams(value) == 250.0


@pytest.mark.parametrize(
    "text, grams",
    [("1.5kg", 1500.0), ("12 oz", 340.19), ("2 lb", 907.18), ("250", 250.0)],
)
def test_text_amounts(text, grams):
    assert to_grams(text) == pytest.approx(grams, abs=0.01)


def test_quantity_amounts():
    assert to_grams(Quantity(2, "kg")) == pytest.approx(2000)


def test_unsupported_type():
    with pytest.raises(TypeError, match=r"cannot convert list to grams"):
        to_grams([1, 2])


def test_unknown_unit_message():
    with pytest.raises(ValidationError, match=r"unknown unit 'st' \(expected one of g, kg, lb, oz\)"):
        to_grams("3 st")


def test_from_grams_rounds_to_three_places():
    assert from_grams(1000, "lb") == 2.205
    assert from_grams(1234.5678, "kg") == 1.235
