"""Small builders shared by several test modules."""

from decimal import Decimal

from shop.cart import Cart


def money(text):
    """Decimal literal helper: money("12.50")."""
    return Decimal(text)


def make_cart(*lines):
    """Build a cart from (sku, quantity) pairs."""
    cart = Cart()
    for sku, quantity in lines:
        cart.add(sku, quantity)
    return cart


def skus(cart):
    """The SKUs in a cart, in receipt order."""
    return [line.sku for line in cart.lines]
