"""Marketing checks on the storefront side: what shoppers see, ask and do.

Sale badges that are not sales, questions from marketing channels waiting for a reply, and
conversion per traffic channel against the usual. Split from `checks.marketing` (which imports
this module so these check types register) to keep modules small; that module watches the
campaigns themselves.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import and_, func, select

from storeops.checks.base import Check, CheckContext, Level, Measurement, NoParams, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS, tally, tally_query
from storeops.checks.registry import register
from storeops.checks.text import age, percent, plural
from storeops.metrics import traffic
from storeops.tables import Product, Promotion, Ticket, Variant


@register
class SaleListings(Check[NoParams]):
    """Listings that show a sale which is not one, and promotions still on after they ended.

    "Update product listings with new promotions or sales" is done when every sale shown is
    real and no ended sale is still displayed. Two things a machine can see break that: an
    active, available variant whose compare-at price is at or below its price (a sale badge
    or strike-through without a discount), and a promotion still active past its end.
    """

    type = "marketing.sale_listings"
    title = "Sale badges and promotions out of date"
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: NoParams) -> Measurement:
        ended = and_(
            Promotion.active.is_(True),
            Promotion.ends_at.is_not(None),
            Promotion.ends_at < ctx.now,
        )
        false_sale = and_(
            Variant.compare_at_price.is_not(None),
            Variant.compare_at_price <= Variant.price,
            Variant.available.is_(True),
            Product.status == "active",
        )
        promotions = tally(ctx.session, ended, moment=Promotion.ends_at)
        details: list[dict[str, Any]] = []
        if promotions.count:
            details = [
                {
                    "problem": "promotion still active after it ended",
                    "promotion": promo.code or promo.title,
                    "ended_at": promo.ends_at.isoformat() if promo.ends_at else None,
                }
                for promo in ctx.session.execute(
                    select(Promotion.__table__)
                    .where(ended)
                    .order_by(Promotion.ends_at)
                    .limit(MAX_DETAILS)
                )
            ]
        room = MAX_DETAILS - len(details)
        if room:  # the count and the rows that fit in one scan of the sale variants
            found, rows = tally_query(
                ctx.session,
                select(
                    Variant.sku,
                    Product.title,
                    Variant.price,
                    Variant.compare_at_price,
                )
                .join(Product)
                .where(false_sale)
                .order_by(Variant.sku)
                .limit(room),
            )
            variants = found.count
        else:
            count_variants = select(func.count()).select_from(Variant).join(Product)
            variants = ctx.session.scalar(count_variants.where(false_sale)) or 0
            rows = []
        count = promotions.count + variants
        if not count:
            return Measurement(
                0, "every sale shown is a real discount and no ended promotion is on"
            )
        details += [
            {
                "problem": "sale badge without a discount",
                "sku": sku,
                "product": title,
                "price": float(price),
                "compare_at_price": float(compare_at),
            }
            for sku, title, price, compare_at, *_tally in rows
        ]
        parts = []
        if promotions.count:
            codes = ", ".join(str(row["promotion"]) for row in details[:3] if "promotion" in row)
            since = age(ctx.now - promotions.oldest) if promotions.oldest else ""
            parts.append(
                f"{plural(promotions.count, 'promotion')} still on after ending ({codes}),"
                f" longest {since}"
            )
        if variants:
            parts.append(
                f"{plural(variants, 'variant')} showing a sale badge without a discount"
                " (compare-at at or below the price)"
            )
        return Measurement(count, "; ".join(parts) + ": fix the listings", details)


class InquiryParams(Params):
    """How long a question may wait for its first reply, and which channels are marketing's."""

    older_than: Duration = timedelta(hours=4)
    channels: tuple[str, ...] = ("social", "marketplace")


@register
class ChannelInquiries(Check[InquiryParams]):
    """Questions from marketing channels (social, marketplace) without a first reply for 4h.

    Buyers asking about sizes, stock or shipping before they buy move on quickly: these are
    open conversations with no reply yet, opened more than `older_than` ago, oldest first.
    """

    type = "marketing.channel_inquiries"
    title = "Unanswered questions from marketing channels"
    params = InquiryParams
    default_warn = 1
    default_crit = 10

    def measure(self, ctx: CheckContext, params: InquiryParams) -> Measurement:
        channels = " or ".join(params.channels)
        condition = and_(
            Ticket.channel.in_(params.channels),
            Ticket.first_response_at.is_(None),
            Ticket.status.not_in(("solved", "closed")),
            Ticket.opened_at < ctx.now - params.older_than,
        )
        found = tally(ctx.session, condition, moment=Ticket.opened_at)
        if not found.count:
            return Measurement(
                0, f"no question from {channels} waiting over {age(params.older_than)} for a reply"
            )
        tickets = ctx.session.execute(
            select(Ticket.__table__).where(condition).order_by(Ticket.opened_at).limit(MAX_DETAILS)
        ).all()
        details = [
            {
                "ticket": ticket.id,
                "external_id": ticket.external_id,
                "channel": ticket.channel,
                "subject": ticket.subject,
                "opened_at": ticket.opened_at.isoformat(),
                "age_hours": round((ctx.now - ticket.opened_at).total_seconds() / 3600, 1),
                "priority": ticket.priority,
            }
            for ticket in tickets
        ]
        oldest = age(ctx.now - found.oldest) if found.oldest else ""
        return Measurement(
            found.count,
            f"{plural(found.count, 'question')} from {channels} waiting over"
            f" {age(params.older_than)} for a first reply, oldest {oldest}: answer them"
            " before the buyers move on",
            details,
        )


class ConversionParams(Params):
    """The days judged, the days before them that make the usual, and the least traffic judged."""

    window: Duration = timedelta(days=7)
    baseline: Duration = timedelta(days=traffic.BASELINE_DAYS)
    min_sessions: int = 100


def _change(rate: float | None, usual: float | None) -> float | None:
    if rate is None or not usual:
        return None
    return round(traffic.pct_change(rate, usual), 1)


@register
class ConversionByChannel(Check[ConversionParams]):
    """Conversion over the last `window` days (7) against the `baseline` days (28) before.

    The value is how far the store's conversion rate (orders / sessions) is below the usual,
    in percent (0 at or above it). The summary names the traffic channel that fell furthest;
    channels with fewer than `min_sessions` sessions are listed but not judged.
    """

    type = "marketing.conversion_by_channel"
    title = "Conversion by channel against the usual"
    params = ConversionParams
    default_warn = 20
    default_crit = 40

    def measure(self, ctx: CheckContext, params: ConversionParams) -> Measurement:
        days = max(1, params.window.days)
        first, last = traffic.last_days(ctx.today, days)
        usual_first, usual_last = traffic.last_days(first, max(1, params.baseline.days))
        week, with_data = traffic.funnel_between(ctx.session, first, last)
        span = f"the last {days} days"
        if not with_data:
            return Measurement(
                None,
                f"no traffic data for {span}: import it with storeops import csv traffic",
                level=Level.OK,
            )
        rate = week.conversion_rate
        if rate is None or week.sessions < params.min_sessions:
            return Measurement(
                None,
                f"only {plural(week.sessions, 'session')} in {span}: too few to judge conversion",
                level=Level.OK,
            )
        usual_funnel, _ = traffic.funnel_between(ctx.session, usual_first, usual_last)
        usual = usual_funnel.conversion_rate
        head = f"Conversion {percent(rate)} over {span}"
        if not usual:
            return Measurement(
                None,
                f"{head}; no earlier traffic data to compare with",
                level=Level.OK,
            )
        before = traffic.channel_funnels(ctx.session, usual_first, usual_last)
        details: list[dict[str, Any]] = []
        for channel, funnel in traffic.channel_funnels(ctx.session, first, last).items():
            earlier = before.get(channel)
            usual_rate = earlier.conversion_rate if earlier else None
            details.append(
                {
                    "channel": channel,
                    "sessions": funnel.sessions,
                    "orders": funnel.orders,
                    "conversion_pct": _round(funnel.conversion_rate),
                    "usual_pct": _round(usual_rate),
                    "change_pct": _change(funnel.conversion_rate, usual_rate),
                    "judged": funnel.sessions >= params.min_sessions,
                }
            )
        judged = [row for row in details if row["judged"] and row["change_pct"] is not None]
        below = round(traffic.pct_below(rate, usual), 1)
        if below <= 0:
            best = max(judged, key=lambda row: row["conversion_pct"], default=None)
            note = (
                f"; best channel {best['channel']} at {percent(best['conversion_pct'])}"
                if best
                else ""
            )
            return Measurement(0, f"{head}, at or above the usual {percent(usual)}{note}", details)
        weakest = min(judged, key=lambda row: row["change_pct"], default=None)
        note = (
            f"; weakest channel {weakest['channel']} at {percent(weakest['conversion_pct'])}"
            f" (usual {percent(weakest['usual_pct'])})"
            if weakest is not None and weakest["change_pct"] < 0
            else ""
        )
        return Measurement(
            below, f"{head}, {percent(below)} below the usual {percent(usual)}{note}", details
        )


def _round(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None
