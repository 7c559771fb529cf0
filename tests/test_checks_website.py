"""Website checks on the store's own data (product pages, promotions, backups).

NOW is Thursday 2026-11-26 14:30 UTC.
"""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from checks_support import run_one
from factories import NOW, make
from storeops.checks.base import Level
from storeops.db import Store
from storeops.models import Backup, Product, Promotion, Variant

H = timedelta(hours=1)
M = timedelta(minutes=1)
IMAGE = "https://cdn.example/p.jpg"


# -- website.product_content -------------------------------------------------------------------


def _product(s: Session, title: str, *prices: str, **fields: Any) -> None:
    fields.setdefault("description", "A fine thing.")
    fields.setdefault("image_url", IMAGE)
    product = make(s, Product, title=title, handle=title.lower(), **fields)
    for price in prices or ("20.00",):
        make(s, Variant, product_id=product.id, price=Decimal(price))


def test_product_content_lists_incomplete_pages_prices_first(store: Store) -> None:
    with store.writing() as s:
        _product(s, "Blank", description="")
        _product(s, "Bare", description="   ", image_url=None)
        _product(s, "Gift", "20.00", "0.00")
        _product(s, "Complete")
        _product(s, "Draft", description="", image_url="", status="draft")
        hidden = make(s, Product, title="Sample", handle="sample", description="x", image_url=IMAGE)
        make(s, Variant, product_id=hidden.id, price=Decimal("0.00"), available=False)
    outcome = run_one(store, "website.product_content")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 active products with gaps (1 with a variant priced 0, 1 without an image,"
        " 2 without a description): fix these pages, prices first"
    )
    assert outcome.details == [
        {"handle": "gift", "title": "Gift", "missing": "price"},
        {"handle": "bare", "title": "Bare", "missing": "image, description"},
        {"handle": "blank", "title": "Blank", "missing": "description"},
    ]


def test_product_content_thresholds_and_empty(store: Store) -> None:
    empty = run_one(store, "website.product_content")
    assert (empty.level, empty.value, empty.summary) == (
        Level.OK,
        0,
        "every active product has a description, an image and a price",
    )
    with store.writing() as s:
        for n in range(3):
            _product(s, f"P{n}", image_url="")
    assert run_one(store, "website.product_content", warn=4).level is Level.OK
    assert run_one(store, "website.product_content", warn=3).level is Level.WARN
    assert run_one(store, "website.product_content", crit=3).level is Level.CRIT


# -- website.promotions_stale ------------------------------------------------------------------


def test_promotions_past_end_or_used_up(store: Store) -> None:
    with store.writing() as s:
        make(s, Promotion, code="BF25", ends_at=NOW - M)
        make(s, Promotion, code="EDGE", ends_at=NOW)  # ends this instant: over
        make(s, Promotion, code="LIVE", ends_at=NOW + M)
        make(s, Promotion, code="GONE", usage_count=100, usage_limit=100)
        make(s, Promotion, code="LAST", usage_count=99, usage_limit=100)
        make(s, Promotion, code="OFF", ends_at=NOW - H, active=False)
        make(s, Promotion, code="OPEN")
    outcome = run_one(store, "website.promotions_stale")
    assert (outcome.value, outcome.level) == (3, Level.WARN)
    assert outcome.summary == (
        "3 promotions still active (2 past the end date, 1 used up):"
        " switch them off and take down the banners"
    )
    assert [(row["code"], row["problem"]) for row in outcome.details] == [
        ("BF25", "ended"),
        ("EDGE", "ended"),
        ("GONE", "used up"),
    ]


def test_promotions_all_live(store: Store) -> None:
    empty = run_one(store, "website.promotions_stale")
    assert (empty.level, empty.value, empty.summary) == (
        Level.OK,
        0,
        "every active promotion is within its dates and usage limit",
    )
    with store.writing() as s:
        make(s, Promotion, code="LIVE", ends_at=NOW + H, usage_count=1, usage_limit=5)
    assert run_one(store, "website.promotions_stale").value == 0


# -- website.backup_age ------------------------------------------------------------------------


def test_no_backup_is_crit(store: Store) -> None:
    with store.writing() as s:
        make(s, Backup, kind="config", created_at=NOW - H)  # not a site or database backup
    outcome = run_one(store, "website.backup_age")
    assert (outcome.level, outcome.value) == (Level.CRIT, None)
    assert outcome.summary == (
        "no backup recorded: back up the site and database, then record it in the backups"
        " table or import it (a backup command comes later)"
    )


def test_backup_age_is_the_newest_backup(store: Store) -> None:
    with store.writing() as s:
        make(s, Backup, kind="site", created_at=NOW - 30 * H)
        make(s, Backup, kind="database", created_at=NOW - 5 * H, verified=True)
        make(s, Backup, kind="database", created_at=NOW - 29 * H)
    outcome = run_one(store, "website.backup_age")
    assert (outcome.value, outcome.level) == (5.0, Level.OK)
    assert outcome.summary == "last backup 5h ago (database, verified)"
    assert outcome.details == [
        {
            "kind": "database",
            "last_backup": (NOW - 5 * H).isoformat(),
            "age_hours": 5.0,
            "backups": 2,
        },
        {
            "kind": "site",
            "last_backup": (NOW - 30 * H).isoformat(),
            "age_hours": 30.0,
            "backups": 1,
        },
    ]


def test_backup_just_under_a_day_and_two_hours_is_ok(store: Store) -> None:
    with store.writing() as s:
        make(s, Backup, kind="site", created_at=NOW - timedelta(hours=25.9))
    outcome = run_one(store, "website.backup_age")
    assert (outcome.value, outcome.level) == (25.9, Level.OK)


def test_backup_26_hours_old_warns(store: Store) -> None:
    with store.writing() as s:
        make(s, Backup, kind="site", created_at=NOW - 26 * H)
    outcome = run_one(store, "website.backup_age")
    assert (outcome.value, outcome.level) == (26.0, Level.WARN)
    assert outcome.summary == (
        "last backup 26h ago (site, not verified); no database backup ever recorded"
    )


def test_backup_just_under_three_days_warns(store: Store) -> None:
    with store.writing() as s:
        make(s, Backup, kind="database", created_at=NOW - timedelta(hours=71.9))
    outcome = run_one(store, "website.backup_age")
    assert (outcome.value, outcome.level) == (71.9, Level.WARN)


def test_backup_three_days_old_is_crit(store: Store) -> None:
    with store.writing() as s:
        make(s, Backup, kind="database", created_at=NOW - 72 * H)
    outcome = run_one(store, "website.backup_age")
    assert (outcome.value, outcome.level) == (72.0, Level.CRIT)
    assert outcome.summary == (
        "last backup 3d ago (database, not verified); no site backup ever recorded"
    )
