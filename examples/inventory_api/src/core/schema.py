"""Validation of imported records against the packaged schema.json."""

import json
from importlib.resources import files

from core.errors import MISSING_FIELD, WRONG_TYPE, ValidationError

_TYPES = {"str": str, "int": int, "float": (int, float)}


def load_schema() -> dict:
    return json.loads(files("core").joinpath("schema.json").read_text(encoding="utf-8"))


def validate(record: dict, index: int = 0, schema: dict | None = None) -> dict:
    """Return the record with defaults filled in, or raise ValidationError."""
    schema = schema or load_schema()
    for field in schema["required"]:
        if field not in record:
            raise ValidationError(MISSING_FIELD.format(index=index, field=field))
    out = {**schema.get("defaults", {}), **record}
    for field, type_name in schema["types"].items():
        if field in out and not isinstance(out[field], _TYPES[type_name]):
            raise ValidationError(WRONG_TYPE.format(index=index, field=field, expected=type_name))
    return out
