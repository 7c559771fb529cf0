"""API sync against local fake WooCommerce and Shopify servers following the documented formats."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytest_httpserver import HTTPServer
from sqlmodel import select
from werkzeug import Request, Response

from cli_support import run_cli
from storeops.db import Store
from storeops.http import make_client
from storeops.models import Order, OrderLine, Shipment, SyncState
from storeops.sync.platforms import ShopifyAdmin, WooCommerce
from storeops.sync.runner import run_sync
from storeops.sync.transport import ApiClient, SyncError

TOKEN = "shpat_secret_token_0123456789"
WC_KEY, WC_SECRET = "ck_key_abcdef", "cs_secret_987654"


def wc_order(number: int, modified: str, status: str = "processing") -> dict[str, Any]:
    return {
        "id": 700 + number,
        "number": str(number),
        "status": status,
        "currency": "EUR",
        "date_created_gmt": "2026-11-20T10:00:00",
        "date_modified_gmt": modified,
        "total": "25.00",
        "total_tax": "4.00",
        "shipping_total": "5.00",
        "discount_total": "0.00",
        "customer_note": "",
        "billing": {"first_name": "Ada", "last_name": "L", "email": f"ada{number}@example.com"},
        "shipping": {"first_name": "Ada", "last_name": "L", "city": "Paris", "postcode": "75001"},
        "line_items": [
            {
                "name": "Mug",
                "sku": "MUG",
                "quantity": 2,
                "price": 8,
                "subtotal": "16.00",
                "total": "16.00",
            },
        ],
        "shipping_lines": [{"method_title": "Colissimo"}],
    }


@pytest.fixture
def woo(httpserver: HTTPServer) -> Iterator[dict[str, Any]]:
    """A WooCommerce shop of 3 orders, 2 a page; records every request's query."""
    orders = [
        wc_order(1, "2026-11-21T08:00:00"),
        wc_order(2, "2026-11-22T08:00:00", "completed"),
        wc_order(3, "2026-11-23T08:00:00", "on-hold"),
    ]
    seen: list[dict[str, str]] = []

    def handler(request: Request) -> Response:
        seen.append(dict(request.args))
        if request.authorization is None or (
            request.authorization.username,
            request.authorization.password,
        ) != (WC_KEY, WC_SECRET):
            return Response("{}", status=401)
        after = request.args.get("modified_after")
        chosen = [o for o in orders if after is None or o["date_modified_gmt"] > after]
        per_page = 2
        page = int(request.args["page"])
        pages = max(1, -(-len(chosen) // per_page))
        body = chosen[(page - 1) * per_page : page * per_page]
        return Response(
            json.dumps(body), headers={"X-WP-TotalPages": str(pages)}, mimetype="application/json"
        )

    httpserver.expect_request("/wp-json/wc/v3/orders").respond_with_handler(handler)
    yield {"orders": orders, "seen": seen, "url": httpserver.url_for("/").rstrip("/")}


def woo_platform(url: str, sleeps: list[float] | None = None) -> WooCommerce:
    client = make_client()
    api = ApiClient(
        client, WooCommerce.auth_headers(WC_KEY, WC_SECRET), sleep=(sleeps or []).append
    )
    return WooCommerce(api, url)


def test_woocommerce_full_then_incremental(store: Store, woo: dict[str, Any]) -> None:
    first = run_sync(store, woo_platform(woo["url"]))

    assert first.pages == 2
    assert first.as_json()["created"] == {
        "customers": 3, "order_lines": 3, "orders": 3, "shipments": 0,
    }  # fmt: skip
    assert [q["page"] for q in woo["seen"]] == ["1", "2"]
    assert all(q["per_page"] == "100" and q["orderby"] == "modified" for q in woo["seen"])
    with store.reading() as session:
        orders = session.exec(select(Order).order_by(Order.number)).all()
        line = session.exec(select(OrderLine)).first()
        state = session.exec(select(SyncState)).one()
    assert [(o.number, o.financial_status, o.fulfillment_status) for o in orders] == [
        ("#1", "paid", "unfulfilled"),
        ("#2", "paid", "fulfilled"),
        ("#3", "pending", "on_hold"),
    ]
    assert (orders[0].source, orders[0].external_id, orders[0].currency) == (
        "woocommerce", "701", "EUR",
    )  # fmt: skip
    assert line is not None and (line.sku, line.quantity, str(line.price)) == ("MUG", 2, "8.00")
    assert (state.status, state.rows, str(state.cursor)) == ("ok", 3, "2026-11-23 08:00:00+00:00")

    woo["seen"].clear()
    woo["orders"][1]["status"] = "refunded"
    woo["orders"][1]["date_modified_gmt"] = "2026-11-24T09:00:00"
    second = run_sync(store, woo_platform(woo["url"]))

    assert woo["seen"][0]["modified_after"] == "2026-11-23T07:59:59"  # cursor less the overlap
    assert second.incremental
    assert second.as_json()["updated"]["orders"] == 1
    with store.reading() as session:
        refunded = session.exec(select(Order).where(Order.number == "#2")).one()
    assert refunded.financial_status == "refunded"


def test_wrong_keys_are_one_clear_error_and_recorded(store: Store, woo: dict[str, Any]) -> None:
    platform = WooCommerce(ApiClient(make_client(), WooCommerce.auth_headers("x", "y")), woo["url"])

    with pytest.raises(SyncError, match=r"refused the credentials \(401\); check the key"):
        run_sync(store, platform)
    with store.reading() as session:
        state = session.exec(select(SyncState)).one()
    assert state.status == "failed"
    assert state.error is not None and "401" in state.error


def shopify_order(number: int, updated: str) -> dict[str, Any]:
    return {
        "id": 450_000 + number,
        "name": f"#{1000 + number}",
        "email": "Bob@Example.com",
        "created_at": "2026-11-20T10:00:00-05:00",
        "updated_at": updated,
        "cancelled_at": None,
        "financial_status": "paid",
        "fulfillment_status": "fulfilled" if number == 1 else None,
        "currency": "USD",
        "subtotal_price": "40.00",
        "total_tax": "3.20",
        "total_discounts": "0.00",
        "total_price": "48.20",
        "total_shipping_price_set": {"shop_money": {"amount": "5.00", "currency_code": "USD"}},
        "line_items": [
            {
                "sku": "TEE",
                "name": "Tee",
                "quantity": 2,
                "price": "20.00",
                "total_discount": "0.00",
                "fulfillable_quantity": 0,
            }
        ],
        "fulfillments": [
            {
                "tracking_company": "UPS",
                "tracking_numbers": ["1Z999AA10123456784"],
                "created_at": "2026-11-21T12:00:00-05:00",
                "shipment_status": "in_transit",
            }
        ]
        if number == 1
        else [],
    }


def test_shopify_cursor_pages_rate_limits_and_fulfillments(
    store: Store, httpserver: HTTPServer
) -> None:
    calls: list[dict[str, Any]] = []
    next_url = httpserver.url_for("/admin/api/2024-10/orders.json") + "?page_info=abc&limit=250"

    def handler(request: Request) -> Response:
        calls.append(
            {"args": dict(request.args), "token": request.headers.get("X-Shopify-Access-Token")}
        )
        if len(calls) == 1:
            return Response("{}", status=429, headers={"Retry-After": "2.0"})
        if len(calls) == 2:
            return Response("{}", status=429)  # no Retry-After: back off on our own
        if request.args.get("page_info") == "abc":
            body = {"orders": [shopify_order(2, "2026-11-22T10:00:00-05:00")]}
            return Response(json.dumps(body), headers={"X-Shopify-Shop-Api-Call-Limit": "39/40"})
        body = {"orders": [shopify_order(1, "2026-11-21T10:00:00-05:00")]}
        return Response(
            json.dumps(body),
            headers={"Link": f'<{next_url}>; rel="next"', "X-Shopify-Shop-Api-Call-Limit": "1/40"},
        )  # fmt: skip

    httpserver.expect_request("/admin/api/2024-10/orders.json").respond_with_handler(handler)
    sleeps: list[float] = []
    api = ApiClient(
        make_client(), ShopifyAdmin.auth_headers(TOKEN), backoff=0.5, sleep=sleeps.append
    )

    result = run_sync(store, ShopifyAdmin(api, httpserver.url_for("/").rstrip("/")))

    assert sleeps == [2.0, 1.0, 1.0]  # Retry-After; our backoff (0.5 * 2); the call limit was near
    assert calls[2]["args"] == {"status": "any", "limit": "250", "order": "updated_at asc"}
    assert calls[3]["args"] == {"page_info": "abc", "limit": "250"}  # nothing else with a cursor
    assert all(call["token"] == TOKEN for call in calls)
    assert result.as_json()["created"] == {
        "customers": 1, "order_lines": 2, "orders": 2, "shipments": 1,
    }  # fmt: skip
    with store.reading() as session:
        shipment = session.exec(select(Shipment)).one()
        first = session.exec(select(Order).where(Order.number == "#1001")).one()
    assert (shipment.carrier, shipment.tracking_number, shipment.order_id) == (
        "ups", "1Z999AA10123456784", first.id,
    )  # fmt: skip
    assert (first.fulfillment_status, str(first.created_at)) == (
        "fulfilled", "2026-11-20 15:00:00+00:00",
    )  # fmt: skip


def test_a_failed_page_keeps_the_committed_ones_and_resumes(
    store: Store, httpserver: HTTPServer
) -> None:
    fail = {"now": True}
    next_url = httpserver.url_for("/admin/api/2024-10/orders.json") + "?page_info=p2&limit=250"

    def handler(request: Request) -> Response:
        if request.args.get("page_info") == "p2":
            if fail["now"]:
                return Response("oops", status=500)
            return Response(json.dumps({"orders": [shopify_order(2, "2026-11-22T10:00:00Z")]}))
        since = request.args.get("updated_at_min")
        body = {"orders": [] if since else [shopify_order(1, "2026-11-21T10:00:00Z")]}
        if since:
            body = {"orders": [shopify_order(2, "2026-11-22T10:00:00Z")]}
            return Response(json.dumps(body))
        return Response(json.dumps(body), headers={"Link": f'<{next_url}>; rel="next"'})

    httpserver.expect_request("/admin/api/2024-10/orders.json").respond_with_handler(handler)
    shop = httpserver.url_for("/").rstrip("/")

    def platform() -> ShopifyAdmin:
        api = ApiClient(make_client(), ShopifyAdmin.auth_headers(TOKEN), sleep=lambda _s: None)
        return ShopifyAdmin(api, shop)

    with pytest.raises(SyncError, match="answered 500 5 times"):
        run_sync(store, platform())
    with store.reading() as session:
        assert len(session.exec(select(Order)).all()) == 1  # the first page stayed
        state = session.exec(select(SyncState)).one()
    assert (state.status, str(state.cursor)) == ("failed", "2026-11-21 10:00:00+00:00")

    fail["now"] = False
    resumed = run_sync(store, platform())

    assert resumed.incremental
    with store.reading() as session:
        assert len(session.exec(select(Order)).all()) == 2


def test_token_never_leaks_to_output_database_or_another_host(
    isolated_env: Path, httpserver: HTTPServer
) -> None:
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:
        other.expect_request("/admin/api/2024-10/orders.json").respond_with_json({"orders": []})
        target = other.url_for("/admin/api/2024-10/orders.json")
        httpserver.expect_request("/admin/api/2024-10/orders.json").respond_with_response(
            Response("", status=302, headers={"Location": target})
        )
        env = {"STOREOPS_SHOPIFY_TOKEN": TOKEN}
        shop = httpserver.url_for("/").rstrip("/")

        result = run_cli("sync", "shopify", "--shop", shop, env=env)
        status = run_cli("sync", "status", env=env)

        assert result.returncode == 1
        assert result.stderr.startswith(
            f"error: {shop}/admin/api/2024-10/orders.json redirected to another host "
        )
        assert other.log == []  # nothing at all reached the other host
        assert "failed" in status.stdout and "redirected to another host" in status.stdout
        for text in (result.stdout, result.stderr, status.stdout, status.stderr):
            assert TOKEN not in text
        for file in isolated_env.iterdir():
            if file.is_file():
                assert TOKEN.encode() not in file.read_bytes(), file
    finally:
        other.clear()
        if other.is_running():
            other.stop()


def test_missing_credentials_say_which_variable(isolated_env: Path) -> None:
    result = run_cli("sync", "woocommerce", "--url", "http://127.0.0.1:9")

    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "error: STOREOPS_WC_KEY is not set; export it (or store it in the OS keyring as service "
        '"storeops", name "STOREOPS_WC_KEY")'
    ]


def test_sync_status_before_any_sync(isolated_env: Path) -> None:
    result = run_cli("sync", "status")

    assert (result.returncode, result.stdout) == (0, "no sync has run yet\n")
