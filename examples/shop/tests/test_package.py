import shop
from shop import TAX_RATE, Cart, format_money, gross


def test_public_names():
    assert sorted(shop.__all__) == ["Cart", "LineItem", "TAX_RATE", "format_money", "get_product", "gross", "search"]


def test_reexports_work_together():
    cart = Cart()
    cart.add("KT-102")
    assert format_money(gross(cart.subtotal, TAX_RATE)) == "€26.52"
