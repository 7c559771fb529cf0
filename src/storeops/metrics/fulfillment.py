"""Shipping: what has shipped, what is late, stuck or overcharged, and what stock it moved.

- Shipped: a shipment with a `shipped_at` (the carrier has the parcel); shipped in a period
  by that time. The condition also names every known status, which changes nothing for
  rows in the store's vocabulary and lets the database range-scan the (status, shipped_at)
  index instead of reading every shipment.
- The shipping cut-off (rules.shipping_cutoff, the store's local time): orders placed before
  a day's cut-off are due out that day. The last cut-off is the latest one at or before now.
- Packed without a contents check: `packed_at` set, `verified_at` not.
- In transit: status `in_transit` or `out_for_delivery`. Stuck: in transit and shipped more
  than the allowed transit time ago, or without a carrier scan (the last event, else the
  shipping time) for longer than the allowed silence.
- Overcharged: the carrier invoiced more than the label cost plus a tolerance (in percent of
  the label cost, and more than half a cent, so rounding never counts); the overcharge is
  the difference.
- An undeducted line: an order line shipped in a period whose fulfilled units are not all
  matched by `sale` stock movements of its SKU referencing its order number, recorded at or
  after the order was placed.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo
from typing import TYPE_CHECKING, Any

from sqlalchemy import ColumnElement, Select, and_, case, func, or_, select, union_all

from storeops.db import engine_of
from storeops.metrics.plain.operations import ShippingSpeed as ShippingSpeed
from storeops.tables import Order, OrderLine, Shipment, StockMovement
from storeops.vocabulary import SHIPMENT_STATUSES

if TYPE_CHECKING:
    from storeops.db import Executor

IN_TRANSIT = ("in_transit", "out_for_delivery")


def shipped_between(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Shipments handed to the carrier in [start, end)."""
    return and_(
        Shipment.status.in_(SHIPMENT_STATUSES),
        Shipment.shipped_at >= start,
        Shipment.shipped_at < end,
    )


def not_shipped() -> ColumnElement[bool]:
    """Shipments not yet handed to the carrier (every known status named, for the index)."""
    return and_(Shipment.status.in_(SHIPMENT_STATUSES), Shipment.shipped_at.is_(None))


def packed_unverified(start: datetime, end: datetime) -> ColumnElement[bool]:
    """Parcels packed without a contents check: not shipped yet, or shipped in [start, end).

    Two indexed look-ups joined by UNION ALL; one OR over both would read every shipment.
    """
    unchecked = and_(Shipment.packed_at.is_not(None), Shipment.verified_at.is_(None))
    waiting = select(Shipment.id).where(not_shipped(), unchecked)
    gone = select(Shipment.id).where(shipped_between(start, end), unchecked)
    return Shipment.id.in_(union_all(waiting, gone))


def last_cutoff(now: datetime, zone: tzinfo, cutoff: time) -> datetime:
    """The latest shipping cut-off at or before `now`: today's if passed, else yesterday's."""
    local = now.astimezone(zone)
    today = datetime.combine(local.date(), cutoff, tzinfo=zone)
    if today <= local:
        return today
    return datetime.combine(local.date() - timedelta(days=1), cutoff, tzinfo=zone)


def in_transit() -> ColumnElement[bool]:
    """Parcels on their way: with the carrier, not delivered."""
    return Shipment.status.in_(IN_TRANSIT)


def last_scan() -> ColumnElement[Any]:
    """The carrier's last event for a parcel, else when it shipped."""
    return func.coalesce(Shipment.last_event_at, Shipment.shipped_at)


def stuck_in_transit(now: datetime, transit: timedelta, silence: timedelta) -> ColumnElement[bool]:
    """In transit longer than `transit` since shipping, or without a scan for `silence`."""
    return and_(
        in_transit(),
        or_(Shipment.shipped_at < now - transit, last_scan() < now - silence),
    )


def overcharge() -> ColumnElement[Any]:
    """What the carrier invoiced above the label cost (negative when it charged less)."""
    return Shipment.invoiced_cost - Shipment.label_cost


def overcharged(tolerance_pct: float) -> ColumnElement[bool]:
    """Invoiced above the label cost by more than `tolerance_pct` percent (and half a cent)."""
    return and_(
        Shipment.invoiced_cost.is_not(None),
        overcharge() * 100 > Shipment.label_cost * tolerance_pct + 0.5,
    )


def undeducted_lines(start: datetime, end: datetime) -> Select[Any]:
    """Order lines of orders shipped in [start, end) whose units were not all deducted.

    Columns: order, sku, shipped (fulfilled units), deducted (units on matching sale
    movements) and missing (shipped - deducted, more than zero).
    """
    deducted = (
        select(func.coalesce(-func.sum(StockMovement.quantity), 0))
        .where(
            StockMovement.variant_id == OrderLine.variant_id,
            StockMovement.kind == "sale",
            StockMovement.reference == Order.number,
            # A sale is recorded when or after the order is placed; this bound lets the
            # (variant_id, created_at) index skip the SKU's older history.
            StockMovement.created_at >= Order.created_at,
        )
        .scalar_subquery()
    )
    # Driven from the window's shipments, never from all order lines.
    shipped = Order.id.in_(select(Shipment.order_id).where(shipped_between(start, end)))
    missing = OrderLine.fulfilled_quantity - deducted
    return (
        select(
            Order.number.label("order"),
            OrderLine.sku.label("sku"),
            OrderLine.fulfilled_quantity.label("shipped"),
            deducted.label("deducted"),
            missing.label("missing"),
        )
        .select_from(OrderLine)
        .join(Order, Order.id == OrderLine.order_id)
        .where(
            shipped,
            OrderLine.variant_id.is_not(None),
            OrderLine.fulfilled_quantity > 0,
            missing > 0,
        )
    )


def shipping_speed(session: Executor, start: datetime, end: datetime) -> ShippingSpeed:
    """How the parcels shipped in [start, end) went: time to ship, late ones, exceptions."""
    import statistics

    shipped = Shipment.shipped_at
    promised = Order.promised_ship_by
    counts = session.execute(
        select(
            func.count(),
            func.coalesce(func.sum(case((shipped > promised, 1), else_=0)), 0),
            func.coalesce(func.sum(case((Shipment.exception.is_not(None), 1), else_=0)), 0),
        )
        .join(Order, Order.id == Shipment.order_id)
        .where(shipped_between(start, end))
    ).one()
    shipped_count = int(counts[0])
    # The median is picked by the database (the one or two middle waits): a month of parcels
    # sent to Python would take longer than the query.
    wait = hours_between(session, shipped, Order.created_at)
    middle = session.scalars(
        select(wait)
        .join(Order, Order.id == Shipment.order_id)
        .where(shipped_between(start, end))
        .order_by(wait)
        .limit(2 - shipped_count % 2)
        .offset((shipped_count - 1) // 2)
    ).all()
    median = statistics.fmean(float(w) for w in middle) if shipped_count else None
    return ShippingSpeed(shipped_count, median, int(counts[1]), int(counts[2]))


def hours_between(session: Executor, later: Any, earlier: Any) -> ColumnElement[Any]:
    """`later - earlier` in hours, computed by the database (SQLite or PostgreSQL)."""
    if engine_of(session).dialect.name == "sqlite":
        return (func.julianday(later) - func.julianday(earlier)) * 24
    return func.extract("epoch", later - earlier) / 3600
