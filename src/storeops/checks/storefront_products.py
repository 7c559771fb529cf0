"""The storefront against the store: schema.org Product data on product pages vs the database.

A product sold out in the store but marked InStock on its page (or the reverse), and a page
price that differs from the store's, are what "update product availability on the website in
real time" is about. Split from `checks.storefront` (which imports this module so the type
registers) because it reads both the database and the site.
"""

from __future__ import annotations

import asyncio
import json
import re
from decimal import Decimal, InvalidOperation
from typing import Any

from storeops import http
from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import plural

_JSON_LD = re.compile(
    r"<script[^>]*type\s*=\s*[\"']?application/ld\+json[\"']?[^>]*>(.*?)</script>",
    re.IGNORECASE | re.DOTALL,
)
MAX_PRODUCTS = 100


def product_offers(text: str) -> tuple[bool | None, Decimal | None]:
    """(in stock?, price) from the page's JSON-LD Product, None where the page does not say."""
    for block in _JSON_LD.findall(text):
        try:
            data = json.loads(block)
        except ValueError:
            continue  # malformed JSON-LD on one block must not hide the next
        items = data if isinstance(data, list) else data.get("@graph", [data])
        for item in items:
            if isinstance(item, dict) and item.get("@type") == "Product":
                offers = item.get("offers") or {}
                offer = offers[0] if isinstance(offers, list) and offers else offers
                if not isinstance(offer, dict):
                    return None, None
                availability = str(offer.get("availability", ""))
                in_stock = None
                if availability:
                    in_stock = availability.rsplit("/", 1)[-1] in ("InStock", "LimitedAvailability")
                try:
                    price = Decimal(str(offer["price"])) if "price" in offer else None
                except InvalidOperation:
                    price = None
                return in_stock, price
    return None, None


@register
class ProductData(Check[NoParams]):
    """Product pages whose schema.org availability or price disagrees with the store."""

    type = "storefront.product_data"
    title = "Storefront product data matches the store"
    uses_http = True
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        from storeops.storefront.probe import client_for, fetch_policy

        root = ctx.settings.store.url
        if not root:
            return Measurement(
                None, "no storefront URL configured: set store.url", level=Level.SKIPPED
            )
        root = root.rstrip("/") + "/"
        products = _active_products(ctx, limit=MAX_PRODUCTS)
        section = ctx.settings.config.storefront
        policy = fetch_policy(section)

        async def fetch_all() -> list[http.Fetched]:
            gate = asyncio.Semaphore(section.concurrency)
            async with client_for(ctx.settings, connections=section.concurrency) as client:

                async def one(url: str) -> http.Fetched:
                    async with gate:
                        return await http.fetch(client, url, policy)

                return list(await asyncio.gather(*(one(p["page"](root)) for p in products)))

        pages = asyncio.run(fetch_all())
        details: list[dict[str, Any]] = []
        for product, page in zip(products, pages, strict=True):
            problem = _compare(product, page)
            if problem:
                details.append({"handle": product["handle"], "url": page.url, "problem": problem})
        if products and all(page.verdict in http.NETWORK_VERDICTS for page in pages):
            first = pages[0]
            return Measurement(
                len(pages),
                f"storefront unreachable: {first.verdict} ({first.error})",
                details[:MAX_DETAILS],
                level=Level.CRIT,
            )
        if not details:
            return Measurement(0, f"{plural(len(products), 'product page')} match the store")
        return Measurement(
            len(details),
            f"{plural(len(details), 'product page')} out of {len(products)} disagree with the "
            f"store: {details[0]['handle']} {details[0]['problem']}",
            details[:MAX_DETAILS],
        )


def _active_products(ctx: CheckContext, *, limit: int) -> list[dict[str, Any]]:
    from storeops.storefront.offers import active_offers

    return [
        {
            "handle": offer.handle,
            "price": offer.price,
            "in_stock": offer.in_stock,
            "page": (lambda root, u=offer.url, h=offer.handle: u or f"{root}products/{h}"),
        }
        for offer in active_offers(ctx.session, limit=limit)
    ]


def _compare(product: dict[str, Any], page: http.Fetched) -> str:
    if page.verdict != http.OK:
        return f"page {page.verdict} ({page.error})"
    in_stock, price = product_offers(page.text)
    if in_stock is None and price is None:
        return "no schema.org Product data on the page"
    if in_stock is True and not product["in_stock"]:
        return "sold out in the store but InStock on the site"
    if in_stock is False and product["in_stock"]:
        return "in stock in the store but OutOfStock on the site"
    if price is not None and product["price"] is not None and price != Decimal(product["price"]):
        return f"price {price} on the site, {product['price']} in the store"
    return ""
