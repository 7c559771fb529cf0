"""Order management checks: the overnight queue, details, payments, confirmations, priorities."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from sqlalchemy import Row, and_, exists, func, or_, select

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS, tally_orders
from storeops.checks.registry import register
from storeops.checks.text import age, money, percent, plural
from storeops.metrics import periods, sales
from storeops.tables import Order, Payment, Shipment


def _orders(ctx: CheckContext, condition: Any, *order_by: Any) -> list[Row[Any]]:
    query = select(Order.__table__).where(condition).order_by(*(order_by or (Order.created_at,)))
    return list(ctx.session.execute(query.limit(MAX_DETAILS)))


def _rows(ctx: CheckContext, orders: list[Row[Any]], **extra: Any) -> list[dict[str, Any]]:
    rows = sales.order_rows(orders, ctx.now, ctx.settings.store.currency)
    for row, order in zip(rows, orders, strict=True):
        for key, getter in extra.items():
            row[key] = getter(order)
    return rows


def _count_summary(ctx: CheckContext, found: Any, what: tuple[str, str], none: str) -> str:
    """`7 orders waiting since overnight, oldest 9h, $1,240` (or `none` when nothing matched)."""
    if found.count == 0:
        return none
    parts = [plural(found.count, *what)]
    if found.oldest is not None:
        parts.append(f"oldest {age(ctx.now - found.oldest)}")
    if found.amount:
        parts.append(money(found.amount, ctx.settings.store.currency))
    return ", ".join(parts)


class OvernightParams(Params):
    """Since when an order counts as overnight: the previous local day at `since`."""

    since: time = time(18, 0)


@register
class UnprocessedOrders(Check[OvernightParams]):
    """Paid orders placed since last evening that still wait for fulfilment."""

    type = "orders.unprocessed"
    title = "Orders waiting since overnight"
    params = OvernightParams
    default_warn = 1
    default_crit = 25

    def measure(self, ctx: CheckContext, params: OvernightParams) -> Measurement:
        yesterday = ctx.today - timedelta(days=1)
        local = datetime.combine(yesterday, params.since, tzinfo=ctx.zone)
        condition = and_(sales.open_for_fulfillment(), Order.created_at >= local)
        found, orders = tally_orders(ctx.session, condition)
        summary = _count_summary(
            ctx,
            found,
            ("order waiting since overnight", "orders waiting since overnight"),
            "no orders waiting since overnight",
        )
        return Measurement(found.count, summary, _rows(ctx, orders), found.amount)


def _missing_details() -> Any:
    blank = ("",)
    return or_(
        Order.email.is_(None),
        Order.email.in_(blank),
        Order.ship_address1.is_(None),
        Order.ship_zip.is_(None),
        Order.ship_zip.in_(blank),
        Order.ship_country.is_(None),
        Order.ship_name.is_(None),
    )


def _missing_fields(order: Row[Any]) -> str:
    fields = {
        "email": order.email,
        "address": order.ship_address1,
        "zip": order.ship_zip,
        "country": order.ship_country,
        "name": order.ship_name,
    }
    return ", ".join(name for name, value in fields.items() if not value)


@register
class IncompleteOrderDetails(Check[NoParams]):
    """Open orders missing what fulfilment needs: email, name, address, zip or country."""

    type = "orders.incomplete_details"
    title = "Orders with incomplete details"
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(sales.open_for_fulfillment(), _missing_details())
        found, orders = tally_orders(ctx.session, condition)
        summary = _count_summary(
            ctx,
            found,
            ("open order missing details", "open orders missing details"),
            "every open order has complete details",
        )
        return Measurement(
            found.count, summary, _rows(ctx, orders, missing=_missing_fields), found.amount
        )


class PendingPaymentParams(Params):
    """How long a payment may stay pending, and an authorisation uncaptured."""

    pending_for: Duration = timedelta(hours=24)
    authorized_for: Duration = timedelta(days=5)


@register
class PaymentsPending(Check[PendingPaymentParams]):
    """Orders whose payment is pending too long, or authorised but not captured before expiry."""

    type = "orders.payment_pending"
    title = "Payments pending or authorised too long"
    params = PendingPaymentParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: PendingPaymentParams) -> Measurement:
        status = Order.financial_status
        condition = and_(
            sales.counted(),
            or_(
                and_(status == "pending", Order.created_at < ctx.now - params.pending_for),
                and_(status == "authorized", Order.created_at < ctx.now - params.authorized_for),
            ),
        )
        found, orders = tally_orders(ctx.session, condition)
        if not found.count:
            return Measurement(0, "no payments stuck in pending or authorised")
        authorized = (
            ctx.session.scalar(select(func.count()).where(condition, status == "authorized")) or 0
        )
        summary = (
            f"{plural(found.count, 'payment')} waiting too long ({authorized} authorised, "
            f"{found.count - authorized} pending), oldest {age(ctx.now - found.oldest)}, "  # type: ignore[operator]
            f"{money(found.amount, ctx.settings.store.currency)}"
        )
        return Measurement(found.count, summary, _rows(ctx, orders), found.amount)


class WindowParams(Params):
    """How far back to look."""

    window: Duration = timedelta(hours=24)


@register
class PaymentFailures(Check[WindowParams]):
    """Declined or failed payments on orders that are still unpaid."""

    type = "orders.payment_failures"
    title = "Failed or declined payments"
    params = WindowParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: WindowParams) -> Measurement:
        condition = and_(
            Payment.status.in_(("failure", "error")),
            Payment.created_at >= ctx.now - params.window,
            Order.financial_status.in_(("pending", "authorized")),
            sales.counted(),
        )
        failed = (
            select(
                Order.number,
                Payment.created_at,
                Payment.amount,
                Payment.error_code,
                Payment.processor,
            )
            .select_from(Payment)
            .join(Order, Order.id == Payment.order_id)
        )
        rows = ctx.session.execute(
            failed.where(condition).order_by(Payment.created_at).limit(MAX_DETAILS)
        ).all()
        count = (
            ctx.session.scalar(
                select(func.count(func.distinct(Payment.order_id)))
                .select_from(Payment)
                .join(Order, Order.id == Payment.order_id)
                .where(condition)
            )
            or 0
        )
        details = [
            {
                "order": payment.number,
                "failed_at": payment.created_at.isoformat(),
                "amount": float(payment.amount),
                "error": payment.error_code,
                "processor": payment.processor,
            }
            for payment in rows
        ]
        if not count:
            return Measurement(0, f"no failed payments in the last {age(params.window)}")
        codes = sorted({row["error"] or "unknown" for row in details})
        return Measurement(
            count,
            f"{plural(count, 'order')} with a failed payment in the last {age(params.window)}"
            f" ({', '.join(codes)}): contact the customers",
            details,
        )


class ConfirmationParams(Params):
    """How soon a confirmation must go out, and how far back to look."""

    grace: Duration = timedelta(hours=1)
    window: Duration = timedelta(days=7)


@register
class ConfirmationsMissing(Check[ConfirmationParams]):
    """Orders whose confirmation email was never sent."""

    type = "orders.confirmation_missing"
    title = "Order confirmations not sent"
    params = ConfirmationParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: ConfirmationParams) -> Measurement:
        condition = and_(
            sales.counted(),
            Order.confirmation_sent_at.is_(None),
            Order.created_at < ctx.now - params.grace,
            Order.created_at >= ctx.now - params.window,
        )
        found, orders = tally_orders(ctx.session, condition)
        summary = _count_summary(
            ctx,
            found,
            ("order without a confirmation email", "orders without a confirmation email"),
            "every order got its confirmation",
        )
        return Measurement(found.count, summary, _rows(ctx, orders))


@register
class StaleOrderStatus(Check[NoParams]):
    """Orders that have shipped but still say unfulfilled: the customer sees the wrong status."""

    type = "orders.status_stale"
    title = "Order status out of date"
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        shipped = exists().where(Shipment.order_id == Order.id, Shipment.shipped_at.is_not(None))
        condition = and_(sales.counted(), Order.fulfillment_status == "unfulfilled", shipped)
        found, orders = tally_orders(ctx.session, condition, amount=False)
        if not found.count:
            return Measurement(0, "every shipped order shows as fulfilled")
        return Measurement(
            found.count,
            f"{plural(found.count, 'order')} shipped but still marked unfulfilled: update them",
            _rows(ctx, orders),
        )


FLAG_TAGS = ("flag", "review", "special", "fraud", "fragile", "gift")


@register
class FlaggedOrders(Check[NoParams]):
    """Open orders with high fraud risk or a tag asking for special handling."""

    type = "orders.flagged"
    title = "Orders needing special attention"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        tags = Order.tags
        condition = and_(
            sales.open_for_fulfillment(),
            or_(Order.risk == "high", *(func.lower(tags).contains(tag) for tag in FLAG_TAGS)),
        )
        found, orders = tally_orders(ctx.session, condition)
        if not found.count:
            return Measurement(0, "no open orders flagged for attention")
        high = sum(1 for order in orders if order.risk == "high")
        return Measurement(
            found.count,
            f"{plural(found.count, 'open order')} flagged ({high} high fraud risk),"
            f" {money(found.amount, ctx.settings.store.currency)}: review before shipping",
            _rows(ctx, orders, risk=lambda o: o.risk, tags=lambda o: o.tags),
            found.amount,
        )


@register
class UrgentQueue(Check[NoParams]):
    """Open orders past the ship-by date promised to the customer, express first."""

    type = "orders.urgent_queue"
    title = "Urgent orders past their promised ship date"
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(
            sales.open_for_fulfillment(),
            Order.promised_ship_by.is_not(None),
            Order.promised_ship_by < ctx.now,
        )
        found, orders = tally_orders(
            ctx.session, condition, Order.express.desc(), Order.promised_ship_by
        )
        if not found.count:
            return Measurement(0, "no open order is past its promised ship date")
        express = (
            ctx.session.scalar(select(func.count()).where(condition, Order.express.is_(True))) or 0
        )
        return Measurement(
            found.count,
            f"{plural(found.count, 'order')} past the promised ship date ({express} express):"
            " ship these first",
            _rows(
                ctx,
                orders,
                express=lambda o: o.express,
                promised_ship_by=lambda o: o.promised_ship_by.isoformat(),
            ),
            found.amount,
        )


@register
class FulfillmentProgress(Check[NoParams]):
    """Of the orders due to ship today (paid before today's cut-off), how many have shipped."""

    type = "orders.fulfillment_progress"
    title = "Today's fulfilment progress"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        cutoff_today = datetime.combine(ctx.today, ctx.settings.rules.shipping_cutoff, ctx.zone)
        cutoff_yesterday = cutoff_today - timedelta(days=1)
        due_today = and_(
            sales.counted(),
            Order.financial_status.in_(sales.PAID_OR_AUTHORIZED),
            Order.created_at >= cutoff_yesterday,
            Order.created_at < min(cutoff_today, ctx.now),
            Order.fulfillment_status != "on_hold",
        )
        total = ctx.session.scalar(select(func.count()).where(due_today)) or 0
        pending_condition = and_(due_today, Order.fulfillment_status.in_(sales.OPEN_FULFILLMENT))
        pending = ctx.session.scalar(select(func.count()).where(pending_condition)) or 0
        shipped = total - pending
        share = percent(100 * shipped / total) if total else "100%"
        summary = f"{shipped} of {total} orders due today shipped ({share})"
        if ctx.now < cutoff_today:
            # Before the cut-off the day is still in progress: report, don't alarm.
            return Measurement(
                pending, summary + f"; {pending} to go before the cut-off", level=Level.OK
            )
        rows = _rows(ctx, _orders(ctx, pending_condition))
        return Measurement(
            pending, summary + (f"; {pending} missed today's cut-off" if pending else ""), rows
        )


@register
class DailyOrderSummary(Check[NoParams]):
    """Yesterday's orders and revenue against the same weekday a week before."""

    type = "orders.daily_summary"
    title = "Yesterday's orders"
    default_warn = None
    default_crit = None
    worse = "lower"

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        yesterday = periods.day(ctx.today - timedelta(days=1), ctx.zone)
        week_before = periods.day(ctx.today - timedelta(days=8), ctx.zone)
        count, revenue = sales.order_totals(ctx.session, yesterday.start, yesterday.end)
        prior_count, prior_revenue = sales.order_totals(
            ctx.session, week_before.start, week_before.end
        )
        currency = ctx.settings.store.currency
        change = ""
        if prior_revenue:
            delta = 100 * (revenue - prior_revenue) / prior_revenue
            sign = "+" if delta >= 0 else ""
            change = f" ({sign}{percent(float(delta))} vs last {yesterday.first_day:%A})"
        return Measurement(
            count,
            f"{plural(count, 'order')}, {money(revenue, currency)} yesterday{change}",
            [
                {
                    "day": yesterday.first_day.isoformat(),
                    "orders": count,
                    "revenue": float(revenue),
                },
                {
                    "day": week_before.first_day.isoformat(),
                    "orders": prior_count,
                    "revenue": float(prior_revenue),
                },
            ],
            revenue,
        )
