"""Settings read from the environment at call time, never cached."""

import os

ENV_LOW_STOCK = "INVENTORY_LOW_STOCK"
DEFAULT_LOW_STOCK = "5"
ENV_UNIT = "INVENTORY_UNIT"


def low_stock_threshold() -> int:
    return int(os.environ.get(ENV_LOW_STOCK, DEFAULT_LOW_STOCK))


def display_unit() -> str:
    return os.environ.get(ENV_UNIT, "kg")
