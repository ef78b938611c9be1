"""The product catalog and the shipping regions, both read from data files.

Products come from data/products.json through a cached loader, so the file is
parsed once per process; regions come from data/regions.csv, read when this
module is imported because every checkout needs them.
"""

from __future__ import annotations

import csv
import functools
import json
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from shop.pricing import gross, to_decimal

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Product:
    sku: str
    name: str
    category: str
    net_price: Decimal
    stock: int
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    tax_rate: Decimal
    shipping: Decimal


@functools.lru_cache(maxsize=1)
def load_products() -> dict[str, Product]:
    """Parse products.json once; discontinued products are never sold."""
    raw = json.loads((DATA_DIR / "products.json").read_text(encoding="utf-8"))
    products = {}
    for entry in raw["products"]:
        if entry.get("discontinued", False):
            continue
        product = Product(
            sku=entry["sku"],
            name=entry["name"],
            category=entry["category"],
            net_price=to_decimal(entry["net_price"]),
            stock=int(entry.get("stock", 0)),
            tags=tuple(entry.get("tags", ())),
        )
        products[product.sku] = product
    return products


def _load_regions(path: Path) -> dict[str, Region]:
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    return {
        row["code"]: Region(row["code"], row["name"], Decimal(row["tax_rate"]), Decimal(row["shipping"]))
        for row in rows
    }


REGIONS = _load_regions(DATA_DIR / "regions.csv")


def get_product(sku: str) -> Product:
    """Return one product, or raise LookupError naming the unknown SKU."""
    try:
        return load_products()[sku]
    except KeyError:
        raise LookupError(f"unknown product {sku!r}") from None


def search(term: str) -> list[str]:
    """Return the SKUs whose name or tags contain `term`, case-insensitively."""
    term = term.strip().lower()
    hits = []
    for product in load_products().values():
        if term in product.name.lower() or term in product.tags:
            hits.append(product.sku)
    return sorted(hits)


def build_index() -> dict[str, list[Product]]:
    """Group products by category, cheapest first, for the category pages."""
    index: dict[str, list[Product]] = {}
    for product in load_products().values():
        index.setdefault(product.category, []).append(product)
    for products in index.values():
        products.sort(key=lambda p: (p.net_price, p.sku))
    return index


def shipping_cost(region: str) -> Decimal:
    """Flat shipping fee for a region code such as 'EU'."""
    return REGIONS[region].shipping


def regional_price(sku: str, region: str) -> Decimal:
    """Gross price of a product with the region's own tax rate."""
    return gross(get_product(sku).net_price, REGIONS[region].tax_rate)
