"""Marketing and analytics: promotions, campaigns and their daily results, storefront traffic.

Promotions are planned before the sales pass (orders use their codes) and written after it
with their real usage counts. Campaign results are shares of the store's actual daily
revenue at each campaign's return on ad spend, so attributed revenue stays plausible against
the orders. Traffic is built back from each day's real order count through the funnel
(checkouts, add-to-carts, product views, sessions).

Planted here: a campaign earning well below its ROAS target, one about to end with nothing
scheduled to follow it, an expired promotion still switched on, and yesterday's slump
(revenue and checkout conversion both down).
"""

from __future__ import annotations

from dataclasses import dataclass

from storeops.demo import columns as col
from storeops.demo.context import Demo
from storeops.demo.timeline import DAY, HOUR

# name, channel, share of the store's revenue, target ROAS, achieved ROAS / target
ALWAYS_ON = (
    ("Google Shopping - Always On", "paid_search", 0.09, 4.0, 1.45),
    ("Brand Search", "paid_search", 0.05, 8.0, 1.5),
    ("Meta - Prospecting", "paid_social", 0.05, 2.5, 0.45),  # planted: under target
    ("Meta - Retargeting", "paid_social", 0.04, 5.0, 1.4),
    ("Weekly Newsletter", "email", 0.05, 20.0, 1.6),
    ("Abandoned Cart Flow", "email", 0.03, 25.0, 1.5),
    ("Outdoor Bloggers Affiliate", "affiliate", 0.02, 6.0, 1.4),
)
SEASONAL = (  # by the month a seasonal campaign starts
    "New Year Reset",
    "Winter Layers",
    "Spring Trail Sale",
    "Spring Garden",
    "Summer Camp Kit",
    "Summer Lake Days",
    "Fourth of July",
    "Back to School",
    "Fall Trail Sale",
    "Fall Cozy Home",
    "Black Friday",
    "Holiday Gift Guide",
)
SEASONAL_CHANNELS = ("paid_social", "email", "paid_search", "sms")
PROMO_WORDS = ("TRAIL", "CAMP", "COZY", "HEARTH", "SUMMIT", "CABIN", "RIDGE", "MEADOW")


@dataclass(frozen=True)
class Promo:
    """A promotion: its code's percentage, first and last day (indices), and switch."""

    code: str | None
    title: str
    kind: str
    value_c: int
    starts: int
    ends: int | None
    active: bool


def plan_promotions(demo: Demo) -> list[Promo]:
    """The promotions of the period; the sales pass uses the percentage codes."""
    tl, rng = demo.tl, demo.rng
    long_ago = (tl.start_day - 400) * DAY
    promos = [
        Promo("WELCOME10", "10% off your first order", "percentage", 1000, long_ago, None, True),
        Promo(None, "Free shipping over $75", "free_shipping", 0, long_ago, None, True),
    ]
    for index, first in enumerate(range(tl.start_day + 5, tl.today + 1, 30)):
        percent = rng.choice((10, 15, 20))
        last = first + 9
        code = f"{PROMO_WORDS[index % len(PROMO_WORDS)]}{percent}"
        promos.append(
            Promo(
                code,
                f"{code.title()} seasonal sale",
                "percentage",
                percent * 100,
                first * DAY,
                last * DAY + DAY - 1,
                last >= tl.today,
            )
        )
    ended = tl.today - 3
    promos.append(
        Promo(
            "FLASH25",
            "Flash sale: 25% off",
            "percentage",
            2500,
            (ended - 6) * DAY,
            ended * DAY + 12 * HOUR,
            True,
        )
    )
    starts = tl.today + 20
    promos.append(
        Promo(
            "GIFT15",
            "Gift guide 15% off",
            "percentage",
            1500,
            starts * DAY,
            (starts + 14) * DAY,
            False,
        )
    )
    demo.plant("marketing", f"promotion FLASH25 ended on {tl.day(ended)} but is still active")
    return promos


def promo_codes(promos: list[Promo]) -> list[tuple[str, int, int, int]]:
    """(code, percent, first day, last day) for every percentage promotion orders can use."""
    far = 10**6
    return [
        (p.code, p.value_c // 100, p.starts // DAY, far if p.ends is None else p.ends // DAY)
        for p in promos
        if p.code is not None and p.kind == "percentage" and (p.active or p.ends is not None)
    ]


def write_promotions(demo: Demo, promos: list[Promo]) -> None:
    """Write the promotions with how often orders used them."""
    rows = demo.out.rows("promotions", col.PROMOTIONS)
    tl = demo.tl
    for p in promos:
        used = demo.promo_usage.get(p.code or "", 0)
        rows.append(
            (
                demo.next_id("promotions"),
                p.code,
                p.title,
                p.kind,
                p.value_c / 100,
                tl.ts(p.starts),
                tl.opt_ts(p.ends),
                used,
                None,
                int(p.active),
            )
        )


def build_campaigns(demo: Demo) -> dict[tuple[str, int], int]:
    """Write campaigns and their days; returns ad spend in cents per (channel, day)."""
    tl, rng = demo.tl, demo.rng
    spend_by: dict[tuple[str, int], int] = {}
    plans: list[tuple[str, str, str, int, int | None, float, float, float]] = []
    for name, channel, share, target, achieved in ALWAYS_ON:
        plans.append((name, channel, "active", tl.start_day - 200, None, share, target, achieved))
    for season, first in enumerate(range(tl.start_day + 10, tl.today - 20, 45)):
        name, channel = _seasonal(demo, first, season)
        plans.append((name, channel, "ended", first, first + 13, 0.04, 4.0, 1.3))
    ending_name, ending_channel = _seasonal(demo, tl.today - 12, 1)
    plans.append(
        (ending_name, ending_channel, "active", tl.today - 12, tl.today + 2, 0.04, 4.0, 1.35)
    )
    next_name, next_channel = _seasonal(demo, tl.today + 25, 2)
    plans.append(
        (next_name, next_channel, "scheduled", tl.today + 25, tl.today + 45, 0.04, 4.0, 1.3)
    )
    recent = [0, 0]  # the under-target campaign's spend and revenue over the last 14 days
    campaign_rows = demo.out.rows("campaigns", col.CAMPAIGNS)
    day_rows = demo.out.rows("campaign_days", col.CAMPAIGN_DAYS)
    for name, channel, status, starts, ends, share, target, achieved in plans:
        cid = demo.next_id("campaigns")
        slug = name.lower().replace(" - ", "-").replace(" ", "-")
        daily_budget = (
            share * sum(demo.day_revenue_c.values()) / max(1, tl.days) / (target * achieved)
        )
        campaign_rows.append(
            (
                cid,
                None,
                name,
                channel,
                status,
                tl.day(starts),
                None if ends is None else tl.day(ends),
                round(daily_budget * 30 / 100, 2),
                target,
                slug,
            )
        )
        last = tl.today - 1 if ends is None else min(ends, tl.today - 1)
        for day in range(max(starts, tl.start_day), last + 1):
            revenue = int(share * demo.day_revenue_c.get(day, 0) * rng.uniform(0.85, 1.15))
            spend = int(revenue / (target * achieved) * rng.uniform(0.95, 1.05))
            orders = max(0, round(revenue / 9000))
            clicks = round(max(orders, 1) / rng.uniform(0.02, 0.04))
            day_rows.append(
                (
                    demo.next_id("campaign_days"),
                    cid,
                    tl.day(day),
                    spend / 100,
                    round(clicks / rng.uniform(0.01, 0.03)),
                    clicks,
                    orders,
                    revenue / 100,
                    round(orders * rng.uniform(0.3, 0.6)),
                )
            )
            spend_by[(channel, day)] = spend_by.get((channel, day), 0) + spend
            if achieved < 1 and day >= tl.today - 14:
                recent[0] += spend
                recent[1] += revenue
    roas = recent[1] / recent[0] if recent[0] else 0.0
    demo.plant(
        "marketing",
        f"active campaign 'Meta - Prospecting' returned {roas:.2f}x its ad spend over the last "
        "14 days against a 2.5x target",
    )
    demo.plant("marketing", f"active campaign '{ending_name}' ends on {tl.day(tl.today + 2)}")
    demo.plant(
        "marketing",
        "no campaign is scheduled to start in the next 14 days "
        f"(next: '{next_name}' on {tl.day(tl.today + 25)})",
    )
    return spend_by


def _seasonal(demo: Demo, first: int, season: int) -> tuple[str, str]:
    """A seasonal campaign's name (from the month it starts) and channel."""
    month = demo.tl.calendar_day(first).month
    return SEASONAL[month - 1], SEASONAL_CHANNELS[season % len(SEASONAL_CHANNELS)]


def build_traffic(demo: Demo) -> None:
    """Write one traffic row per full day: the funnel behind the day's real order count."""
    tl, rng = demo.tl, demo.rng
    rows = demo.out.rows("traffic_days", col.TRAFFIC_DAYS)
    dip = tl.today - 1
    rates: dict[int, float] = {}
    for day in range(tl.start_day, tl.today):
        orders = demo.day_orders.get(day, 0)
        conversion = rng.uniform(0.56, 0.64)
        basis = demo.day_planned.get(day, orders) if day == dip else orders
        checkouts = max(orders, round(basis / conversion))
        carts = round(checkouts / rng.uniform(0.42, 0.5))
        views = round(carts / rng.uniform(0.08, 0.11))
        sessions = round(views / rng.uniform(2.6, 3.4))
        rows.append(
            (
                demo.next_id("traffic_days"),
                tl.day(day),
                "all",
                sessions,
                round(sessions * rng.uniform(0.58, 0.68)),
                views,
                carts,
                checkouts,
                orders,
                round(rng.uniform(0.36, 0.44), 3),
            )
        )
        rates[day] = orders / checkouts if checkouts else 0.0
    earlier = [rates[d] for d in range(dip - 28, dip) if d in rates]
    baseline = sum(earlier) / len(earlier) if earlier else 0.0
    demo.plant(
        "analytics",
        f"yesterday's checkout-to-order conversion was {rates[dip]:.0%} against {baseline:.0%} "
        f"on average over the previous {len(earlier)} days",
    )
    _revenue_dip(demo)


def _revenue_dip(demo: Demo) -> None:
    tl = demo.tl
    dip = tl.today - 1
    earlier = [dip - 7 * k for k in range(1, 5) if dip - 7 * k >= tl.start_day]
    average = sum(demo.day_revenue_c.get(d, 0) for d in earlier) / max(1, len(earlier))
    revenue = demo.day_revenue_c.get(dip, 0)
    weekday = tl.calendar_day(dip).strftime("%A")
    drop = 1 - revenue / average if average else 0.0
    demo.plant(
        "analytics",
        f"yesterday's revenue ${revenue / 100:,.2f} is {drop:.0%} below the ${average / 100:,.2f} "
        f"average of the previous {len(earlier)} {weekday}s",
    )
