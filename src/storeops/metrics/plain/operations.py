"""Service, fulfilment, stock and the site in plain SQL: twins of `storeops.metrics.service`,
`.fulfillment`, `.inventory` and `.uptime` (see `metrics.plain`). The result types are defined
here and re-exported by those modules.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from storeops.metrics.plain import as_datetime, at, cents, hours_sql, literals
from storeops.vocabulary import (
    OPEN_PO_STATUSES,
    SHIPMENT_STATUSES,
    TICKET_STATUSES,
    UNRESOLVED,
    UP_VERDICTS,
)

if TYPE_CHECKING:
    from storeops.readers import Reader

# The vocabularies of `models.service` and `models.fulfillment` (a test holds them equal).


def hours(start: datetime, end: datetime) -> float:
    """The hours from `start` to `end`."""
    return (end - start).total_seconds() / 3600


def median(values: Iterable[float]) -> float | None:
    """The median of `values`, or None when there are none."""
    listed = list(values)
    return float(statistics.median(listed)) if listed else None


# -- customer service ---------------------------------------------------------------------


@dataclass(frozen=True)
class ChannelResponse:
    """First-response time of the tickets opened in a period through one channel."""

    channel: str
    opened: int
    answered: int
    first_response_hours: float | None  # median over the answered tickets


@dataclass(frozen=True)
class ResponseTimes:
    """A period's tickets and how fast they were answered and resolved."""

    opened: int
    answered: int
    first_response_hours: float | None  # median over the answered tickets
    resolved: int
    resolution_hours: float | None  # median over the tickets resolved in the period
    by_channel: tuple[ChannelResponse, ...] = ()  # slowest channel first

    @property
    def unanswered(self) -> int:
        """Tickets opened in the period still without a first response."""
        return self.opened - self.answered


# `metrics.service.opened_between` and `resolved_between` (see there for the index reasons).
_OPENED = (
    f"tickets.status IN ({literals(TICKET_STATUSES)}) "
    "AND tickets.opened_at >= :start AND tickets.opened_at < :end"
)
_RESOLVED = (
    f"(tickets.status NOT IN ({literals(UNRESOLVED)})) "
    "AND tickets.resolved_at >= :start AND tickets.resolved_at < :end "
    "AND coalesce(tickets.resolved_at, tickets.opened_at) >= :start "
    "AND coalesce(tickets.resolved_at, tickets.opened_at) < :end"
)


def response_medians(reader: Reader, start: datetime, end: datetime) -> ResponseTimes:
    """`metrics.service.response_medians`: counts and median hours, the middle picked in SQL."""
    params = {"start": at(start), "end": at(end)}
    opened, answered = reader.rows(
        f"SELECT count(*), count(tickets.first_response_at) FROM tickets WHERE {_OPENED}", params
    )[0]
    replied = f"{_OPENED} AND tickets.first_response_at IS NOT NULL"
    first = _middle_hours(reader, "tickets.first_response_at", int(answered), replied, params)
    closed = int(reader.rows(f"SELECT count(*) FROM tickets WHERE {_RESOLVED}", params)[0][0] or 0)
    resolution = _middle_hours(reader, "tickets.resolved_at", closed, _RESOLVED, params)
    return ResponseTimes(int(opened), int(answered), first, closed, resolution)


def _middle_hours(
    reader: Reader, later: str, count: int, where: str, params: dict[str, Any]
) -> float | None:
    """The median of `later - opened_at` in hours over the `count` tickets matching `where`."""
    if count == 0:
        return None
    rows = reader.rows(
        f"SELECT tickets.opened_at, {later} FROM tickets WHERE {where} "
        f"ORDER BY {hours_sql(reader, later, 'tickets.opened_at')} "
        f"LIMIT {2 - count % 2} OFFSET {(count - 1) // 2}",
        params,
    )
    return median(hours(as_datetime(low), as_datetime(high)) for low, high in rows)


def backlog(reader: Reader, moment: datetime) -> int:
    """`metrics.service.backlog`: tickets opened before `moment` and not resolved."""
    sql = (
        f"SELECT count(*) FROM tickets WHERE tickets.status IN ({literals(UNRESOLVED)}) "
        "AND tickets.opened_at < :at"
    )
    return int(reader.rows(sql, {"at": at(moment)})[0][0] or 0)


# -- fulfilment ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ShippingSpeed:
    """Shipments handed to the carrier in a period: how fast, how many late, how many failed."""

    shipped: int
    median_hours: float | None  # order placed -> shipped, median over the shipments
    late: int  # shipped after the order's promised ship-by time
    exceptions: int  # a carrier exception recorded (lost, damaged, address problem...)


# `metrics.fulfillment.shipped_between`.
SHIPPED = (
    f"shipments.status IN ({literals(SHIPMENT_STATUSES)}) "
    "AND shipments.shipped_at >= :start AND shipments.shipped_at < :end"
)


def shipping_speed(reader: Reader, start: datetime, end: datetime) -> ShippingSpeed:
    """`metrics.fulfillment.shipping_speed`: time to ship, late parcels, exceptions."""
    params = {"start": at(start), "end": at(end)}
    joined = f"FROM shipments JOIN orders ON orders.id = shipments.order_id WHERE {SHIPPED}"
    count, late, exceptions = reader.rows(
        "SELECT count(*), "
        "coalesce(sum(CASE WHEN (shipments.shipped_at > orders.promised_ship_by) "
        "THEN 1 ELSE 0 END), 0), "
        f"coalesce(sum(CASE WHEN (shipments.exception IS NOT NULL) THEN 1 ELSE 0 END), 0) {joined}",
        params,
    )[0]
    shipped = int(count)
    wait = hours_sql(reader, "shipments.shipped_at", "orders.created_at")
    middle = reader.rows(
        f"SELECT {wait} {joined} ORDER BY {wait} "
        f"LIMIT {2 - shipped % 2} OFFSET {(shipped - 1) // 2}",
        params,
    )
    speed = statistics.fmean(float(w) for (w,) in middle) if shipped else None
    return ShippingSpeed(shipped, speed, int(late), int(exceptions))


# -- stock --------------------------------------------------------------------------------


@dataclass(frozen=True)
class StockSummary:
    """The catalog's stock at a glance: active SKUs, how many are out, and what stock is worth."""

    active_skus: int
    out_of_stock: int
    below_zero: int
    units: int
    value: Decimal


def stock_summary(reader: Reader) -> StockSummary:
    """`metrics.inventory.stock_summary`: active SKUs, those out, units and value on the shelf."""
    row = reader.rows(
        "SELECT count(*), "
        "coalesce(sum(CASE WHEN (variants.on_hand <= 0) THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN (variants.on_hand < 0) THEN 1 ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN (variants.on_hand > 0) THEN variants.on_hand ELSE 0 END), 0), "
        "coalesce(sum(CASE WHEN (variants.on_hand > 0) THEN variants.on_hand ELSE 0 END "
        "* coalesce(variants.cost, 0)), 0) "
        "FROM variants JOIN products ON products.id = variants.product_id "
        "WHERE products.status = 'active'"
    )[0]
    return StockSummary(int(row[0]), int(row[1]), int(row[2]), int(row[3]), cents(row[4]))


def below_reorder_point(reader: Reader, default_point: int) -> list[dict[str, Any]]:
    """`metrics.inventory.below_reorder_point`'s rows, most urgent (lowest headroom) first.

    Each: sku, product, variant, on_hand, incoming, reorder_point, supplier, lead_time_days,
    headroom (on_hand + incoming - reorder_point).
    """
    columns = (
        "sku",
        "product",
        "variant",
        "on_hand",
        "incoming",
        "reorder_point",
        "supplier",
        "lead_time_days",
        "headroom",
    )
    sql = f"""
        SELECT variants.sku AS sku, products.title AS product, variants.title AS variant,
               variants.on_hand AS on_hand, coalesce(incoming.units, 0) AS incoming,
               coalesce(variants.reorder_point, :point) AS reorder_point,
               suppliers.name AS supplier, suppliers.lead_time_days AS lead_time_days,
               (variants.on_hand + coalesce(incoming.units, 0))
                 - coalesce(variants.reorder_point, :point) AS headroom
        FROM variants JOIN products ON products.id = variants.product_id
        LEFT OUTER JOIN (
          SELECT l.variant_id AS variant_id,
                 sum(CASE WHEN (l.quantity_ordered > l.quantity_received)
                          THEN l.quantity_ordered - l.quantity_received ELSE 0 END) AS units
          FROM purchase_order_lines AS l
          -- Driven from the few open purchase orders (`metrics.inventory.incoming_units`).
          WHERE l.purchase_order_id IN (
            SELECT purchase_orders.id FROM purchase_orders
            WHERE purchase_orders.status IN ({literals(OPEN_PO_STATUSES)}))
          GROUP BY l.variant_id
        ) AS incoming ON incoming.variant_id = variants.id
        LEFT OUTER JOIN suppliers ON suppliers.id = variants.supplier_id
        WHERE products.status = 'active'
          AND variants.on_hand + coalesce(incoming.units, 0)
              <= coalesce(variants.reorder_point, :point)
        ORDER BY headroom, sku
    """
    return [
        dict(zip(columns, row, strict=True)) for row in reader.rows(sql, {"point": default_point})
    ]


# -- the storefront -----------------------------------------------------------------------


@dataclass(frozen=True)
class Uptime:
    """Probes of the storefront over a period: how many, how many up, how fast."""

    probes: int
    up: int
    median_ms: float | None
    p95_ms: float | None

    @property
    def uptime_pct(self) -> float | None:
        """Probes up as a percentage of all probes; None without probes."""
        return 100 * self.up / self.probes if self.probes else None


def uptime(reader: Reader, start: datetime, end: datetime) -> Uptime:
    """`metrics.uptime.uptime`: uptime and response times of the probes in [start, end)."""
    rows = reader.rows(
        "SELECT probes.verdict, probes.total_ms FROM probes "
        "WHERE probes.checked_at >= :start AND probes.checked_at < :end",
        {"start": at(start), "end": at(end)},
    )
    up = sum(1 for verdict, _ in rows if verdict in UP_VERDICTS)
    times = sorted(float(ms) for verdict, ms in rows if verdict in UP_VERDICTS and ms is not None)
    middle = statistics.median(times) if times else None
    p95 = times[min(len(times) - 1, int(0.95 * len(times)))] if times else None
    return Uptime(len(rows), up, middle, p95)
