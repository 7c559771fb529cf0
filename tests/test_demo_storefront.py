"""The demo storefront: pages from the store, planted problems, served on 127.0.0.1."""

from __future__ import annotations

import asyncio
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

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


def test_product_data_check_finds_the_sold_out_product_shown_in_stock(
    store: Store, isolated_env: Path
) -> None:
    from storeops.checks.base import CheckContext, NoParams
    from storeops.checks.storefront_products import ProductData
    from storeops.config import load_settings

    with store.writing() as session:
        for handle, on_hand, price in (("mug", 5, "9.50"), ("lamp", 0, "20.00")):
            product = make(session, Product, handle=handle, title=handle.title())
            make(
                session,
                Variant,
                product_id=product.id,
                sku=handle,
                price=Decimal(price),
                on_hand=on_hand,
            )
    with store.reading() as session:
        pages = build_pages(session)
    server, url = serve_in_background(pages)
    isolated_env.mkdir(parents=True, exist_ok=True)
    (isolated_env / "config.yaml").write_text(f"store:\n  url: {url}\n", encoding="utf-8")
    try:
        with store.reading() as session:
            ctx = CheckContext(session, load_settings(), datetime.now(UTC), UTC)
            measurement = ProductData().measure(ctx, NoParams())
    finally:
        server.shutdown()
        server.server_close()
    assert measurement.value == 1
    assert measurement.summary == (
        "1 product page out of 2 disagree with the store: "
        "lamp sold out in the store but InStock on the site"
    )
    assert measurement.details == [
        {
            "handle": "lamp",
            "url": f"{url}products/lamp",
            "problem": "sold out in the store but InStock on the site",
        }
    ]


def test_product_offers_reads_json_ld_and_survives_malformed_blocks() -> None:
    from storeops.checks.storefront_products import product_offers

    page = (
        '<script type="application/ld+json">{not json</script>'
        '<script type="application/ld+json">{"@graph": [{"@type": "Product", "offers": '
        '[{"price": "12.5", "availability": "http://schema.org/OutOfStock"}]}]}</script>'
    )
    assert product_offers(page) == (False, Decimal("12.5"))
    assert product_offers("<html>no data</html>") == (None, None)
