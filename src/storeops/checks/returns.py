"""Returns and refunds checks: decisions, inspection, refunds, restocking, damage, customer
updates, reasons, exchanges, and return rates per product.

Which returns count, what a return is worth and what the return rate is are defined once in
`storeops.metrics.returns`; these checks count and list. Detail rows name returns by RMA and
order number and SKU, never the customer.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated, Any, Literal

from pydantic import Field
from sqlalchemy import and_, exists, func, or_, select

from storeops.checks.base import Check, CheckContext, Measurement, NoParams, Params
from storeops.checks.params import Duration, format_duration
from storeops.checks.queries import MAX_DETAILS, Tally, tally_query
from storeops.checks.registry import register
from storeops.checks.text import age, money, percent, plural
from storeops.metrics import returns, sales
from storeops.tables import Return

# Conditions in which a returned item can be sold again.
RESELLABLE = ("new", "opened")
DAMAGED = ("damaged", "defective")
# Statuses before a decision was made, or where nothing came back.
UNDECIDED = ("requested", "rejected")
# Statuses before inspection (and rejected). Returns past inspection are most of the table, so
# they are picked by excluding these: a scan beats a walk of the status index over them.
NOT_INSPECTED = ("requested", "authorized", "received", "rejected")


def _listed(
    ctx: CheckContext,
    condition: Any,
    moment: Any,
    label: str,
    what: tuple[str, str],
    action: str,
    none: str,
    *,
    valued: bool = False,
) -> Measurement:
    """Count, oldest and (if `valued`) money of the matching returns, with their rows.

    `what` is a noun and the words after it: `("return request", "waiting over 2d")`.
    """
    found, listed = tally_query(
        ctx.session,
        returns.return_rows_query(condition, moment, MAX_DETAILS),
        amount=returns.return_value() if valued else None,
        moment=moment,
    )
    if not found.count:
        return Measurement(0, none)
    noun, rest = what
    parts = [f"{plural(found.count, noun)} {rest}, oldest {_oldest(ctx, found)}"]
    at_stake = found.amount if valued and found.amount else None
    if at_stake is not None:
        parts.append(money(at_stake, ctx.settings.store.currency))
    summary = ", ".join(parts) + f": {action}"
    rows = returns.return_rows(listed, label, ctx.now)
    return Measurement(found.count, summary, rows, at_stake)


def _oldest(ctx: CheckContext, found: Tally) -> str:
    return age(ctx.now - found.oldest) if found.oldest is not None else "?"


class WaitParams(Params):
    """How long a return may wait at this step."""

    older_than: Duration = timedelta(days=2)


@register
class AwaitingAuthorization(Check[WaitParams]):
    """Return requests waiting longer than `older_than` (2 days) to be approved or declined."""

    type = "returns.awaiting_authorization"
    title = "Return requests waiting for a decision"
    params = WaitParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: WaitParams) -> Measurement:
        requested = Return.requested_at
        condition = and_(Return.status == "requested", requested < ctx.now - params.older_than)
        wait = format_duration(params.older_than)
        return _listed(
            ctx,
            condition,
            requested,
            "requested_at",
            ("return request", f"waiting over {wait}"),
            "approve or decline them",
            f"no return request waiting over {wait} for a decision",
        )


class InspectionParams(Params):
    """How long a received return may wait for inspection."""

    older_than: Duration = timedelta(days=3)


@register
class AwaitingInspection(Check[InspectionParams]):
    """Returns received more than `older_than` (3 days) ago and not inspected yet."""

    type = "returns.awaiting_inspection"
    title = "Returns waiting for inspection"
    params = InspectionParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: InspectionParams) -> Measurement:
        received = Return.received_at
        condition = and_(
            Return.status == "received",
            Return.inspected_at.is_(None),
            received < ctx.now - params.older_than,
        )
        wait = format_duration(params.older_than)
        return _listed(
            ctx,
            condition,
            received,
            "received_at",
            ("return", f"uninspected over {wait}"),
            "inspect and grade them",
            f"no received return waiting over {wait} for inspection",
        )


@register
class AwaitingRefund(Check[WaitParams]):
    """Inspected returns not refunded `older_than` (2 days) after inspection.

    The money at stake is what the customers paid for the returned units.
    """

    type = "returns.awaiting_refund"
    title = "Inspected returns waiting for a refund"
    params = WaitParams
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: WaitParams) -> Measurement:
        inspected = Return.inspected_at
        condition = and_(
            Return.status == "inspected",
            Return.refunded_at.is_(None),
            inspected < ctx.now - params.older_than,
        )
        wait = format_duration(params.older_than)
        return _listed(
            ctx,
            condition,
            inspected,
            "inspected_at",
            ("return", f"unrefunded over {wait}"),
            "refund them",
            f"no inspected return waiting over {wait} for its refund",
            valued=True,
        )


@register
class NotRestocked(Check[NoParams]):
    """Resellable returns (new or opened, disposition restock) not put back in stock."""

    type = "returns.not_restocked"
    title = "Resellable returns not restocked"
    default_warn = 1
    default_crit = 20

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(
            Return.condition.in_(RESELLABLE),
            Return.disposition == "restock",
            Return.restocked.is_(False),
            Return.status.not_in(NOT_INSPECTED),
        )
        return _listed(
            ctx,
            condition,
            func.coalesce(Return.inspected_at, Return.requested_at),
            "inspected_at",
            ("resellable return", "not restocked"),
            "put them back in stock",
            "every resellable return is back in stock",
        )


@register
class DefectiveWithoutDisposition(Check[NoParams]):
    """Damaged or defective returns with no decision: write-off, repair, or supplier claim."""

    type = "returns.defective_without_disposition"
    title = "Damaged returns without a disposition"
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = and_(
            Return.condition.in_(DAMAGED),
            Return.disposition.is_(None),
            Return.status.not_in(UNDECIDED),
        )
        return _listed(
            ctx,
            condition,
            func.coalesce(Return.received_at, Return.requested_at),
            "received_at",
            ("damaged return", "without a disposition"),
            "write off, repair or claim from the supplier",
            "every damaged or defective return has a disposition",
        )


class NotifyParams(Params):
    """How soon after a status change the customer must hear about it."""

    grace: Duration = timedelta(days=1)


@register
class CustomerNotNotified(Check[NotifyParams]):
    """Returns whose customer has not heard of the latest status change `grace` (1 day) on.

    The latest change is the last of authorised, received, inspected and refunded; the customer
    is up to date when `customer_notified_at` is at or after it. A change exactly `grace` ago
    counts: the update was due within it.
    """

    type = "returns.customer_not_notified"
    title = "Return status not told to the customer"
    params = NotifyParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: NotifyParams) -> Measurement:
        # The statuses only move forward, so the latest change is the first one set from the end.
        changed = func.coalesce(
            Return.refunded_at,
            Return.inspected_at,
            Return.received_at,
            Return.authorized_at,
        )
        notified = Return.customer_notified_at
        condition = and_(
            changed.is_not(None),
            changed <= ctx.now - params.grace,
            or_(notified.is_(None), notified < changed),
        )
        grace = format_duration(params.grace)
        return _listed(
            ctx,
            condition,
            changed,
            "changed_at",
            ("return", f"without a customer update {grace} after the last change"),
            "tell each customer where their return stands",
            "every customer knows where their return stands",
        )


class ReasonParams(Params):
    """How far back to look for returns without a reason."""

    window: Duration = timedelta(days=30)


@register
class ReasonMissing(Check[ReasonParams]):
    """Returns requested in the last `window` (30 days) with no reason recorded."""

    type = "returns.reason_missing"
    title = "Returns without a reason"
    params = ReasonParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: ReasonParams) -> Measurement:
        reason = Return.reason
        requested = Return.requested_at
        condition = and_(
            returns.requested_since(ctx.now - params.window),
            or_(reason.is_(None), func.trim(reason) == ""),
        )
        window = format_duration(params.window)
        return _listed(
            ctx,
            condition,
            requested,
            "requested_at",
            ("return", f"of the last {window} without a reason"),
            "record one for each",
            f"every return of the last {window} has a reason",
        )


class ExchangeParams(Params):
    """From which status on an exchange must have its replacement order."""

    after: Literal["authorized", "received"] = "received"


@register
class ExchangeWithoutOrder(Check[ExchangeParams]):
    """Exchanges whose replacement order has not been created.

    By default once the customer's item is back (`after: received`); a store that creates the
    replacement as soon as it approves the exchange sets `after: authorized`.
    """

    type = "returns.exchange_without_order"
    title = "Exchanges without a replacement order"
    params = ExchangeParams
    default_warn = 1
    default_crit = 5

    def measure(self, ctx: CheckContext, params: ExchangeParams) -> Measurement:
        # Excluding the statuses before the step (a scan) beats walking the status index over
        # the many refunded returns.
        before: tuple[str, ...] = ("requested", "rejected")
        since = Return.authorized_at
        if params.after == "received":
            before += ("authorized",)
            since = Return.received_at
        condition = and_(
            Return.exchange.is_(True),
            Return.exchange_order_id.is_(None),
            Return.status.not_in(before),
        )
        which = "approved" if params.after == "authorized" else "received"
        return _listed(
            ctx,
            condition,
            func.coalesce(since, Return.requested_at),
            f"{params.after}_at",
            (f"{which} exchange", "without a replacement order"),
            "create the new orders",
            f"every {which} exchange has its replacement order",
        )


class RateParams(Params):
    """Which products to flag: at least `min_sold` units sold and `max_rate_pct`% returned."""

    window: Duration = timedelta(days=90)
    min_sold: Annotated[int, Field(ge=1)] = 10
    max_rate_pct: Annotated[float, Field(gt=0, le=100)] = 15


@register
class RateByProduct(Check[RateParams]):
    """Products whose units come back at `max_rate_pct` (15%) or more of those sold.

    Over the orders of the last `window` (90 days), for products with at least `min_sold` (10)
    units sold; see `storeops.metrics.returns` for how the return rate is counted.
    """

    type = "returns.rate_by_product"
    title = "Products with a high return rate"
    params = RateParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: RateParams) -> Measurement:
        start = ctx.now - params.window
        flagged = returns.product_return_rates(
            ctx.session,
            start,
            ctx.now,
            min_sold=params.min_sold,
            min_rate_pct=params.max_rate_pct,
        )
        window = format_duration(params.window)
        limit = percent(params.max_rate_pct)
        if not flagged:
            if not _any_orders(ctx, start):
                return Measurement(
                    None, f"no orders in the last {window} to measure returns against"
                )
            return Measurement(
                0, f"no product returned at {limit} or more (orders of the last {window})"
            )
        worst = flagged[0]
        why = f", mostly {worst.top_reason.replace('_', ' ')}" if worst.top_reason else ""
        summary = (
            f"{plural(len(flagged), 'product')} returned at {limit} or more (orders of the last"
            f" {window}), worst {worst.title} {percent(worst.rate_pct)} ({worst.returned} of"
            f" {worst.sold}{why}): look for a fixable cause"
        )
        rows = [row.as_row() for row in flagged[:MAX_DETAILS]]
        return Measurement(len(flagged), summary, rows)


def _any_orders(ctx: CheckContext, start: Any) -> bool:
    placed = and_(sales.counted(), sales.placed_between(start, ctx.now))
    return bool(ctx.session.scalar(select(exists().where(placed))))
