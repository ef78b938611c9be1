"""Error types and their message templates.

The templates are module constants so the command line and the tests share
one wording; `.format` ones take keywords, `%` ones take a tuple.
"""

NEGATIVE_QUANTITY = "quantity must not be negative, got {qty}"
UNKNOWN_UNIT = "unknown unit %r (expected one of %s)"
UNSUPPORTED_VALUE = "cannot convert %s to grams"
MISSING_FIELD = "record {index}: missing field {field!r}"
WRONG_TYPE = "record {index}: field {field!r} must be {expected}"
UNKNOWN_EVENT = "unknown event kind {kind!r}"
OUT_OF_STOCK = "cannot ship {qty} of {sku}: only {available} in stock"


class InventoryError(Exception):
    """Base class, so the command line can catch everything it reports."""


class ValidationError(InventoryError):
    pass


class StockError(InventoryError):
    pass
