"""The demo storefront: pages from the store, planted problems, served on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import re
from decimal import Decimal

from factories import make
from storeops import http
from storeops.db import Store
from storeops.models import Product, Variant
from storeops.storefront.crawl import CrawlLimits, crawl
from storeops.storefront.demo_site import BROKEN_LINKS, build_pages, serve_in_background


def test_demo_storefront_serves_products_with_a_planted_mismatch(store: Store) -> None:
    with store.writing() as session:
        for handle, on_hand in (("mug", 5), ("lamp", 0), ("vase", 0)):
            product = make(session, Product, handle=handle, title=handle.title())
            make(
                session,
                Variant,
                product_id=product.id,
                sku=handle,
                price=Decimal("9.50"),
                on_hand=on_hand,
            )
    with store.reading() as session:
        pages = build_pages(session)
    server, url = serve_in_background(pages)
    try:

        async def get(path: str) -> http.Fetched:
            async with http.make_async_client() as client:
                return await http.fetch(client, url.rstrip("/") + path)

        availability = {}
        for handle in ("mug", "lamp", "vase"):
            page = asyncio.run(get(f"/products/{handle}"))
            data = json.loads(re.findall(r"ld\+json\">(.*?)</script>", page.text)[0])
            availability[handle] = data["offers"]["availability"].rsplit("/", 1)[1]
        # lamp is sold out but shown in stock: the planted problem; vase is honest
        assert availability == {"mug": "InStock", "lamp": "InStock", "vase": "OutOfStock"}
        report = crawl(url, CrawlLimits(rate_per_second=0))
    finally:
        server.shutdown()
        server.server_close()
    assert report.pages == 5  # home, three products, cart
    assert sorted(p.url for p in report.broken) == sorted(url.rstrip("/") + p for p in BROKEN_LINKS)
