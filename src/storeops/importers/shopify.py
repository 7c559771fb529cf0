"""The Shopify CSV kinds `storeops import shopify KIND FILE` knows, by name."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storeops.importers.pipeline import Importer

SHOPIFY_KINDS = ("orders", "products", "inventory", "customers")


def shopify_importer(kind: str) -> Importer:
    """The importer for one kind of Shopify export."""
    from storeops.importers.shopify_catalog import ShopifyInventory, ShopifyProducts
    from storeops.importers.shopify_customers import ShopifyCustomers
    from storeops.importers.shopify_orders import ShopifyOrders

    importers: dict[str, Importer] = {
        "orders": ShopifyOrders(),
        "products": ShopifyProducts(),
        "inventory": ShopifyInventory(),
        "customers": ShopifyCustomers(),
    }
    return importers[kind]


def csv_importer(kind: str) -> Importer:
    """The importer for one generic CSV kind (tickets, expenses...)."""
    from storeops.importers.generic.importer import GenericImporter
    from storeops.importers.generic.kinds import KINDS

    return GenericImporter(KINDS[kind])
