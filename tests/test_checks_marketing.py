"""Marketing checks on hand-built data, boundaries included.

NOW is Thursday 2026-11-26 14:30 UTC: "the last 7 days" are Nov 19..25, "the last 14 days"
Nov 12..25, and the 28 days before the last 7 are Oct 22..Nov 18.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.checks.queries import MAX_DETAILS
from storeops.db import Store
from storeops.models import (
    Campaign,
    CampaignDay,
    Product,
    Promotion,
    Ticket,
    TrafficDay,
    Variant,
)

H = timedelta(hours=1)
M = timedelta(minutes=1)
D = timedelta(days=1)


def nov(day: int) -> date:
    return date(2026, 11, day)


def campaign(
    s: Session, days: dict[date, tuple[str, str]] | None = None, **fields: Any
) -> Campaign:
    """A campaign with its days: {day: (spend, revenue)}."""
    made = make(s, Campaign, **fields)
    for day, (spend, revenue) in (days or {}).items():
        make(
            s,
            CampaignDay,
            campaign_id=made.id,
            day=day,
            spend=Decimal(spend),
            revenue=Decimal(revenue),
        )
    return made


def write_config(home: Path, text: str) -> None:
    home.mkdir(parents=True, exist_ok=True)
    (home / "config.yaml").write_text(text)


# marketing.campaigns_ending ------------------------------------------------------------------


def test_campaigns_ending_counts_overdue_and_soon(store: Store) -> None:
    with store.writing() as s:
        overdue = campaign(s, name="Fall Sale", ends_on=nov(24))
        make(s, CampaignDay, campaign_id=overdue.id, day=nov(24), spend=Decimal("10.00"))
        make(s, CampaignDay, campaign_id=overdue.id, day=nov(25), spend=Decimal("40.00"))
        make(s, Campaign, name="Today", ends_on=nov(26))
        make(s, Campaign, name="Black Friday", ends_on=nov(29))  # NOW + 3d falls on Nov 29: in
        make(s, Campaign, name="Cyber Monday", ends_on=nov(30))  # one day too far
        make(s, Campaign, name="Paused", status="paused", ends_on=nov(20))
        make(s, Campaign, name="Evergreen", ends_on=None)
    outcome = run_one(store, "marketing.campaigns_ending")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "1 campaign still active past the end date (by 2d, $40 spent since); 2 ending within 3d,"
        " next 'Today' on Nov 26: extend, pause or end them"
    )
    assert [row["campaign"] for row in outcome.details] == ["Fall Sale", "Today", "Black Friday"]
    assert outcome.details[0]["days_left"] == -2
    assert outcome.money_at_stake == Decimal("40.00")
    assert run_one(store, "marketing.campaigns_ending", params={"within": "4d"}).value == 4


def test_campaigns_ending_only_soon(store: Store) -> None:
    with store.writing() as s:
        make(s, Campaign, name="Black Friday", ends_on=nov(29))
    outcome = run_one(store, "marketing.campaigns_ending")
    assert (
        outcome.summary
        == "1 ending within 3d, next 'Black Friday' on Nov 29: extend, pause or end them"
    )
    assert outcome.money_at_stake is None


def test_campaigns_ending_empty_store(store: Store) -> None:
    outcome = run_one(store, "marketing.campaigns_ending")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no active campaign ends within 3d",
    )


# marketing.email_schedule --------------------------------------------------------------------


def test_email_schedule_warns_when_nothing_is_scheduled(store: Store) -> None:
    outcome = run_one(store, "marketing.email_schedule")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.WARN,
        0,
        "no email campaign scheduled or running in the next 7d: schedule this week's newsletter",
    )
    with store.writing() as s:
        make(s, Campaign, name="Draft", status="draft", starts_on=nov(28))
    outcome = run_one(store, "marketing.email_schedule")
    assert outcome.level is Level.WARN
    assert outcome.summary.startswith(
        "no email campaign scheduled or running in the next 7d (1 more in draft)"
    )


def test_email_schedule_counts_campaigns_overlapping_the_week(store: Store) -> None:
    with store.writing() as s:
        make(s, Campaign, name="Edge", status="scheduled", starts_on=date(2026, 12, 3))  # NOW+7d
        make(s, Campaign, name="Later", status="scheduled", starts_on=date(2026, 12, 4))
        make(s, Campaign, name="Ended", starts_on=nov(20), ends_on=nov(25))
        make(s, Campaign, name="Last day", starts_on=nov(20), ends_on=nov(26))
        make(s, Campaign, name="Ads", channel="paid_social", status="scheduled", starts_on=nov(27))
    outcome = run_one(store, "marketing.email_schedule")
    assert (outcome.level, outcome.value) == (Level.OK, 2)
    assert (
        outcome.summary
        == "2 email campaigns running or scheduled in the next 7d, next 'Edge' on Dec 3"
    )
    assert [row["campaign"] for row in outcome.details] == ["Last day", "Edge"]


# marketing.roas_below_target -----------------------------------------------------------------

THREE_DAYS = (nov(20), nov(21), nov(22))


def test_roas_below_target_judges_active_paid_campaigns(store: Store) -> None:
    with store.writing() as s:
        campaign(s, dict.fromkeys(THREE_DAYS, ("100", "200")), name="A", channel="paid_search")
        campaign(
            s,
            dict.fromkeys(THREE_DAYS, ("100", "200")),
            name="B",
            channel="paid_social",
            target_roas=1.5,
        )
        campaign(s, dict.fromkeys(THREE_DAYS[:2], ("100", "0")), name="C", channel="affiliate")
        campaign(s, dict.fromkeys(THREE_DAYS, ("100", "0")), name="D", channel="email")
        campaign(
            s,
            dict.fromkeys(THREE_DAYS, ("100", "0")),
            name="E",
            channel="paid_search",
            status="paused",
        )
        # Nov 12 is the first day of the window, Nov 11 the day before it.
        days = {nov(12): ("100", "0"), nov(13): ("100", "0"), nov(14): ("100", "0")}
        campaign(s, {**days, nov(11): ("1", "9999")}, name="F", channel="paid_search")
        campaign(s, dict.fromkeys(THREE_DAYS, ("100", "300")), name="G", channel="paid_search")
    outcome = run_one(store, "marketing.roas_below_target")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 of 4 paid campaigns below their ROAS target over the last 14 days, $600 spent:"
        " worst 'F' at 0.00x vs 3.0x; cut or fix them"
    )
    assert [(row["campaign"], row["roas"]) for row in outcome.details] == [("F", 0.0), ("A", 2.0)]
    assert outcome.money_at_stake == Decimal("600.00")
    assert run_one(store, "marketing.roas_below_target", params={"min_days": 2}).value == 3


def test_roas_worst_is_the_worst_of_those_below_target(store: Store) -> None:
    with store.writing() as s:
        low = dict.fromkeys(THREE_DAYS, ("100", "80"))
        campaign(s, low, name="Brand", channel="paid_search", target_roas=0.5)  # 0.8x: fine
        campaign(s, dict.fromkeys(THREE_DAYS, ("100", "200")), name="Y", channel="paid_search")
    outcome = run_one(store, "marketing.roas_below_target")
    assert outcome.summary == (
        "1 of 2 paid campaigns below their ROAS target over the last 14 days, $300 spent:"
        " worst 'Y' at 2.0x vs 3.0x; cut or fix them"
    )
    assert [row["campaign"] for row in outcome.details] == ["Y"]


def test_roas_below_target_all_good_and_empty(store: Store) -> None:
    outcome = run_one(store, "marketing.roas_below_target")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no active paid campaign with 3+ days of spend in the last 14 days",
    )
    with store.writing() as s:
        campaign(s, dict.fromkeys(THREE_DAYS, ("100", "300")), name="G", channel="paid_search")
    outcome = run_one(store, "marketing.roas_below_target")
    assert (
        outcome.summary
        == "every paid campaign meets its ROAS target over the last 14 days (1 judged)"
    )


def test_roas_target_comes_from_the_rules(store: Store, isolated_env: Path) -> None:
    with store.writing() as s:
        campaign(s, dict.fromkeys(THREE_DAYS, ("100", "200")), name="A", channel="paid_search")
    write_config(isolated_env, "rules:\n  target_roas: 2.0\n")
    assert run_one(store, "marketing.roas_below_target", home=isolated_env).value == 0


# marketing.campaign_roi ----------------------------------------------------------------------


def test_campaign_roi_below_target(store: Store) -> None:
    with store.writing() as s:
        campaign(s, {nov(25): ("100", "250")}, name="A")
        campaign(s, {nov(19): ("100", "230"), nov(18): ("1000", "0")}, name="B")  # Nov 18: out
    outcome = run_one(store, "marketing.campaign_roi")
    assert (outcome.value, outcome.level) == (20.0, Level.WARN)
    assert outcome.summary == (
        "Blended ROAS 2.4x over the last 7 days, 20% below the 3.0x target:"
        " $200 spent for $480 of sales; weakest 'B' at 2.3x"
    )
    assert [row["campaign"] for row in outcome.details] == ["B", "A"]
    assert outcome.money_at_stake == Decimal("200.00")


def test_campaign_roi_on_target_and_below_break_even(store: Store) -> None:
    with store.writing() as s:
        made = campaign(s, {nov(25): ("100", "300")}, name="A")
    outcome = run_one(store, "marketing.campaign_roi")
    assert (outcome.value, outcome.level, outcome.summary) == (
        0,
        Level.OK,
        "Blended ROAS 3.0x over the last 7 days, on or above the 3.0x target"
        " ($100 spent for $300 of sales)",
    )
    with store.writing() as s:
        make(s, CampaignDay, campaign_id=made.id, day=nov(24), spend=Decimal("400.00"))
    outcome = run_one(store, "marketing.campaign_roi")  # 300 / 500 = 0.6x: losing money
    assert outcome.level is Level.CRIT
    assert outcome.value == 80.0
    assert outcome.summary == (
        "Blended ROAS 0.60x over the last 7 days, below break-even: $500 spent for $300 of sales;"
        " weakest 'A' at 0.60x; pause what does not sell"
    )


def test_campaign_roi_at_break_even_is_a_warning(store: Store) -> None:
    with store.writing() as s:
        campaign(s, {nov(25): ("100", "100")}, name="A")
    outcome = run_one(store, "marketing.campaign_roi")
    assert (outcome.value, outcome.level) == (66.7, Level.WARN)
    assert outcome.summary.startswith("Blended ROAS 1.0x over the last 7 days, 67% below")


def test_campaign_roi_without_spend(store: Store) -> None:
    outcome = run_one(store, "marketing.campaign_roi")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no ad spend in the last 7 days: nothing to judge",
    )


# marketing.sale_listings ---------------------------------------------------------------------


def test_sale_listings_false_badges_and_ended_promotions(store: Store) -> None:
    with store.writing() as s:
        live = make(s, Product)
        draft = make(s, Product, status="draft")
        price = Decimal("20.00")
        make(s, Variant, product_id=live.id, sku="EQUAL", price=price, compare_at_price=price)
        make(s, Variant, product_id=live.id, sku="LOWER", compare_at_price=Decimal("19.99"))
        make(s, Variant, product_id=live.id, sku="REAL", compare_at_price=Decimal("25.00"))
        make(s, Variant, product_id=live.id, sku="PLAIN")
        make(s, Variant, product_id=live.id, sku="HIDDEN", compare_at_price=price, available=False)
        make(s, Variant, product_id=draft.id, sku="DRAFT", compare_at_price=price)
        make(s, Promotion, code="BF25", ends_at=NOW - 2 * D)
        make(s, Promotion, code="JUST", ends_at=NOW - M)
        make(s, Promotion, code="NOW", ends_at=NOW)  # ends this very minute: not yet over
        make(s, Promotion, code="LATER", ends_at=NOW + H)
        make(s, Promotion, code="OFF", ends_at=NOW - H, active=False)
        make(s, Promotion, code="OPEN", ends_at=None)
    outcome = run_one(store, "marketing.sale_listings")
    assert (outcome.value, outcome.level) == (4, Level.WARN)
    assert outcome.summary == (
        "2 promotions still on after ending (BF25, JUST), longest 2d; 2 variants showing a sale"
        " badge without a discount (compare-at at or below the price): fix the listings"
    )
    assert [row.get("promotion") or row.get("sku") for row in outcome.details] == [
        "BF25",
        "JUST",
        "EQUAL",
        "LOWER",
    ]


def test_sale_listings_counts_badges_even_when_promotions_fill_the_details(
    store: Store,
) -> None:
    with store.writing() as s:
        live = make(s, Product)
        for n in range(MAX_DETAILS):
            make(s, Promotion, code=f"P{n:02}", ends_at=NOW - H)
        price = Decimal("20.00")
        for sku in ("EQUAL", "SAME"):
            make(s, Variant, product_id=live.id, sku=sku, price=price, compare_at_price=price)
    outcome = run_one(store, "marketing.sale_listings")
    assert outcome.value == MAX_DETAILS + 2
    assert outcome.summary.endswith(
        "; 2 variants showing a sale badge without a discount (compare-at at or below the"
        " price): fix the listings"
    )
    assert len(outcome.details) == MAX_DETAILS
    assert all("promotion" in row for row in outcome.details)


def test_sale_listings_empty_store(store: Store) -> None:
    outcome = run_one(store, "marketing.sale_listings")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "every sale shown is a real discount and no ended promotion is on",
    )


# marketing.channel_inquiries -----------------------------------------------------------------


def test_channel_inquiries_waiting_over_four_hours(store: Store) -> None:
    with store.writing() as s:
        make(s, Ticket, channel="social", opened_at=NOW - 5 * H, subject="Size?")
        make(s, Ticket, channel="marketplace", opened_at=NOW - 4 * H - M, status="pending")
        make(s, Ticket, channel="social", opened_at=NOW - 4 * H)  # exactly 4h: not yet
        make(s, Ticket, channel="email", opened_at=NOW - 10 * H)
        make(s, Ticket, channel="social", opened_at=NOW - 9 * H, first_response_at=NOW - 8 * H)
        make(s, Ticket, channel="social", opened_at=NOW - 9 * H, status="solved")
    outcome = run_one(store, "marketing.channel_inquiries")
    assert (outcome.value, outcome.level) == (2, Level.WARN)
    assert outcome.summary == (
        "2 questions from social or marketplace waiting over 4h for a first reply, oldest 5h:"
        " answer them before the buyers move on"
    )
    assert [row["channel"] for row in outcome.details] == ["social", "marketplace"]
    assert outcome.details[0]["age_hours"] == 5.0
    widened = run_one(store, "marketing.channel_inquiries", params={"channels": ["email"]})
    assert widened.value == 1


def test_channel_inquiries_empty_store(store: Store) -> None:
    outcome = run_one(store, "marketing.channel_inquiries")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "no question from social or marketplace waiting over 4h for a reply",
    )


# marketing.conversion_by_channel -------------------------------------------------------------


def traffic(s: Session, day: date, channel: str, sessions: int, orders: int) -> None:
    make(s, TrafficDay, day=day, channel=channel, sessions=sessions, orders=orders)


def test_conversion_by_channel_against_the_28_days_before(store: Store) -> None:
    with store.writing() as s:
        traffic(s, nov(18), "email", 1000, 30)  # last day of the usual
        traffic(s, date(2026, 10, 22), "paid_social", 1000, 20)  # first day of the usual
        traffic(s, date(2026, 10, 21), "email", 10, 10)  # before it
        traffic(s, nov(25), "email", 1000, 30)
        traffic(s, nov(19), "paid_social", 1000, 5)
        traffic(s, nov(26), "paid_social", 1000, 100)  # today is not over
    outcome = run_one(store, "marketing.conversion_by_channel")
    assert (outcome.value, outcome.level) == (30.0, Level.WARN)
    assert outcome.summary == (
        "Conversion 1.8% over the last 7 days, 30% below the usual 2.5%;"
        " weakest channel paid_social at 0.5% (usual 2.0%)"
    )
    assert outcome.details == [
        {
            "channel": "email",
            "sessions": 1000,
            "orders": 30,
            "conversion_pct": 3.0,
            "usual_pct": 3.0,
            "change_pct": 0.0,
            "judged": True,
        },
        {
            "channel": "paid_social",
            "sessions": 1000,
            "orders": 5,
            "conversion_pct": 0.5,
            "usual_pct": 2.0,
            "change_pct": -75.0,
            "judged": True,
        },
    ]


def test_conversion_by_channel_cannot_judge_without_enough_data(store: Store) -> None:
    outcome = run_one(store, "marketing.conversion_by_channel")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "no traffic data for the last 7 days: import it with storeops import csv traffic",
    )
    with store.writing() as s:
        traffic(s, nov(25), "all", 99, 3)
    outcome = run_one(store, "marketing.conversion_by_channel")
    assert outcome.summary == "only 99 sessions in the last 7 days: too few to judge conversion"
    with store.writing() as s:
        traffic(s, nov(24), "all", 1, 0)
    outcome = run_one(store, "marketing.conversion_by_channel")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        None,
        "Conversion 3.0% over the last 7 days; no earlier traffic data to compare with",
    )


def test_conversion_by_channel_at_or_above_the_usual(store: Store) -> None:
    with store.writing() as s:
        traffic(s, nov(10), "email", 1000, 20)
        traffic(s, nov(25), "email", 1000, 40)
    outcome = run_one(store, "marketing.conversion_by_channel")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "Conversion 4.0% over the last 7 days, at or above the usual 2.0%;"
        " best channel email at 4.0%",
    )


# marketing.nothing_planned -------------------------------------------------------------------


def test_nothing_planned_warns_on_an_empty_calendar(store: Store) -> None:
    outcome = run_one(store, "marketing.nothing_planned")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.WARN,
        1,
        "no campaign planned to start in the next 14d: plan the next one (dates, offer, stock)",
    )
    with store.writing() as s:
        make(s, Campaign, name="Too far", status="scheduled", starts_on=date(2026, 12, 11))
        make(s, Campaign, name="Running", status="active", starts_on=nov(28))
        make(s, Campaign, name="Started", status="scheduled", starts_on=nov(25))
    assert run_one(store, "marketing.nothing_planned").value == 1


def test_nothing_planned_names_the_next_campaign(store: Store) -> None:
    with store.writing() as s:
        make(s, Campaign, name="Edge", status="scheduled", starts_on=date(2026, 12, 10))  # NOW+14d
        make(s, Campaign, name="Teaser", status="draft", starts_on=nov(26))
    outcome = run_one(store, "marketing.nothing_planned")
    assert (outcome.level, outcome.value, outcome.summary) == (
        Level.OK,
        0,
        "2 campaigns planned in the next 14d (1 still in draft), next 'Teaser' (email) on Nov 26",
    )
    assert [row["campaign"] for row in outcome.details] == ["Teaser", "Edge"]
