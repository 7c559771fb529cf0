"""Financial management checks on money coming in: reconciliation, disputes, fees, the books.

The definitions behind the numbers (captured money, effective fee rate, gross margin, the
cash-flow projection, budget spend) live in `metrics.finance`, so reports show the same
figures; these modules turn them into verdicts and sentences. Margins, cash flow, vendor
invoices and the budget are in `checks.finance_planning`, imported here so that loading this
area registers every finance check type.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, case, func, or_, select

import storeops.checks.finance_planning  # noqa: F401  (registers the planning checks)
from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import age, money, plural
from storeops.metrics import finance
from storeops.tables import Chargeback, Expense, Order, Payout


def _instant(value: Any) -> datetime | None:
    """A timestamp from an aggregate (SQLite hands back text) as an aware UTC datetime."""
    if value is None:
        return None
    moment = datetime.fromisoformat(value) if isinstance(value, str) else value
    assert isinstance(moment, datetime)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _day(value: Any) -> date | None:
    """A date from an aggregate (SQLite hands back text)."""
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _rate(value: float) -> str:
    """A fee rate to the hundredth of a percent: `2.95%` (fees move in small steps)."""
    return f"{value:.2f}%"


def _days_ago(day: date, today: date) -> str:
    """`12 Nov (14d ago)`, `28 Dec 2025 (333d ago)`, `today`."""
    days = (today - day).days
    year = f" {day.year}" if day.year != today.year else ""
    return "today" if days == 0 else f"{day.day} {day:%b}{year} ({days}d ago)"


class ReconcileParams(Params):
    """How far back to match orders with their payments."""

    window: Duration = timedelta(days=14)


@register
class PaymentsVsOrders(Check[ReconcileParams]):
    """Paid orders whose captured payments do not add up to the order total.

    Looks at counted orders placed in the last `window` that say they are paid (or partially
    refunded) and sums their successful sale and capture transactions. A difference of more
    than a cent is a mismatch: no payment at all, a short capture, or a double charge.
    """

    type = "finance.payments_vs_orders"
    title = "Orders not matched by payments"
    params = ReconcileParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: ReconcileParams) -> Measurement:
        start = ctx.now - params.window
        found = finance.reconciliation(ctx.session, start, limit=MAX_DETAILS)
        window = age(params.window)
        if not found.count:
            return Measurement(0, f"every paid order of the last {window} matches its payments")
        kinds = [f"{found.without_payment} with no payment"] if found.without_payment else []
        if found.overcharged:
            kinds.append(f"{found.overcharged} charged more than the total")
        short = found.count - found.without_payment - found.overcharged
        if short:
            kinds.append(f"{short} short")
        summary = (
            f"{plural(found.count, 'paid order')} of the last {window} not matched by payments"
            f" ({', '.join(kinds)}), {money(found.difference, ctx.settings.store.currency)}"
            f" apart: check {'it' if found.count == 1 else 'them'} against the processor"
        )
        return Measurement(found.count, summary, found.orders, found.difference)


class ChargebackParams(Params):
    """How close to its deadline an unanswered dispute becomes urgent."""

    urgent: Duration = timedelta(days=3)


@register
class ChargebacksDue(Check[ChargebackParams]):
    """Chargebacks waiting for the store's response, CRIT when one is near or past its deadline.

    The value counts open disputes with no response sent yet; disputes under review (evidence
    sent, the processor deciding) are mentioned but need nothing from the store. Any waiting
    dispute whose respond-by date is within `urgent` or already passed makes the result CRIT
    whatever the count: an unanswered dispute is lost money, goods and a fee.
    """

    type = "finance.chargebacks_due"
    title = "Chargebacks to answer"
    params = ChargebackParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: ChargebackParams) -> Measurement:
        respond_by = Chargeback.respond_by
        waiting = and_(Chargeback.status == "open", Chargeback.responded_at.is_(None))
        urgent = and_(waiting, respond_by.is_not(None), respond_by <= ctx.now + params.urgent)
        overdue = and_(waiting, respond_by < ctx.now)
        active = Chargeback.status.in_(("open", "under_review"))
        count, amount, n_urgent, n_overdue, nearest, total = ctx.session.execute(
            select(
                func.sum(case((waiting, 1), else_=0)),
                func.sum(case((waiting, Chargeback.amount), else_=0)),
                func.sum(case((urgent, 1), else_=0)),
                func.sum(case((overdue, 1), else_=0)),
                func.min(case((waiting, respond_by))),
                func.count(),
            ).where(active)
        ).one()
        count, n_urgent, n_overdue, total = (
            int(n or 0) for n in (count, n_urgent, n_overdue, total)
        )
        at_stake = finance.as_money(amount)
        if not total:
            return Measurement(0, "no open chargebacks")
        if not count:
            return Measurement(
                0, f"{plural(total, 'chargeback')} under review, evidence sent: nothing to do"
            )
        currency = ctx.settings.store.currency
        head = f"{plural(count, 'chargeback')} to answer, {money(at_stake, currency)}"
        if n_urgent:
            due = [f"{n_overdue} past the deadline"] if n_overdue else []
            if n_urgent - n_overdue:
                due.append(f"{n_urgent - n_overdue} due within {age(params.urgent)}")
            summary = f"{head}: {', '.join(due)}; send evidence now"
        else:
            deadline = _instant(nearest)
            summary = head + (
                f", next response due in {age(deadline - ctx.now)}" if deadline else ""
            )
        rows = ctx.session.execute(
            select(Chargeback.__table__, Order.number.label("order_number"))
            .join(Order, Order.id == Chargeback.order_id)
            .where(active)
            .order_by(
                Chargeback.status != "open",
                Chargeback.responded_at.is_not(None),
                respond_by.is_(None),
                respond_by,
            )
            .limit(MAX_DETAILS)
        ).all()
        details = [
            {
                "order": chargeback.order_number,
                "status": chargeback.status,
                "opened": chargeback.opened_at.isoformat(),
                "respond_by": chargeback.respond_by.isoformat() if chargeback.respond_by else None,
                "hours_left": round((chargeback.respond_by - ctx.now).total_seconds() / 3600, 1)
                if chargeback.respond_by
                else None,
                "responded": chargeback.responded_at is not None,
                "amount": float(chargeback.amount),
                "reason": chargeback.reason,
            }
            for chargeback in rows
        ]
        level = Level.CRIT if n_urgent else None
        return Measurement(count, summary, details, at_stake, level=level)


class FeeParams(Params):
    """The period the effective fee rate is worked out over."""

    window: Duration = timedelta(days=30)


@register
class FeeRate(Check[FeeParams]):
    """The effective fee rate of the most expensive payment processor over the last 30 days.

    Fees over captured money per processor (see `metrics.finance.fee_rates`). The limit is
    the `rules.max_fee_rate_pct` setting of config.yaml (3.5% unless set): at or above it the
    result is WARN, below it OK; the checklist's warn/crit are not used.
    """

    type = "finance.fee_rate"
    title = "Payment processor fee rate"
    params = FeeParams
    default_warn = None
    default_crit = None

    def measure(self, ctx: CheckContext, params: FeeParams) -> Measurement:
        rates = finance.fee_rates(ctx.session, ctx.now - params.window, ctx.now)
        window = age(params.window)
        if not rates:
            return Measurement(
                None, f"no captured payments in the last {window} to work fees out from"
            )
        limit = ctx.settings.rules.max_fee_rate_pct
        worst = rates[0]
        currency = ctx.settings.store.currency
        amounts = f"{money(worst.fees, currency)} on {money(worst.sales, currency)}"
        details = [
            {
                "processor": rate.processor,
                "payments": rate.payments,
                "sales": float(rate.sales),
                "fees": float(rate.fees),
                "rate_pct": round(rate.rate_pct, 2),
            }
            for rate in rates
        ]
        value = round(worst.rate_pct, 2)
        if worst.rate_pct >= limit:
            over = sum(1 for rate in rates if rate.rate_pct >= limit)
            summary = (
                f"{worst.processor} kept {_rate(worst.rate_pct)} in fees over the last {window}"
                f" ({amounts}), at or above the {_rate(limit)} limit"
                + (f" ({over} processors over)" if over > 1 else "")
                + ": find what went up"
            )
            return Measurement(value, summary, details, worst.fees, level=Level.WARN)
        summary = (
            f"highest effective fee rate {_rate(worst.rate_pct)} ({worst.processor}, {amounts})"
            f" over the last {window}, within the {_rate(limit)} limit"
        )
        return Measurement(value, summary, details, level=Level.OK)


@register
class ExpensesUnrecorded(Check[NoParams]):
    """Expenses entered in storeops but not yet recorded in the books (`recorded` is false)."""

    type = "finance.expenses_unrecorded"
    title = "Expenses not in the books"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        condition = Expense.recorded.is_(False)
        count, amount, oldest = ctx.session.execute(
            select(func.count(), func.sum(Expense.amount), func.min(Expense.incurred_on)).where(
                condition
            )
        ).one()
        if not count:
            return Measurement(0, "every expense is recorded in the books")
        total = finance.as_money(amount)
        first = _day(oldest)
        assert first is not None
        summary = (
            f"{plural(count, 'expense')} not in the books, oldest {_days_ago(first, ctx.today)},"
            f" {money(total, ctx.settings.store.currency)}: enter {'it' if count == 1 else 'them'}"
            " with the receipts"
        )
        rows = ctx.session.execute(
            select(Expense.__table__)
            .where(condition)
            .order_by(Expense.incurred_on, Expense.id)
            .limit(MAX_DETAILS)
        )
        details = [
            {
                "incurred_on": expense.incurred_on.isoformat(),
                "category": expense.category,
                "vendor": expense.vendor,
                "description": expense.description,
                "amount": float(expense.amount),
            }
            for expense in rows
        ]
        return Measurement(count, summary, details, total)


class PayoutParams(Params):
    """How long past its arrival date a payout may stay in transit; how far back failures count."""

    grace: Duration = timedelta(days=3)
    failed_within: Duration = timedelta(days=30)


@register
class PayoutsUnsettled(Check[PayoutParams]):
    """Processor payouts the books cannot match: failed, or still in transit past arrival.

    Daily bookkeeping matches each payout from the processor with the deposit in the bank.
    A payout that failed (last `failed_within`) never arrives; one still pending or in
    transit more than `grace` after its expected arrival date is missing from the bank feed.
    """

    type = "finance.payouts_unsettled"
    title = "Payouts failed or not arrived"
    params = PayoutParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: PayoutParams) -> Measurement:
        arrival, status = Payout.arrival_on, Payout.status
        failed = and_(status == "failed", arrival >= ctx.today - params.failed_within)
        late = and_(
            status.in_(("pending", "in_transit")),
            arrival < ctx.today - timedelta(days=params.grace.days),
        )
        condition = or_(failed, late)
        count, n_failed, amount = ctx.session.execute(
            select(
                func.count(), func.sum(case((failed, 1), else_=0)), func.sum(Payout.amount)
            ).where(condition)
        ).one()
        if not count:
            return Measurement(
                0, f"no failed payouts in the last {age(params.failed_within)}, none overdue"
            )
        total = finance.as_money(amount)
        kinds = [f"{n_failed} failed"] if n_failed else []
        if count - n_failed:
            kinds.append(f"{count - n_failed} not arrived {age(params.grace)} after its date")
        summary = (
            f"{plural(count, 'payout')} to chase ({', '.join(kinds)}),"
            f" {money(total, ctx.settings.store.currency)}:"
            f" check {'it' if count == 1 else 'them'} with the processor and bank"
        )
        rows = ctx.session.execute(
            select(Payout.__table__)
            .where(condition)
            .order_by(status != "failed", arrival, Payout.id)
            .limit(MAX_DETAILS)
        )
        details = [
            {
                "processor": payout.processor,
                "status": payout.status,
                "arrival_on": payout.arrival_on.isoformat(),
                "days_late": (ctx.today - payout.arrival_on).days,
                "amount": float(payout.amount),
                "fees": float(payout.fees),
            }
            for payout in rows
        ]
        return Measurement(count, summary, details, total)
