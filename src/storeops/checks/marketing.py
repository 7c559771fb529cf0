"""Marketing and promotions checks: campaigns running, planned and paying for themselves.

The numbers behind them (ROAS, targets, conversion, baselines) are defined in
`metrics.marketing` and `metrics.traffic`; this module turns them into sentences an owner can
act on. Campaign dates are local calendar days, so "ending within 3d" means the end date falls
on or before the local date 3 days from now.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, and_, case, func, select

from storeops.checks.base import Check, CheckContext, Level, Measurement, Params
from storeops.checks.params import Duration
from storeops.checks.queries import MAX_DETAILS
from storeops.checks.registry import register
from storeops.checks.text import age, money, percent, plural
from storeops.metrics import marketing, traffic
from storeops.tables import Campaign, CampaignDay


def ratio(value: float) -> str:
    """A return on ad spend the way marketers say it: `3.2x`, `0.45x` below 1."""
    return f"{value:.2f}x" if value < 1 else f"{value:.1f}x"


def day_text(day: date) -> str:
    """`Nov 28`."""
    return f"{day:%b} {day.day}"


def _horizon_day(ctx: CheckContext, ahead: timedelta) -> date:
    return (ctx.now + ahead).astimezone(ctx.zone).date()


def _campaign_row(campaign: Row[Any], today: date) -> dict[str, Any]:
    return {
        "campaign": campaign.name,
        "channel": campaign.channel,
        "status": campaign.status,
        "starts_on": campaign.starts_on.isoformat(),
        "ends_on": campaign.ends_on.isoformat() if campaign.ends_on else None,
        "days_left": (campaign.ends_on - today).days if campaign.ends_on else None,
    }


class EndingParams(Params):
    """How far ahead an end date counts as coming up."""

    within: Duration = timedelta(days=3)


@register
class CampaignsEnding(Check[EndingParams]):
    """Active campaigns that end within `within` (3 days), or are past their end date and still on.

    Money at stake is what the overdue ones spent after their end date.
    """

    type = "marketing.campaigns_ending"
    title = "Campaigns ending or past their end date"
    params = EndingParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: EndingParams) -> Measurement:
        today = ctx.today
        ends = Campaign.ends_on
        condition = and_(
            Campaign.status == "active",
            ends.is_not(None),
            ends <= _horizon_day(ctx, params.within),
        )
        count, overdue, first_end = ctx.session.execute(
            select(func.count(), func.count(case((ends < today, 1))), func.min(ends)).where(
                condition
            )
        ).one()
        if not count:
            return Measurement(0, f"no active campaign ends within {age(params.within)}")
        campaigns = ctx.session.execute(
            select(Campaign.__table__)
            .where(condition)
            .order_by(ends, Campaign.name)
            .limit(MAX_DETAILS)
        ).all()
        spent_since = Decimal(
            str(
                ctx.session.scalar(
                    select(func.coalesce(func.sum(CampaignDay.spend), 0))
                    .join(Campaign, Campaign.id == CampaignDay.campaign_id)
                    .where(condition, ends < today, CampaignDay.day > ends)
                )
                or 0
            )
        ).quantize(Decimal("0.01"))
        currency = ctx.settings.store.currency
        parts = []
        if overdue:
            late = (today - date.fromisoformat(str(first_end))).days
            parts.append(
                f"{plural(overdue, 'campaign')} still active past the end date"
                f" ({'by ' if overdue == 1 else 'longest '}{late}d,"
                f" {money(spent_since, currency)} spent since)"
            )
        soon = [(c.name, c.ends_on) for c in campaigns if c.ends_on and c.ends_on >= today]
        if count - overdue:
            where = f", next '{soon[0][0]}' on {day_text(soon[0][1])}" if soon else ""
            parts.append(f"{count - overdue} ending within {age(params.within)}{where}")
        return Measurement(
            count,
            "; ".join(parts) + ": extend, pause or end them",
            [_campaign_row(c, today) for c in campaigns],
            spent_since or None,
        )


class HorizonParams(Params):
    """How far ahead to look."""

    horizon: Duration = timedelta(days=7)


@register
class EmailSchedule(Check[HorizonParams]):
    """Email campaigns running or scheduled over the next `horizon` (7 days); none is a warning.

    The value is how many there are (lower is worse): a week without an email is a week
    without the store's cheapest channel. Drafts do not count, but the summary mentions them.
    """

    type = "marketing.email_schedule"
    title = "Email campaigns scheduled this week"
    params = HorizonParams
    default_warn = 0
    default_crit = None
    worse = "lower"

    def measure(self, ctx: CheckContext, params: HorizonParams) -> Measurement:
        today, last = ctx.today, _horizon_day(ctx, params.horizon)
        overlapping = and_(
            Campaign.channel == "email",
            Campaign.starts_on <= last,
            (Campaign.ends_on.is_(None)) | (Campaign.ends_on >= today),
        )
        going = Campaign.status.in_(("active", "scheduled"))
        count, drafts = ctx.session.execute(
            select(
                func.count(case((going, 1))), func.count(case((Campaign.status == "draft", 1)))
            ).where(overlapping)
        ).one()
        campaigns = ctx.session.execute(
            select(Campaign.__table__)
            .where(overlapping, going)
            .order_by(Campaign.starts_on, Campaign.name)
            .limit(MAX_DETAILS)
        ).all()
        draft_note = f" ({drafts} more in draft)" if drafts else ""
        window = f"the next {age(params.horizon)}"
        if not count:
            return Measurement(
                0,
                f"no email campaign scheduled or running in {window}{draft_note}:"
                " schedule this week's newsletter",
            )
        upcoming = [c for c in campaigns if c.starts_on >= today]
        nearest = (
            f", next '{upcoming[0].name}' on {day_text(upcoming[0].starts_on)}" if upcoming else ""
        )
        return Measurement(
            count,
            f"{plural(count, 'email campaign')} running or scheduled in {window}"
            f"{nearest}{draft_note}",
            [_campaign_row(c, today) for c in campaigns],
        )


@dataclass(frozen=True)
class _Judged:
    """Campaigns judged against their ROAS target, how many fell short, and what those cost."""

    judged: int
    below: int
    below_spend: Decimal


def _campaigns_vs_target(
    ctx: CheckContext, first: date, last: date, *, paid_active: bool = False, min_days: int = 1
) -> tuple[_Judged, list[dict[str, Any]]]:
    """Campaigns with spend in `first`..`last` (paid, active ones if asked) against their target.

    Detail rows list the campaigns below target first, lowest ROAS first within each group.
    """
    results = marketing.campaign_results(first, last)
    r = results.c
    target = marketing.target_roas(ctx.settings.rules.target_roas)
    below = r.revenue < r.spend * target
    joined = select().select_from(Campaign).join(results, r.campaign_id == Campaign.id)
    where: list[Any] = [r.spend > 0, r.days >= min_days]
    if paid_active:
        where += [
            Campaign.status == "active",
            Campaign.channel.in_(marketing.PAID_CHANNELS),
        ]
    judged, count, spend = ctx.session.execute(
        joined.add_columns(
            func.count(),
            func.count(case((below, 1))),
            func.coalesce(func.sum(case((below, r.spend), else_=0)), 0),
        ).where(*where)
    ).one()
    rows = ctx.session.execute(
        joined.add_columns(
            Campaign.name,
            Campaign.channel,
            target.label("target"),
            r.spend,
            r.revenue,
            r.orders,
            r.roas,
        )
        .where(*where)
        .order_by(case((below, 0), else_=1), r.roas, Campaign.name)
        .limit(MAX_DETAILS)
    ).all()
    details = [
        {
            "campaign": row.name,
            "channel": row.channel,
            "spend": float(row.spend),
            "revenue": float(row.revenue),
            "orders": int(row.orders),
            "roas": round(float(row.roas), 2),
            "target_roas": float(row.target),
            "below_target": float(row.revenue) < float(row.spend) * float(row.target),
        }
        for row in rows
    ]
    return _Judged(int(judged), int(count), Decimal(str(spend)).quantize(Decimal("0.01"))), details


class PaidAdsParams(Params):
    """The days judged, and how many days of data a campaign needs before it is judged."""

    window: Duration = timedelta(days=14)
    min_days: int = 3


@register
class RoasBelowTarget(Check[PaidAdsParams]):
    """Active paid campaigns (search, social, affiliate) below their ROAS target.

    ROAS is attributed revenue / spend over the last `window` complete days (14); the target is
    the campaign's own, else `rules.target_roas`. Campaigns with fewer than `min_days` days of
    data are left alone: give changes a few days before judging them. Money at stake is what
    the campaigns below target spent.
    """

    type = "marketing.roas_below_target"
    title = "Paid campaigns below their ROAS target"
    params = PaidAdsParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: PaidAdsParams) -> Measurement:
        days = max(1, params.window.days)
        first, last = traffic.last_days(ctx.today, days)
        judged, details = _campaigns_vs_target(
            ctx, first, last, paid_active=True, min_days=params.min_days
        )
        span = f"the last {days} days"
        if not judged.judged:
            return Measurement(
                0, f"no active paid campaign with {params.min_days}+ days of spend in {span}"
            )
        if not judged.below:
            return Measurement(
                0,
                f"every paid campaign meets its ROAS target over {span} ({judged.judged} judged)",
            )
        worst = details[0]
        currency = ctx.settings.store.currency
        return Measurement(
            judged.below,
            f"{judged.below} of {plural(judged.judged, 'paid campaign')} below their ROAS target"
            f" over {span}, {money(judged.below_spend, currency)} spent:"
            f" worst '{worst['campaign']}' at {ratio(worst['roas'])}"
            f" vs {ratio(worst['target_roas'])}; cut or fix them",
            [row for row in details if row["below_target"]],
            judged.below_spend,
        )


class RoiParams(Params):
    """The days judged, and the ROAS below which ads lose money whatever the target."""

    window: Duration = timedelta(days=7)
    break_even: float = 1.0


@register
class CampaignRoi(Check[RoiParams]):
    """Blended ROAS of every campaign with spend over the last `window` days (7) vs the target.

    The value is how far the blended ROAS (all attributed revenue / all spend) is below
    `rules.target_roas`, in percent (0 on or above it). Below `break_even` (1.0x) the ads cost
    more than the sales they brought: that is CRIT whatever the thresholds. Money at stake is
    the spend of the campaigns below their own target.
    """

    type = "marketing.campaign_roi"
    title = "Campaign return on ad spend"
    params = RoiParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: RoiParams) -> Measurement:
        days = max(1, params.window.days)
        first, last = traffic.last_days(ctx.today, days)
        totals = marketing.ad_results(ctx.session, first, last)
        span = f"the last {days} days"
        blended = totals.roas
        if blended is None:
            return Measurement(None, f"no ad spend in {span}: nothing to judge", level=Level.OK)
        judged, details = _campaigns_vs_target(ctx, first, last)
        target = ctx.settings.rules.target_roas
        currency = ctx.settings.store.currency
        spent = (
            f"{money(totals.spend, currency)} spent for {money(totals.revenue, currency)} of sales"
        )
        lowest = min(details, key=lambda row: row["roas"])
        weakest = f"; weakest '{lowest['campaign']}' at {ratio(lowest['roas'])}"
        head = f"Blended ROAS {ratio(blended)} over {span}"
        below = round(traffic.pct_below(blended, target), 1)
        if blended < params.break_even:
            return Measurement(
                below,
                f"{head}, below break-even: {spent}{weakest}; pause what does not sell",
                details,
                judged.below_spend,
                level=Level.CRIT,
            )
        if below <= 0:
            return Measurement(
                0, f"{head}, on or above the {ratio(target)} target ({spent})", details
            )
        return Measurement(
            below,
            f"{head}, {percent(below)} below the {ratio(target)} target: {spent}{weakest}",
            details,
            judged.below_spend or None,
        )


class PlanParams(Params):
    """How far ahead the next campaign should already be planned."""

    horizon: Duration = timedelta(days=14)


@register
class NothingPlanned(Check[PlanParams]):
    """Whether any campaign (scheduled or draft) starts within the next `horizon` (14 days).

    The value is 1 when nothing is planned, 0 otherwise: a promotion needs its dates, offer
    and stock decided before it can start.
    """

    type = "marketing.nothing_planned"
    title = "Next campaign planned"
    params = PlanParams
    default_warn = 1
    default_crit = None

    def measure(self, ctx: CheckContext, params: PlanParams) -> Measurement:
        today = ctx.today
        condition = and_(
            Campaign.status.in_(("scheduled", "draft")),
            Campaign.starts_on >= today,
            Campaign.starts_on <= _horizon_day(ctx, params.horizon),
        )
        count, drafts = ctx.session.execute(
            select(func.count(), func.count(case((Campaign.status == "draft", 1)))).where(condition)
        ).one()
        window = f"the next {age(params.horizon)}"
        if not count:
            return Measurement(
                1,
                f"no campaign planned to start in {window}:"
                " plan the next one (dates, offer, stock)",
            )
        campaigns = ctx.session.execute(
            select(Campaign.__table__)
            .where(condition)
            .order_by(Campaign.starts_on, Campaign.name)
            .limit(MAX_DETAILS)
        ).all()
        nearest = campaigns[0]
        draft_note = f" ({drafts} still in draft)" if drafts else ""
        return Measurement(
            0,
            f"{plural(count, 'campaign')} planned in {window}{draft_note}, next '{nearest.name}'"
            f" ({nearest.channel}) on {day_text(nearest.starts_on)}",
            [_campaign_row(c, today) for c in campaigns],
        )


# The storefront-side marketing checks live in their own module; importing it registers them.
import storeops.checks.marketing_storefront  # noqa: E402, F401
