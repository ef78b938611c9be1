"""shop: catalog, cart, pricing and discounts of a small web shop."""

from shop.cart import Cart, LineItem
from shop.catalog import get_product, search
from shop.formatting import format_money
from shop.pricing import TAX_RATE, gross

__version__ = "0.3.0"

__all__ = ["Cart", "LineItem", "TAX_RATE", "format_money", "get_product", "gross", "search"]
