from importlib.resources import files

import pytest

from core.errors import ValidationError
from core.schema import load_schema, validate


def test_schema_is_packaged_with_core():
    assert files("core").joinpath("schema.json").is_file()


def test_required_fields():
    assert load_schema()["required"] == ["sku", "name", "qty"]


def test_defaults_are_filled_in():
    record = validate({"sku": "A", "name": "a", "qty": 1})
    assert record["weight"] == "0g"


def test_missing_field_names_the_record():
    with pytest.raises(ValidationError, match=r"^record 3: missing field 'qty'$"):
        validate({"sku": "A", "name": "a"}, index=3)


def test_wrong_type():
    with pytest.raises(ValidationError, match="field 'qty' must be int"):
        validate({"sku": "A", "name": "a", "qty": "7"})
