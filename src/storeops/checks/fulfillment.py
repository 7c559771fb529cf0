"""Fulfilment and shipping checks: the cut-off, labels, contents, tracking, delivery, costs.

Definitions (shipped, the last cut-off, stuck in transit, overcharged) live in
`metrics.fulfillment`. Counts, money and the oldest age come from one aggregate, in the same
statement as the detail rows where a check lists what it counts (`tally_query`); detail rows
are capped in SQL. The one check that judges row by row, tracking numbers, reads
only the few columns of parcels shipped in its window, since a check digit is not SQL.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from pydantic import Field
from sqlalchemy import and_, exists, func, or_, select

from storeops.checks.base import Check, CheckContext, Measurement, NoParams, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS, Tally, tally, tally_orders, tally_query
from storeops.checks.registry import register
from storeops.checks.text import age, money, plural
from storeops.metrics import fulfillment, sales
from storeops.tables import Order, Shipment
from storeops.tracking import is_valid_tracking


def _orders(ctx: CheckContext, condition: Any) -> tuple[Tally, list[dict[str, Any]]]:
    """Count, value and oldest of the orders matching `condition`; rows of the oldest."""
    found, orders = tally_orders(ctx.session, condition)
    return found, sales.order_rows(orders, ctx.now, ctx.settings.store.currency)


def _parcels(ctx: CheckContext, condition: Any, *order_by: Any) -> list[dict[str, Any]]:
    """Detail rows of shipments matching `condition`: order, carrier, tracking, times."""
    return _parcel_rows(ctx.session.execute(_parcels_query(condition, *order_by)))


def _tallied_parcels(
    ctx: CheckContext, condition: Any, *order_by: Any, moment: Any, amount: Any = None
) -> tuple[Tally, list[dict[str, Any]]]:
    """`tally` of the shipments matching `condition` (each joined to its order, which every
    shipment has) and their detail rows, in one statement (`tally_query`)."""
    found, rows = tally_query(
        ctx.session, _parcels_query(condition, *order_by), amount=amount, moment=moment
    )
    return found, _parcel_rows(rows)


def _parcels_query(condition: Any, *order_by: Any) -> Any:
    return (
        select(Shipment.__table__, Order.number.label("order_number"))
        .join(Order, Order.id == Shipment.order_id)
        .where(condition)
        .order_by(*(order_by or (Shipment.shipped_at,)))
        .limit(MAX_DETAILS)
    )


def _parcel_rows(rows: Any) -> list[dict[str, Any]]:
    return [
        {
            "order": shipment.order_number,
            "carrier": shipment.carrier,
            "tracking_number": shipment.tracking_number,
            "status": shipment.status,
            "packed_at": _iso(shipment.packed_at),
            "shipped_at": _iso(shipment.shipped_at),
            "last_event_at": _iso(shipment.last_event_at),
            "exception": shipment.exception,
        }
        for shipment in rows
    ]


def _iso(moment: Any) -> str | None:
    return moment.isoformat() if moment is not None else None


def _oldest(ctx: CheckContext, found: Tally) -> str:
    return f", oldest {age(ctx.now - found.oldest)}" if found.oldest is not None else ""


def _worth(ctx: CheckContext, found: Tally) -> str:
    return f", {money(found.amount, ctx.settings.store.currency)}" if found.amount else ""


def _shipped() -> Any:
    """Orders with a parcel handed to the carrier."""
    return exists().where(Shipment.order_id == Order.id, Shipment.shipped_at.is_not(None))


@register
class NotShippedByCutoff(Check[NoParams]):
    """Paid (or authorised) orders placed before the last shipping cut-off, not shipped yet.

    The cut-off is rules.shipping_cutoff in the store's time: after it, today's; before it,
    yesterday's. Orders on hold are left out; partly shipped orders count until complete.
    """

    type = "fulfillment.not_shipped_by_cutoff"
    title = "Paid orders not shipped by the cut-off"
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        cutoff = fulfillment.last_cutoff(ctx.now, ctx.zone, ctx.settings.rules.shipping_cutoff)
        which = "today's" if cutoff.date() == ctx.today else "yesterday's"
        label = f"{which} {cutoff:%H:%M} cut-off"
        condition = and_(
            sales.open_for_fulfillment(),
            Order.created_at < cutoff,
            or_(Order.fulfillment_status == "partial", ~_shipped()),
        )
        found, orders = _orders(ctx, condition)
        if not found.count:
            return Measurement(0, f"every paid order placed before {label} has shipped")
        return Measurement(
            found.count,
            f"{plural(found.count, 'paid order')} placed before {label} not shipped"
            f"{_oldest(ctx, found)}{_worth(ctx, found)}: pick and pack these first",
            orders,
            found.amount,
        )


class LabelParams(Params):
    """How old a paid order may be before it must have a label."""

    older_than: Duration = timedelta(hours=24)


@register
class LabelsMissing(Check[LabelParams]):
    """Paid open orders older than `older_than` with no shipping label bought yet."""

    type = "fulfillment.labels_missing"
    title = "Paid orders without a shipping label"
    params = LabelParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: LabelParams) -> Measurement:
        labelled = exists().where(
            Shipment.order_id == Order.id, Shipment.label_created_at.is_not(None)
        )
        condition = and_(
            sales.open_for_fulfillment(),
            Order.created_at < ctx.now - params.older_than,
            ~labelled,
        )
        found, orders = _orders(ctx, condition)
        older = age(params.older_than)
        if not found.count:
            return Measurement(0, f"every paid order older than {older} has a shipping label")
        return Measurement(
            found.count,
            f"{plural(found.count, 'paid order')} older than {older} without a shipping label"
            f"{_oldest(ctx, found)}{_worth(ctx, found)}: buy and print the labels",
            orders,
            found.amount,
        )


class RecentParams(Params):
    """How far back to look at parcels already shipped."""

    window: Duration = timedelta(days=1)


@register
class Unverified(Check[RecentParams]):
    """Packed parcels whose contents were never checked against the order.

    Counts parcels still waiting to ship and those shipped within `window` (the ones a
    customer is about to open).
    """

    type = "fulfillment.unverified"
    title = "Parcels packed without a contents check"
    params = RecentParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: RecentParams) -> Measurement:
        shipped_at = Shipment.shipped_at
        condition = fulfillment.packed_unverified(ctx.now - params.window, ctx.now)
        packed_at = Shipment.packed_at
        found, rows = _tallied_parcels(ctx, condition, packed_at, moment=packed_at)
        if not found.count:
            return Measurement(0, "every packed parcel had its contents checked")
        gone = ctx.session.scalar(select(func.count()).where(condition, shipped_at.is_not(None)))
        return Measurement(
            found.count,
            f"{plural(found.count, 'parcel')} packed without a contents check ({gone or 0}"
            " already shipped): check them against the packing slip",
            rows,
        )


class TrackingParams(Params):
    """How far back to look at shipped parcels."""

    window: Duration = timedelta(days=3)


@register
class TrackingInvalid(Check[TrackingParams]):
    """Parcels shipped in `window` with no tracking number or one that fails its check digit.

    UPS, USPS, FedEx and DHL numbers must match the carrier's format and check digit (see
    storeops.tracking); other carriers' numbers only need to look like a tracking number.
    The default window, 3 days, reaches back over a weekend to Friday's parcels: a bad
    number matters while the parcel is on its way, and each parcel is validated in Python.
    """

    type = "fulfillment.tracking_invalid"
    title = "Missing or invalid tracking numbers"
    params = TrackingParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: TrackingParams) -> Measurement:
        recent = fulfillment.shipped_between(ctx.now - params.window, ctx.now)
        number = Shipment.tracking_number
        blank = or_(number.is_(None), func.trim(number) == "")
        missing = ctx.session.scalar(select(func.count()).where(recent, blank)) or 0
        # Only what a check digit needs, for at most a window of parcels.
        candidates = ctx.session.execute(
            select(Shipment.id, Shipment.carrier, number).where(recent, ~blank)
        )
        invalid = [
            id_ for id_, carrier, text in candidates if not is_valid_tracking(carrier, text or "")
        ]
        window = age(params.window)
        count = missing + len(invalid)
        if not count:
            return Measurement(
                0, f"every parcel shipped in the last {window} has a valid tracking number"
            )
        condition = and_(recent, or_(blank, Shipment.id.in_(invalid[:MAX_DETAILS])))
        rows = _parcels(ctx, condition)
        for row in rows:
            row["problem"] = "missing" if not (row["tracking_number"] or "").strip() else "invalid"
        return Measurement(
            count,
            f"{plural(count, 'parcel')} shipped in the last {window} without a valid tracking"
            f" number ({missing} missing, {len(invalid)} failing the carrier's check):"
            " correct them in the orders",
            rows,
        )


class NotificationParams(Params):
    """How soon after shipping the email must be out, and how far back to look."""

    grace: Duration = timedelta(hours=1)
    window: Duration = timedelta(days=14)


@register
class NotificationMissing(Check[NotificationParams]):
    """Shipped parcels whose customer never got the shipping confirmation email."""

    type = "fulfillment.notification_missing"
    title = "Shipping confirmations not sent"
    params = NotificationParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NotificationParams) -> Measurement:
        condition = and_(
            fulfillment.shipped_between(ctx.now - params.window, ctx.now - params.grace),
            Shipment.notification_sent_at.is_(None),
        )
        found, rows = _tallied_parcels(ctx, condition, moment=Shipment.shipped_at)
        if not found.count:
            return Measurement(0, "every shipped parcel's customer got a shipping confirmation")
        return Measurement(
            found.count,
            f"{plural(found.count, 'shipped parcel')} without a shipping confirmation"
            f"{_oldest(ctx, found)}: send them with the tracking link",
            rows,
        )


class TransitParams(Params):
    """How long a parcel may go without a carrier scan."""

    silent_for: Duration = timedelta(days=2)


@register
class StuckInTransit(Check[TransitParams]):
    """Parcels in transit longer than rules.in_transit_days, or without a scan for `silent_for`."""

    type = "fulfillment.stuck_in_transit"
    title = "Parcels stuck in transit"
    params = TransitParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: TransitParams) -> Measurement:
        days = ctx.settings.rules.in_transit_days
        condition = fulfillment.stuck_in_transit(ctx.now, timedelta(days=days), params.silent_for)
        found, rows = _tallied_parcels(
            ctx, condition, amount=Order.total, moment=Shipment.shipped_at
        )
        if not found.count:
            return Measurement(0, "every parcel in transit is moving")
        shipped = f", oldest shipped {age(ctx.now - found.oldest)} ago" if found.oldest else ""
        return Measurement(
            found.count,
            f"{plural(found.count, 'parcel')} in transit over {days} days or without a scan for"
            f" {age(params.silent_for)}{shipped}{_worth(ctx, found)}: open a trace with the"
            " carrier",
            rows,
            found.amount,
        )


@register
class ShippingExceptions(Check[NoParams]):
    """Parcels the carrier reports as an exception (lost, damaged, undeliverable), undelivered."""

    type = "fulfillment.exceptions"
    title = "Shipping exceptions"
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(Shipment.status == "exception", Shipment.delivered_at.is_(None))
        found, rows = _tallied_parcels(
            ctx, condition, amount=Order.total, moment=Shipment.shipped_at
        )
        if not found.count:
            return Measurement(0, "no open shipping exceptions")
        reason = func.coalesce(Shipment.exception, "no reason given")
        reasons = ctx.session.execute(
            select(reason, func.count())
            .where(condition)
            .group_by(reason)
            .order_by(func.count().desc(), reason)
            .limit(3)
        ).all()
        # "Damaged in transit: carrier investigating" -> "Damaged in transit" in the summary;
        # the detail rows keep the whole text.
        why = ", ".join(f"{n} {str(text).split(':')[0].strip()}" for text, n in reasons)
        return Measurement(
            found.count,
            f"{plural(found.count, 'shipping exception')} open ({why}){_worth(ctx, found)}:"
            " open a carrier claim and update each customer",
            rows,
            found.amount,
        )


class InvoiceParams(Params):
    """How much over the label cost is tolerated, and how far back to look."""

    tolerance_pct: float = Field(default=10, ge=0)
    window: Duration = timedelta(days=30)


@register
class InvoiceMismatch(Check[InvoiceParams]):
    """Parcels the carrier invoiced above the label cost by more than `tolerance_pct` percent.

    Looks at parcels shipped in the last `window` (carrier invoices arrive weekly, so a
    month covers several). With no invoiced cost recorded in the window there is nothing to
    reconcile, and the check says so rather than passing.
    """

    type = "fulfillment.invoice_mismatch"
    title = "Carrier charges above the label cost"
    params = InvoiceParams
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: InvoiceParams) -> Measurement:
        recent = fulfillment.shipped_between(ctx.now - params.window, ctx.now)
        window = age(params.window)
        invoiced = and_(recent, Shipment.invoiced_cost.is_not(None))
        if ctx.session.scalar(select(Shipment.id).where(invoiced).limit(1)) is None:
            return Measurement(None, f"no carrier invoice costs recorded for the last {window}")
        condition = and_(recent, fulfillment.overcharged(params.tolerance_pct))
        overcharge = fulfillment.overcharge()
        found = tally(ctx.session, condition, amount=overcharge, from_=Shipment)
        tolerance = f"{params.tolerance_pct:g}%"
        if not found.count:
            return Measurement(
                0, f"carrier invoices within {tolerance} of label costs for the last {window}"
            )
        query = (
            select(
                Order.number.label("order"),
                Shipment.carrier.label("carrier"),
                Shipment.tracking_number.label("tracking_number"),
                Shipment.label_cost.label("label_cost"),
                Shipment.invoiced_cost.label("invoiced_cost"),
                overcharge.label("overcharge"),
            )
            .join(Order, Order.id == Shipment.order_id)
            .where(condition)
            .order_by(overcharge.desc(), Order.number)
            .limit(MAX_DETAILS)
        )
        rows = [
            {k: float(v) if k.endswith(("cost", "charge")) else v for k, v in row._mapping.items()}
            for row in ctx.session.execute(query)
        ]
        return Measurement(
            found.count,
            f"{plural(found.count, 'parcel')} invoiced over {tolerance} above the label cost,"
            f" {money(found.amount, ctx.settings.store.currency)} overcharged: dispute them"
            " with the carrier",
            rows,
            found.amount,
        )
