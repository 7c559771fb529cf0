"""The two APIs: how their order pages are fetched and mapped onto the store model.

Both yield pages of `Record`s shaped like the Shopify CSV importer's, so the same upserts write
them, plus the newest modification time in the page (the cursor a resumed sync starts from).
"""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any, Protocol

from storeops.importers.pipeline import Record
from storeops.sync.transport import ApiClient, Page, SyncError

# Records modified in the same second can straddle two pages: a resumed or incremental sync
# starts a little before its cursor, and the idempotent upserts make the overlap harmless.
OVERLAP = timedelta(seconds=1)
WC_PER_PAGE = 100
SHOPIFY_LIMIT = 250
SHOPIFY_API_VERSION = "2024-10"

# WooCommerce has one status; the store model has two. completed = paid and shipped.
WC_STATUSES = {
    "pending": ("pending", "unfulfilled"),
    "processing": ("paid", "unfulfilled"),
    "on-hold": ("pending", "on_hold"),
    "completed": ("paid", "fulfilled"),
    "cancelled": ("voided", "unfulfilled"),
    "refunded": ("refunded", "restocked"),
    "failed": ("voided", "unfulfilled"),
    "checkout-draft": ("pending", "unfulfilled"),
}
SHOPIFY_FINANCIAL = {
    "pending": "pending",
    "authorized": "authorized",
    "paid": "paid",
    "partially_paid": "partially_paid",
    "partially_refunded": "partially_refunded",
    "refunded": "refunded",
    "voided": "voided",
    "expired": "voided",
}
SHOPIFY_FULFILLMENT = {
    None: "unfulfilled",
    "partial": "partial",
    "fulfilled": "fulfilled",
    "restocked": "restocked",
    "unfulfilled": "unfulfilled",
}
_NEXT_LINK = re.compile(r'<([^>]+)>\s*;\s*rel="?next"?')


class Platform(Protocol):
    """An API that pages through orders modified since a cursor."""

    source: str
    shop: str  # the shop's address as shown to people (no credentials)

    def pages(self, since: datetime | None) -> Iterator[tuple[list[Record], datetime | None]]:
        """Yield (records, newest modification time in them), oldest first."""
        ...


def _money(value: Any) -> Decimal:
    return Decimal(str(value or "0")).quantize(Decimal("0.01"))


def _utc(value: str | None, *, naive_is_utc: bool = False) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    if parsed.tzinfo is None:
        if not naive_is_utc:
            raise SyncError(f"the API sent a time without its offset: {value}")
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


def _customer(email: str | None, first: str, last: str, created: datetime) -> dict[str, Any] | None:
    if not email:
        return None
    return {
        "email": email,
        "first_name": first,
        "last_name": last,
        "phone": None,
        "accepts_marketing": False,
        "created_at": created,
    }


class WooCommerce:
    """WooCommerce REST API v3: page/per_page paging, X-WP-TotalPages, consumer key/secret."""

    source = "woocommerce"

    def __init__(self, api: ApiClient, url: str) -> None:
        self.api = api
        self.shop = url.rstrip("/")

    @staticmethod
    def auth_headers(key: str, secret: str) -> dict[str, str]:
        """HTTP Basic with the consumer key and secret (in a header, never in the URL)."""
        token = base64.b64encode(f"{key}:{secret}".encode()).decode()
        return {"Authorization": f"Basic {token}"}

    def pages(self, since: datetime | None) -> Iterator[tuple[list[Record], datetime | None]]:
        """Orders by modification time, oldest first, 100 a page."""
        params = {
            "per_page": str(WC_PER_PAGE),
            "orderby": "modified",
            "order": "asc",
            "dates_are_gmt": "true",
        }
        if since is not None:
            params["modified_after"] = (since - OVERLAP).strftime("%Y-%m-%dT%H:%M:%S")
        page_number = 1
        while True:
            page = self.api.get(
                f"{self.shop}/wp-json/wc/v3/orders", {**params, "page": str(page_number)}
            )
            records = [self.order(order) for order in _list(page)]
            newest = max((r.extra["modified"] for r in records), default=None)
            yield records, newest
            total = int(page.headers.get("x-wp-totalpages", "1") or "1")
            if page_number >= total or not records:
                return
            page_number += 1

    def order(self, order: dict[str, Any]) -> Record:
        """A WooCommerce order as a store order with its lines and customer."""
        financial, fulfillment = WC_STATUSES.get(
            order.get("status", ""), ("pending", "unfulfilled")
        )
        created = _utc(order.get("date_created_gmt"), naive_is_utc=True)
        if created is None:
            raise SyncError(f"order {order.get('id')} has no date_created_gmt")
        billing = order.get("billing") or {}
        shipping = order.get("shipping") or {}
        email = (billing.get("email") or "").lower() or None
        lines = order.get("shipping_lines") or [{}]
        values = {
            "source": self.source,
            "external_id": str(order["id"]),
            "number": f"#{order.get('number') or order['id']}",
            "email": email,
            "created_at": created,
            "cancelled_at": _utc(order.get("date_modified_gmt"), naive_is_utc=True)
            if order.get("status") == "cancelled"
            else None,
            "financial_status": financial,
            "fulfillment_status": fulfillment,
            "risk": "low",
            "tags": "",
            "note": order.get("customer_note") or "",
            "currency": order.get("currency") or "USD",
            "subtotal": sum(
                (_money(i.get("subtotal")) for i in order.get("line_items", [])), Decimal("0.00")
            ),
            "shipping": _money(order.get("shipping_total")),
            "tax": _money(order.get("total_tax")),
            "discount": _money(order.get("discount_total")),
            "total": _money(order.get("total")),
            "discount_code": None,
            "channel": order.get("created_via") or "web",
            "shipping_method": lines[0].get("method_title") if lines else None,
            "ship_name": " ".join(
                filter(None, [shipping.get("first_name"), shipping.get("last_name")])
            )
            or None,
            "ship_address1": shipping.get("address_1") or None,
            "ship_city": shipping.get("city") or None,
            "ship_province": shipping.get("state") or None,
            "ship_zip": shipping.get("postcode") or None,
            "ship_country": shipping.get("country") or None,
        }
        children = [
            {
                "sku": item.get("sku") or None,
                "title": item.get("name") or "",
                "quantity": int(item.get("quantity") or 0),
                "price": _money(item.get("price")),
                "discount": _money(item.get("subtotal")) - _money(item.get("total")),
                "fulfilled_quantity": int(item.get("quantity") or 0)
                if fulfillment == "fulfilled"
                else 0,
            }
            for item in order.get("line_items", [])
        ]
        customer = _customer(
            email, billing.get("first_name") or "", billing.get("last_name") or "", created
        )
        modified = _utc(order.get("date_modified_gmt"), naive_is_utc=True) or created
        return Record(
            0, values, children, {"customer": customer, "modified": modified, "shipments": []}
        )


class ShopifyAdmin:
    """Shopify Admin REST API: cursor paging by Link header, call-limit header, status=any."""

    source = "shopify"

    def __init__(self, api: ApiClient, shop: str) -> None:
        self.api = api
        host = shop.removeprefix("https://").removeprefix("http://").rstrip("/")
        self.base = shop.rstrip("/") if "://" in shop else f"https://{host}"
        self.shop = self.base

    @staticmethod
    def auth_headers(token: str) -> dict[str, str]:
        """The Admin API access token header."""
        return {"X-Shopify-Access-Token": token}

    def pages(self, since: datetime | None) -> Iterator[tuple[list[Record], datetime | None]]:
        """Orders of every status by update time, oldest first, 250 a page."""
        url: str | None = f"{self.base}/admin/api/{SHOPIFY_API_VERSION}/orders.json"
        params: dict[str, str] | None = {
            "status": "any",
            "limit": str(SHOPIFY_LIMIT),
            "order": "updated_at asc",
        }
        if since is not None and params is not None:
            params["updated_at_min"] = (since - OVERLAP).isoformat()
        while url is not None:
            page = self.api.get(url, params)
            self._respect_call_limit(page)
            orders = page.body.get("orders", []) if isinstance(page.body, dict) else None
            if orders is None:
                raise SyncError(f"{self.base} answered without an orders list")
            records = [self.order(order) for order in orders]
            yield records, max((r.extra["modified"] for r in records), default=None)
            # The next page's URL carries its own page_info cursor; no other parameter is allowed.
            found = _NEXT_LINK.search(page.headers.get("link", ""))
            url, params = (found.group(1), None) if found else (None, None)

    def _respect_call_limit(self, page: Page) -> None:
        used, _, limit = page.headers.get("x-shopify-shop-api-call-limit", "").partition("/")
        if used.isdigit() and limit.isdigit() and int(limit) - int(used) <= 2:
            self.api.pause(1.0)  # the bucket leaks 2 calls a second; let it drain

    def order(self, order: dict[str, Any]) -> Record:
        """A Shopify API order as a store order with its lines, customer and shipments."""
        created = _utc(order.get("created_at"))
        if created is None:
            raise SyncError(f"order {order.get('id')} has no created_at")
        shipping = order.get("shipping_address") or {}
        customer = order.get("customer") or {}
        email = (order.get("email") or "").lower() or None
        shipping_set = (order.get("total_shipping_price_set") or {}).get("shop_money") or {}
        lines = order.get("shipping_lines") or []
        values = {
            "source": self.source,
            "external_id": str(order["id"]),
            "number": order.get("name") or f"#{order.get('order_number')}",
            "email": email,
            "created_at": created,
            "cancelled_at": _utc(order.get("cancelled_at")),
            "financial_status": SHOPIFY_FINANCIAL.get(
                order.get("financial_status") or "pending", "pending"
            ),
            "fulfillment_status": SHOPIFY_FULFILLMENT.get(
                order.get("fulfillment_status"), "unfulfilled"
            ),
            "risk": "low",
            "tags": order.get("tags") or "",
            "note": order.get("note") or "",
            "currency": order.get("currency") or "USD",
            "subtotal": _money(order.get("subtotal_price")),
            "shipping": _money(shipping_set.get("amount")),
            "tax": _money(order.get("total_tax")),
            "discount": _money(order.get("total_discounts")),
            "total": _money(order.get("total_price")),
            "discount_code": None,
            "channel": order.get("source_name") or "web",
            "shipping_method": lines[0].get("title") if lines else None,
            "ship_name": shipping.get("name") or None,
            "ship_address1": shipping.get("address1") or None,
            "ship_city": shipping.get("city") or None,
            "ship_province": shipping.get("province_code") or None,
            "ship_zip": shipping.get("zip") or None,
            "ship_country": shipping.get("country_code") or None,
        }
        children = [
            {
                "sku": item.get("sku") or None,
                "title": item.get("name") or item.get("title") or "",
                "quantity": int(item.get("quantity") or 0),
                "price": _money(item.get("price")),
                "discount": _money(item.get("total_discount")),
                "fulfilled_quantity": int(item.get("quantity") or 0)
                - int(item.get("fulfillable_quantity") or 0)
                if "fulfillable_quantity" in item
                else 0,
            }
            for item in order.get("line_items", [])
        ]
        shipments = [
            {
                "carrier": (f.get("tracking_company") or "unknown").lower(),
                "tracking_number": number,
                "status": _shipment_status(f.get("shipment_status")),
                "shipped_at": _utc(f.get("created_at")),
            }
            for f in order.get("fulfillments") or []
            for number in (f.get("tracking_numbers") or [f.get("tracking_number")])
            if number
        ]
        person = _customer(
            email, customer.get("first_name") or "", customer.get("last_name") or "", created
        )
        modified = _utc(order.get("updated_at")) or created
        return Record(
            0, values, children, {"customer": person, "modified": modified, "shipments": shipments}
        )


def _shipment_status(status: str | None) -> str:
    return {
        "delivered": "delivered",
        "in_transit": "in_transit",
        "out_for_delivery": "out_for_delivery",
        "failure": "exception",
        "label_printed": "label_created",
        "confirmed": "in_transit",
    }.get(status or "", "in_transit")


def _list(page: Page) -> list[dict[str, Any]]:
    if not isinstance(page.body, list):
        raise SyncError("the API answered something other than a list of orders")
    return page.body
