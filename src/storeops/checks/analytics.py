"""Analytics checks: was yesterday normal, and are the numbers the owner steers by on target?

Yesterday's revenue, traffic and funnel are compared with "the usual" as `metrics.traffic`
defines it (the same weekday over the 4 weeks before, or the 28 days before for rates), and
the KPIs of `config.yaml` with their targets. Products, customers and campaigns over longer
windows are in `checks.analytics_growth`, imported at the end of this module so its check
types register with these.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams, Params
from storeops.checks.registry import register
from storeops.checks.text import money, percent, plural
from storeops.metrics import marketing, traffic

NO_TRAFFIC = "import it with storeops import csv traffic"


def _round(value: float | None) -> float | None:
    return round(value, 1) if value is not None else None


def _versus(change: float) -> str:
    """`38% below` / `12% above` / `the same as`."""
    if round(change, 1) == 0:
        return "the same as"
    return f"{percent(abs(change))} {'below' if change < 0 else 'above'}"


@register
class RevenueVsBaseline(Check[NoParams]):
    """Yesterday's revenue against the same weekday over the 4 weeks before.

    The value is how far yesterday fell below the usual, in percent (0 when above it). Weeks
    before the store's first order are left out of the usual; with no usual to compare with
    the check says so and stays OK. Money at stake is the shortfall.
    """

    type = "analytics.revenue_vs_baseline"
    title = "Yesterday's revenue against the usual"
    default_warn = 25
    default_crit = 50

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        yesterday = ctx.today - timedelta(days=1)
        day = traffic.revenue_vs_weekday(ctx.session, yesterday, ctx.zone)
        currency = ctx.settings.store.currency
        weekday = f"{yesterday:%A}"
        details: list[dict[str, Any]] = [
            {"day": yesterday.isoformat(), "orders": day.orders, "revenue": float(day.revenue)}
        ] + [
            {"day": earlier.isoformat(), "revenue": float(amount), "reference": True}
            for earlier, amount in zip(day.reference_days, day.reference_revenue, strict=True)
        ]
        head = f"Yesterday {money(day.revenue, currency)}"
        if day.baseline is None:
            return Measurement(
                None, f"{head}; no earlier {weekday}s to compare with yet", details, level=Level.OK
            )
        if not day.baseline:
            return Measurement(
                None,
                f"{head}; no sales on the previous {plural(len(day.reference_days), weekday)}"
                " to compare with",
                details,
                level=Level.OK,
            )
        change = traffic.pct_change(float(day.revenue), float(day.baseline))
        below = round(day.pct_below or 0.0, 1)
        shortfall = day.baseline - day.revenue
        return Measurement(
            below,
            f"{head}, {_versus(change)} the usual {weekday} ({money(day.baseline, currency)})",
            details,
            shortfall if shortfall > 0 else None,
        )


@register
class TrafficVsBaseline(Check[NoParams]):
    """Yesterday's sessions against the same weekday over the 4 weeks before.

    The value is how far sessions fell below the usual, in percent (0 when above: a spike is
    reported, not alarmed). Weeks without traffic data are left out of the usual. The detail
    rows compare each traffic channel with its own usual, biggest drop first.
    """

    type = "analytics.traffic_vs_baseline"
    title = "Yesterday's traffic against the usual"
    default_warn = 30
    default_crit = 60

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        yesterday = ctx.today - timedelta(days=1)
        store, channels = traffic.sessions_vs_weekday(ctx.session, yesterday)
        weekday = f"{yesterday:%A}"
        if store is None:
            return Measurement(
                None, f"no traffic data for yesterday yet: {NO_TRAFFIC}", level=Level.OK
            )
        head = f"Yesterday {plural(store.value, 'session')}"
        if store.usual is None or store.pct_change is None or store.pct_below is None:
            return Measurement(
                None,
                f"{head}; no earlier {weekday}s with traffic data to compare with",
                level=Level.OK,
            )
        details: list[dict[str, Any]] = [
            {
                "channel": channel,
                "sessions": int(versus.value),
                "usual_sessions": _round(versus.usual),
                "change_pct": _round(versus.pct_change),
            }
            for channel, versus in channels.items()
        ]
        details.sort(key=lambda row: (row["change_pct"] is None, row["change_pct"] or 0))
        below = round(store.pct_below, 1)
        note = ""
        if below > 0 and details and (details[0]["change_pct"] or 0) < 0:
            worst = details[0]
            note = (
                f"; biggest drop {worst['channel']} ({worst['sessions']:,}"
                f" vs {worst['usual_sessions']:,.0f})"
            )
        return Measurement(
            below,
            f"{head}, {_versus(store.pct_change)} the usual {weekday} ({store.usual:,.0f}){note}",
            details,
        )


class FunnelParams(Params):
    """The least traffic in a day for its funnel to be judged (fewer is noise)."""

    min_sessions: int = 100


@register
class ConversionVsBaseline(Check[FunnelParams]):
    """Yesterday's funnel (visit → cart → checkout → order) against the 28 days before.

    The value is how far the weakest step's rate fell below its usual, in percent (0 when
    every step is at or above it); the summary names the step. Days with fewer than
    `min_sessions` sessions are too noisy to judge and stay OK.
    """

    type = "analytics.conversion_vs_baseline"
    title = "Yesterday's conversion funnel against the usual"
    params = FunnelParams
    default_warn = 25
    default_crit = 50

    def measure(self, ctx: CheckContext, params: FunnelParams) -> Measurement:
        yesterday = ctx.today - timedelta(days=1)
        daily = traffic.funnels_on(ctx.session, [yesterday])
        if yesterday not in daily:
            return Measurement(
                None, f"no traffic data for yesterday yet: {NO_TRAFFIC}", level=Level.OK
            )
        funnel = daily[yesterday]
        conversion = funnel.conversion_rate
        if conversion is None or funnel.sessions < params.min_sessions:
            return Measurement(
                None,
                f"only {plural(funnel.sessions, 'session')} yesterday: too few to judge the funnel",
                level=Level.OK,
            )
        first, last = traffic.last_days(yesterday, traffic.BASELINE_DAYS)
        usual, with_data = traffic.funnel_between(ctx.session, first, last)
        usual_conversion = usual.conversion_rate
        head = f"conversion {percent(conversion)}"
        if not with_data or usual_conversion is None:
            return Measurement(
                None,
                f"Yesterday's {head}; no traffic data in the 28 days before to compare with",
                level=Level.OK,
            )
        usual_steps = usual.steps()
        details: list[dict[str, Any]] = []
        for step, rate in funnel.steps().items():
            base = usual_steps[step]
            details.append(
                {
                    "step": step,
                    "rate_pct": round(rate, 1) if rate is not None else None,
                    "usual_pct": round(base, 1) if base is not None else None,
                    "below_pct": round(traffic.pct_below(rate, base), 1)
                    if rate is not None and base
                    else None,
                }
            )
        judged = [row for row in details if row["below_pct"] is not None]
        weakest = max(judged, key=lambda row: row["below_pct"], default=None)
        overall = f"{head} (usual {percent(usual_conversion)})"
        if weakest is None or not weakest["below_pct"]:
            return Measurement(
                0, f"Every funnel step at or above the usual yesterday; {overall}", details
            )
        return Measurement(
            weakest["below_pct"],
            f"Weakest step yesterday: {weakest['step']} at {percent(weakest['rate_pct'])}"
            f" vs the usual {percent(weakest['usual_pct'])}"
            f" ({percent(weakest['below_pct'])} below); {overall}",
            details,
        )


KPI_LABELS = {
    "daily_revenue": "daily revenue",
    "conversion_rate_pct": "conversion",
    "average_order_value": "average order value",
    "repeat_customer_pct": "repeat customers",
}


@register
class KpiTargets(Check[NoParams]):
    """The KPIs set under `kpis:` in config.yaml, measured over the last 7 days, vs targets.

    daily revenue (revenue / 7), conversion rate (orders / sessions), average order value
    (revenue / orders) and repeat customers (share of orders from returning customers), as
    `metrics` defines them. The value is how many are below target; a KPI with no data to
    measure is listed as such and not counted.
    """

    type = "analytics.kpi_targets"
    title = "KPIs against their targets"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        targets = {
            name: target
            for name, target in ctx.settings.config.kpis.model_dump().items()
            if target is not None
        }
        if not targets:
            return Measurement(
                None, "no KPI targets set: add them under kpis: in config.yaml", level=Level.OK
            )
        first, last = traffic.last_days(ctx.today, 7)
        measured = marketing.kpi_values(ctx.session, first, last, ctx.zone, set(targets))
        currency = ctx.settings.store.currency
        details, below, unmeasured = [], [], []
        for name, target in targets.items():
            actual = measured.get(name)
            details.append(
                {
                    "kpi": name,
                    "actual": round(actual, 2) if actual is not None else None,
                    "target": target,
                    "below_target": actual is not None and actual < target,
                }
            )
            if actual is None:
                unmeasured.append(KPI_LABELS[name])
            elif actual < target:
                below.append(_kpi_text(name, actual, target, currency))
        judged = len(targets) - len(unmeasured)
        note = f" ({', '.join(unmeasured)}: no data)" if unmeasured else ""
        if not judged:
            return Measurement(
                None,
                f"no data over the last 7 days to measure {', '.join(unmeasured)}",
                details,
                level=Level.OK,
            )
        if not below:
            return Measurement(
                0, f"{plural(judged, 'KPI')} on target over the last 7 days{note}", details
            )
        return Measurement(
            len(below),
            f"{len(below)} of {plural(len(targets), 'KPI')} below target over the last 7 days:"
            f" {', '.join(below)}{note}",
            details,
        )


def _kpi_text(name: str, actual: float, target: float, currency: str) -> str:
    """`conversion 1.8% vs 2.0%`, with enough decimals that a near miss does not read as a tie."""
    label = KPI_LABELS[name]
    if not name.endswith("_pct"):
        as_money = [money(Decimal(str(round(v, 2))), currency) for v in (actual, target)]
        return f"{label} {as_money[0]} vs {as_money[1]}"
    digits = 1
    while digits < 3 and round(actual, digits) == round(target, digits):
        digits += 1
    return f"{label} {actual:.{digits}f}% vs {target:.1f}%"


# Products, customers and campaigns: their module registers its check types when imported.
import storeops.checks.analytics_growth  # noqa: E402, F401
