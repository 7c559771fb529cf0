"""Analytics checks over weeks and months: products moving, what customers cost and are worth,
and what each marketing channel returns.

Split from `checks.analytics` (which imports this module so these check types register) to
keep modules small; that module judges yesterday. The definitions behind the numbers live in
`metrics.traffic` (product movers) and `metrics.marketing` (ROAS, CAC, LTV).
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from storeops.checks.base import Check, CheckContext, Level, Measurement, Params
from storeops.checks.marketing import ratio
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import money, percent, plural
from storeops.metrics import marketing, periods, traffic
from storeops.metrics.traffic import ProductMove


class MoversParams(Params):
    """The two windows compared, the units that make a product worth comparing, what fall counts."""

    window: Duration = timedelta(days=14)
    min_units: int = 20
    fall_pct: float = 50


def _move_row(kind: str, move: ProductMove) -> dict[str, Any]:
    change = move.change_pct
    return {
        "kind": kind,
        "product": move.title,
        "units_last_7_days": move.week_units,
        "units_recent": move.recent_units,
        "units_before": move.prior_units,
        "change_pct": round(change, 1) if change is not None else None,
    }


@register
class ProductMovers(Check[MoversParams]):
    """Best sellers of the last 7 days, the biggest riser, and products whose sales collapsed.

    Units of the last `window` complete days (14) are compared with the same days before. The
    value is how many products with at least `min_units` units (20) before fell by more than
    `fall_pct`% (50): a stock-out, a broken listing or a competitor. Otherwise the check is
    informational. The detail rows are the top 10 best sellers, the riser and the fallers.
    """

    type = "analytics.movers"
    title = "Product best sellers and movers"
    params = MoversParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: MoversParams) -> Measurement:
        window = max(7, params.window.days)
        movers = traffic.product_movers(
            ctx.session,
            ctx.today,
            ctx.zone,
            window_days=window,
            min_units=params.min_units,
            fall_pct=params.fall_pct,
        )
        details = [_move_row("best seller", move) for move in movers.best_sellers]
        if movers.rising is not None:
            details.append(_move_row("rising", movers.rising))
        details += [_move_row("falling", move) for move in movers.falling]
        details = details[:MAX_DETAILS]
        parts = []
        if movers.best_sellers:
            top = movers.best_sellers[0]
            parts.append(f"Top seller last 7 days: {top.title} ({plural(top.week_units, 'unit')})")
        if movers.rising is not None:
            rise = movers.rising
            parts.append(
                f"biggest rise: {rise.title} (+{rise.recent_units - rise.prior_units:,} units)"
            )
        if movers.falling:
            worst = movers.falling[0]
            parts.append(
                f"{plural(movers.falling_count, 'product')} down by more than"
                f" {percent(params.fall_pct)}, worst {worst.title}"
                f" ({worst.prior_units:,} to {worst.recent_units:,} units in {window} days)"
            )
        elif parts:
            parts.append(f"no product down by more than {percent(params.fall_pct)}")
        if not parts:
            return Measurement(None, "no sales in the last 7 days to rank", level=Level.OK)
        return Measurement(movers.falling_count, "; ".join(parts), details)


class WindowParams(Params):
    """How far back to look."""

    window: Duration = timedelta(days=90)


@register
class CacLtv(Check[WindowParams]):
    """What a new customer costs (CAC) against what a customer is worth (LTV).

    CAC = campaign spend over the last `window` complete days (90) / customers whose first
    order fell in them; LTV = average revenue per customer over their history (see
    `metrics.marketing`). The value is LTV / CAC (lower is worse): below 3 the margin left for
    the business is thin, below 1 acquiring a customer costs more than they bring.
    """

    type = "analytics.cac_ltv"
    title = "Customer acquisition cost against lifetime value"
    params = WindowParams
    default_warn = 2.9
    default_crit = 0.9
    worse = "lower"

    def measure(self, ctx: CheckContext, params: WindowParams) -> Measurement:
        days = max(1, params.window.days)
        first, last = traffic.last_days(ctx.today, days)
        period = periods.days(first, last, ctx.zone)
        spend = marketing.marketing_spend(ctx.session, first, last)
        value = marketing.customer_value(ctx.session)
        ltv = value.lifetime_value
        currency = ctx.settings.store.currency
        span = f"the last {days} days"
        if not spend:
            worth = f" (LTV {money(ltv, currency)})" if ltv is not None else ""
            return Measurement(
                None,
                f"no marketing spend in {span}: no acquisition cost to weigh{worth}",
                level=Level.OK,
            )
        acquired = marketing.new_customers(ctx.session, period.start, period.end)
        cac = marketing.acquisition_cost(spend, acquired)
        detail = {
            "marketing_spend": float(spend),
            "new_customers": acquired,
            "cac": float(cac) if cac is not None else None,
            "customers": value.customers,
            "ltv": float(ltv) if ltv is not None else None,
        }
        if cac is None or ltv is None:
            return Measurement(
                0,
                f"{money(spend, currency)} spent on marketing in {span} and no new customer",
                [detail],
                spend,
            )
        ratio_value = round(float(ltv / cac), 1)
        detail["ltv_to_cac"] = ratio_value
        basis = f"{money(spend, currency)} spent for {plural(acquired, 'new customer')} in {span}"
        summary = (
            f"LTV {money(ltv, currency)} is {ratio(ratio_value)} the CAC of"
            f" {money(cac, currency)} ({basis})"
        )
        if ratio_value < 3:
            summary += ": aim for 3x"
        return Measurement(ratio_value, summary, [detail])


class SummaryParams(Params):
    """How far back to look."""

    window: Duration = timedelta(days=7)


@register
class CampaignSummary(Check[SummaryParams]):
    """Spend, attributed revenue and ROAS per marketing channel over the last 7 days.

    The value is how many channels with spend returned less than they cost (ROAS below 1).
    """

    type = "analytics.campaign_summary"
    title = "Marketing results per channel"
    params = SummaryParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: SummaryParams) -> Measurement:
        days = max(1, params.window.days)
        first, last = traffic.last_days(ctx.today, days)
        channels = marketing.channel_results(ctx.session, first, last)
        total = marketing.ad_results(ctx.session, first, last)
        currency = ctx.settings.store.currency
        span = f"the last {days} days"
        details: list[dict[str, Any]] = [
            {
                "channel": channel,
                "spend": float(result.spend),
                "revenue": float(result.revenue),
                "orders": result.orders,
                "clicks": result.clicks,
                "roas": round(result.roas, 2) if result.roas is not None else None,
                "cost_per_order": float(result.spend / result.orders) if result.orders else None,
            }
            for channel, result in channels.items()
        ]
        if total.roas is None:
            return Measurement(0, f"no ad spend in {span}", details)
        losing = sorted(
            (
                (name, result)
                for name, result in channels.items()
                if result.roas is not None and result.roas < 1
            ),
            key=lambda pair: pair[1].roas or 0,
        )
        head = (
            f"{money(total.spend, currency)} on ads brought {money(total.revenue, currency)}"
            f" in {span} ({ratio(total.roas)})"
        )
        if not losing:
            return Measurement(0, f"{head}; every channel returned more than it cost", details)
        names = ", ".join(f"{name} {ratio(result.roas or 0)}" for name, result in losing)
        return Measurement(
            len(losing),
            f"{head}; {plural(len(losing), 'channel')} losing money: {names}",
            details,
            sum((result.spend for _, result in losing), start=Decimal("0.00")),
        )
