"""The demo store: deterministic, loadable by the ORM, healthy except where planted, and every
planted problem visible through a plain SQL query with its exact count.

One small store (30 days) is built per module and shared; the determinism tests build two more.
"""

from __future__ import annotations

import hashlib
import sqlite3
import stat
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from storeops.demo import DemoSummary, build_demo
from storeops.demo.columns import DEFERRED_INDEXES, TABLE_ORDER
from storeops.demo.tracking import (
    TrackingNumbers,
    corrupt_check_digit,
    dhl_check_digit_ok,
    fedex_check_digit_ok,
    tracking_number_ok,
    ups_check_digit_ok,
    usps_check_digit_ok,
)
from storeops.errors import StoreOpsError

NOW = datetime(2026, 11, 26, 14, 30, tzinfo=UTC)  # matches conftest.FIXED_NOW
DAYS = 30
FMT = "%Y-%m-%d %H:%M:%S.%f"
AREAS = [
    "orders", "inventory", "customer service", "fulfillment", "returns", "marketing",
    "analytics", "finance", "website",
]  # fmt: skip
CAPTURED = "p.status = 'success' AND p.kind IN ('sale', 'capture')"
ACTIVE = "FROM variants v JOIN products p ON p.id = v.product_id WHERE p.status = 'active'"


def ago(**delta: float) -> str:
    """An instant before NOW in storage format, for comparing with stored timestamps."""
    return (NOW - timedelta(**delta)).strftime(FMT)


def day(offset: int) -> str:
    """NOW's date plus `offset` days, ISO."""
    return (NOW.date() + timedelta(days=offset)).isoformat()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, DemoSummary]:
    path = tmp_path_factory.mktemp("demo") / "store.db"
    summary = build_demo(f"sqlite:///{path}", seed=7, days=DAYS, now=NOW)
    return path, summary


@pytest.fixture(scope="module")
def db(built: tuple[Path, DemoSummary]) -> Iterator[sqlite3.Connection]:
    connection = sqlite3.connect(built[0])
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def planted(built: tuple[Path, DemoSummary]) -> str:
    return "\n".join(built[1].planted)


def one(db: sqlite3.Connection, sql: str, *params: Any) -> Any:
    return db.execute(sql, params).fetchone()[0]


def count(db: sqlite3.Connection, table: str, where: str, *params: Any) -> int:
    return int(one(db, f"SELECT COUNT(*) FROM {table} WHERE {where}", *params))


def table_digest(path: Path) -> dict[str, str]:
    """SHA-256 of each demo table's rows in id order (the exact stored values and types)."""
    connection = sqlite3.connect(path)
    digests = {}
    for table in TABLE_ORDER:
        digest = hashlib.sha256()
        for row in connection.execute(f"SELECT * FROM {table} ORDER BY id"):
            digest.update(repr(row).encode())
        digests[table] = digest.hexdigest()
    connection.close()
    return digests


# -- building ---------------------------------------------------------------------------------


def test_every_table_is_filled(built: tuple[Path, DemoSummary], db: sqlite3.Connection) -> None:
    path, summary = built
    for table in TABLE_ORDER:
        assert one(db, f"SELECT COUNT(*) FROM {table}") == summary.rows[table] > 0, table
    assert summary.rows["variants"] == 300
    assert 25 * DAYS <= summary.rows["orders"] <= 60 * (DAYS + 1)
    assert summary.total_rows == sum(summary.rows.values())
    assert summary.db_bytes == path.stat().st_size
    assert (summary.scale, summary.seed, summary.days) == ("small", 7, DAYS)


def test_same_seed_and_now_give_identical_tables_on_either_write_path(
    built: tuple[Path, DemoSummary], tmp_path: Path
) -> None:
    again = tmp_path / "again.db"
    build_demo(f"sqlite:///{again}", seed=7, days=DAYS, now=NOW, bulk_sqlite=False)
    assert table_digest(again) == table_digest(built[0])


def test_a_different_seed_gives_a_different_store(
    built: tuple[Path, DemoSummary], tmp_path: Path
) -> None:
    other = tmp_path / "other.db"
    build_demo(f"sqlite:///{other}", seed=8, days=DAYS, now=NOW)
    assert table_digest(other)["orders"] != table_digest(built[0])["orders"]


def test_refuses_a_store_that_holds_data(built: tuple[Path, DemoSummary]) -> None:
    before = table_digest(built[0])
    with pytest.raises(StoreOpsError, match=r"already holds data \(suppliers .*products"):
        build_demo(f"sqlite:///{built[0]}", days=DAYS, now=NOW)
    assert table_digest(built[0]) == before


def test_refuses_too_short_a_history(tmp_path: Path) -> None:
    with pytest.raises(StoreOpsError, match="at least 30 days"):
        build_demo(f"sqlite:///{tmp_path / 's.db'}", days=7, now=NOW)


def test_database_file_is_private_and_back_in_wal_mode(
    built: tuple[Path, DemoSummary], db: sqlite3.Connection
) -> None:
    assert stat.S_IMODE(built[0].stat().st_mode) == 0o600
    assert one(db, "PRAGMA journal_mode") == "wal"


def test_schema_is_intact_after_the_bulk_load(db: sqlite3.Connection, tmp_path: Path) -> None:
    from storeops.db import open_store

    open_store(f"sqlite:///{tmp_path / 'fresh.db'}").close()
    pristine = sqlite3.connect(tmp_path / "fresh.db")
    query = (  # sqlite_stat* hold the planner statistics the build refreshes, not schema
        "SELECT type, name, tbl_name, sql FROM sqlite_master "
        "WHERE name NOT LIKE 'sqlite_stat%' ORDER BY type, name"
    )
    assert db.execute(query).fetchall() == pristine.execute(query).fetchall()
    pristine.close()
    assert db.execute("PRAGMA foreign_key_check").fetchall() == []
    assert db.execute("PRAGMA integrity_check").fetchall() == [("ok",)]


def test_deferred_indexes_are_real_indexes() -> None:
    from storeops.models import metadata

    names = {index.name for table in metadata.tables.values() for index in table.indexes}
    assert set(DEFERRED_INDEXES) <= names


def test_the_orm_reads_the_bulk_rows(built: tuple[Path, DemoSummary]) -> None:
    from sqlmodel import select

    from storeops import models as m
    from storeops.db import open_store

    store = open_store(f"sqlite:///{built[0]}")
    with store.reading() as session:
        order = session.exec(select(m.Order).where(m.Order.id == 1)).one()
        lines = session.exec(select(m.OrderLine).where(m.OrderLine.order_id == 1)).all()
        campaign_day = session.exec(select(m.CampaignDay)).first()
    store.close()
    assert isinstance(order.total, Decimal) and order.total.as_tuple().exponent == -2
    assert order.created_at.tzinfo is UTC and order.created_at < NOW
    assert isinstance(order.express, bool) and order.number == "#1001"
    assert sum(line.price * line.quantity for line in lines) == order.subtotal
    assert campaign_day is not None and campaign_day.day.isoformat() >= day(-DAYS)


# -- healthy by construction ------------------------------------------------------------------


def test_ledger_explains_on_hand_except_three_planted_variants(
    db: sqlite3.Connection, planted: str
) -> None:
    off = db.execute(
        "SELECT v.sku, v.on_hand - COALESCE((SELECT SUM(quantity) FROM stock_movements m "
        "WHERE m.variant_id = v.id), 0) FROM variants v ORDER BY v.id"
    ).fetchall()
    wrong = {sku: diff for sku, diff in off if diff != 0}
    assert sorted(wrong.values()) == [-3, 2, 4]
    assert all(sku in planted for sku in wrong)
    counted = "SELECT 1 FROM stock_movements m WHERE m.variant_id = v.id AND m.kind = 'count'"
    assert count(db, "variants v", f"NOT EXISTS ({counted})") == 0
    shipped_units = one(
        db,
        "SELECT SUM(l.quantity) FROM order_lines l JOIN shipments s ON s.order_id = l.order_id "
        "WHERE s.shipped_at IS NOT NULL",
    )
    assert shipped_units == -one(
        db, "SELECT SUM(quantity) FROM stock_movements WHERE kind = 'sale'"
    )


def test_tracking_numbers_are_valid_except_the_planted_ones(
    db: sqlite3.Connection, planted: str
) -> None:
    rows = db.execute(
        "SELECT carrier, tracking_number FROM shipments WHERE tracking_number IS NOT NULL"
    ).fetchall()
    invalid = [number for carrier, number in rows if not tracking_number_ok(carrier, number)]
    assert len(invalid) == 2 and all(number in planted for number in invalid)
    assert {carrier for carrier, _ in rows} == {"ups", "usps", "fedex", "dhl"}
    distinct = "SELECT COUNT(DISTINCT tracking_number) = COUNT(tracking_number) FROM shipments"
    assert one(db, distinct) == 1


def test_money_adds_up_on_orders(db: sqlite3.Connection) -> None:
    assert count(db, "orders", "ABS(subtotal - discount + shipping + tax - total) > 0.001") == 0
    lines = "SELECT SUM(price * quantity) FROM order_lines l WHERE l.order_id = o.id"
    assert count(db, "orders o", f"ABS(o.subtotal - ({lines})) > 0.001") == 0
    fee = one(db, f"SELECT SUM(fee) / SUM(amount) FROM payments p WHERE {CAPTURED} "
                  "AND processor = 'stripe'")  # fmt: skip
    assert 0.029 < fee < 0.036


def test_the_store_looks_like_a_store(db: sqlite3.Connection) -> None:
    statuses = {s for (s,) in db.execute("SELECT DISTINCT status FROM returns")}
    assert statuses == {"requested", "authorized", "received", "inspected", "refunded", "rejected"}
    assert count(db, "products", "status = 'draft'") >= 1
    assert count(db, "products", "status = 'archived'") >= 1
    per_day = db.execute(
        "SELECT COUNT(*) FROM orders WHERE created_at < ? GROUP BY substr(created_at, 1, 10)",
        (day(0),),
    ).fetchall()
    assert all(13 <= n <= 70 for (n,) in per_day)  # 25-60 a day, yesterday's dip, planted extras
    same_day = "SELECT COUNT(*) FROM orders o WHERE substr(o.created_at, 1, 10) = t.day"
    assert count(db, "traffic_days t", f"t.orders != ({same_day})") == 0
    kinds = {k for (k,) in db.execute("SELECT DISTINCT kind FROM stock_movements")}
    assert kinds == {"count", "receipt", "sale", "return", "damage", "adjustment"}
    assert count(db, "purchase_orders", "status = 'received'") >= 5
    channels = {c for (c,) in db.execute("SELECT DISTINCT channel FROM campaigns")}
    assert {"email", "paid_search", "paid_social"} <= channels
    assert 6 * DAYS <= one(db, "SELECT COUNT(*) FROM tickets") <= 11 * DAYS  # about 8 a day


# -- planted problems: one query each, exact counts -------------------------------------------


def test_orders_planted(db: sqlite3.Connection, planted: str) -> None:
    waiting = "financial_status = 'paid' AND fulfillment_status = 'unfulfilled'"
    overnight = count(db, "orders", f"{waiting} AND created_at >= ?", ago(hours=10))
    assert overnight >= 7 and planted.startswith(f"orders: {overnight} paid orders placed")
    assert count(db, "orders", "ship_zip IS NULL OR ship_zip = ''") == 1
    assert count(db, "orders", "email IS NULL") == 1
    assert count(db, "orders", "risk = 'high' AND tags LIKE '%flagged%'") == 1
    new_and_big = (
        "o.risk = 'high' AND c.created_at > ? AND o.total > 5 * (SELECT AVG(total) FROM orders)"
    )
    assert (
        count(db, "orders o JOIN customers c ON c.id = o.customer_id", new_and_big, ago(days=1))
        == 1
    )
    assert (
        count(db, "orders", "financial_status = 'authorized' AND created_at < ?", ago(days=6)) == 2
    )
    assert (
        count(db, "orders", "financial_status = 'pending' AND created_at < ?", ago(hours=24)) == 1
    )
    failed = db.execute(
        "SELECT p.error_code FROM payments p JOIN orders o ON o.id = p.order_id "
        "WHERE p.status = 'failure' AND p.created_at >= ? AND o.financial_status = 'pending' "
        "ORDER BY 1",
        (ago(hours=24),),
    ).fetchall()
    assert failed == [("card_declined",), ("expired_card",), ("insufficient_funds",)]
    unconfirmed = "financial_status = 'paid' AND confirmation_sent_at IS NULL AND created_at < ?"
    assert count(db, "orders", unconfirmed, ago(hours=2)) == 2
    shipped = "SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.shipped_at IS NOT NULL"
    assert count(db, "orders o", f"fulfillment_status = 'unfulfilled' AND EXISTS ({shipped})") == 2
    assert count(db, "orders", f"express = 1 AND {waiting} AND promised_ship_by < ?", ago()) == 3


def test_inventory_planted(db: sqlite3.Connection, planted: str) -> None:
    on_order = (
        "SELECT 1 FROM purchase_order_lines l JOIN purchase_orders po "
        "ON po.id = l.purchase_order_id WHERE l.variant_id = v.id "
        "AND po.status IN ('open', 'partial')"
    )
    low = f"AND v.on_hand < v.reorder_point AND NOT EXISTS ({on_order})"
    assert one(db, f"SELECT COUNT(*) {ACTIVE} AND v.reorder_point IS NOT NULL {low}") == 8
    open_po = "status IN ('open', 'partial')"
    assert count(db, "purchase_orders", f"{open_po} AND expected_at < ?", ago()) == 1
    assert count(db, "purchase_orders", f"{open_po} AND expected_at < ?", ago(days=4)) == 1
    today = f"{open_po} AND expected_at >= ? AND expected_at < ?"
    assert count(db, "purchase_orders", today, ago(), day(1)) == 1
    sold_out = "AND v.available = 1 AND v.on_hand <= 0 AND v.inventory_policy = 'deny'"
    assert one(db, f"SELECT COUNT(*) {ACTIVE} {sold_out}") == 3
    assert count(db, "variants", "damaged > 0") == 4
    sold = (
        "SELECT 1 FROM order_lines l JOIN orders o ON o.id = l.order_id "
        "WHERE l.variant_id = v.id AND o.created_at >= ?"
    )
    slow = one(
        db, f"SELECT COUNT(*) {ACTIVE} AND v.on_hand > 0 AND NOT EXISTS ({sold})", ago(days=90)
    )
    assert f"inventory: {slow} slow movers" in planted
    assert 0.07 < slow / one(db, f"SELECT COUNT(*) {ACTIVE}") < 0.13


def test_customer_service_planted(db: sqlite3.Connection) -> None:
    unanswered = "status = 'open' AND first_response_at IS NULL AND opened_at < ?"
    assert count(db, "tickets", unanswered, ago(hours=24)) == 4
    assert count(db, "tickets", unanswered, ago(hours=30)) == 4
    open_ = "status = 'open' AND category = ? AND opened_at < ?"
    assert count(db, "tickets", open_, "complaint", ago(hours=48)) == 2
    assert count(db, "tickets", open_, "refund_request", ago(days=5)) == 2
    assert count(db, "reviews", "rating <= 2 AND responded_at IS NULL") == 3
    by_email = "SELECT 1 FROM customers WHERE email IS NOT NULL GROUP BY lower(trim(email))"
    assert one(db, f"SELECT COUNT(*) FROM ({by_email} HAVING COUNT(*) > 1)") == 1
    by_phone = (
        "SELECT 1 FROM customers WHERE phone IS NOT NULL GROUP BY first_name, last_name, phone"
    )
    assert one(db, f"SELECT COUNT(*) FROM ({by_phone} HAVING COUNT(*) > 1)") == 1
    assert count(db, "tickets", "status = 'pending' AND follow_up_at < ?", ago()) == 3
    assert count(db, "tickets", "status IN ('solved', 'closed') AND resolution IS NULL") == 2


def test_fulfilment_planted(db: sqlite3.Connection) -> None:
    no_shipment = "NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id)"
    late = f"financial_status = 'paid' AND promised_ship_by < ? AND {no_shipment}"
    assert count(db, "orders o", late, ago()) == 3
    labelled = (
        "SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.label_created_at IS NOT NULL"
    )
    unlabelled = (
        "financial_status = 'paid' AND fulfillment_status = 'unfulfilled' AND created_at < ? "
        f"AND NOT EXISTS ({labelled})"
    )
    assert count(db, "orders o", unlabelled, ago(hours=24)) == 2
    assert count(db, "shipments", "shipped_at IS NOT NULL AND tracking_number IS NULL") == 2
    assert count(db, "shipments", "shipped_at IS NOT NULL AND notification_sent_at IS NULL") == 2
    assert count(db, "shipments", "status = 'in_transit' AND last_event_at < ?", ago(days=5)) == 3
    assert count(db, "shipments", "status = 'exception'") == 2
    assert count(db, "shipments", "invoiced_cost > label_cost * 1.15") == 3
    assert count(db, "shipments", "packed_at IS NOT NULL AND verified_at IS NULL") == 2


def test_returns_planted(db: sqlite3.Connection, planted: str) -> None:
    assert count(db, "returns", "status = 'requested' AND requested_at < ?", ago(days=2)) == 2
    assert count(db, "returns", "status = 'received' AND received_at < ?", ago(days=3)) == 2
    assert count(db, "returns", "status = 'inspected' AND inspected_at < ?", ago(days=2)) == 2
    not_restocked = "condition = 'new' AND disposition = 'restock' AND restocked = 0"
    assert count(db, "returns", not_restocked) == 2
    assert count(db, "returns", "condition = 'defective' AND disposition IS NULL") == 2
    assert count(db, "returns", "reason IS NULL") == 3
    received = "status IN ('received', 'inspected', 'refunded')"
    assert count(db, "returns", f"exchange = 1 AND exchange_order_id IS NULL AND {received}") == 1
    assert count(db, "returns", "exchange = 1 AND exchange_order_id IS NOT NULL") >= 1
    assert count(db, "returns", "customer_notified_at IS NULL") == 2
    returned = (
        "SELECT COALESCE(SUM(r.quantity), 0) FROM returns r "
        "JOIN variants rv ON rv.id = r.variant_id WHERE rv.product_id = p.id"
    )
    rates = db.execute(
        f"SELECT p.title, 1.0 * ({returned}) / SUM(l.quantity) FROM products p "
        "JOIN variants v ON v.product_id = p.id JOIN order_lines l ON l.variant_id = v.id "
        "GROUP BY p.id HAVING SUM(l.quantity) >= 20"
    ).fetchall()
    high = [title for title, rate in rates if rate >= 0.15]
    assert len(high) == 1 and f"'{high[0]}' has a" in planted


def test_marketing_planted(db: sqlite3.Connection) -> None:
    roas = db.execute(
        "SELECT c.name FROM campaigns c JOIN campaign_days d ON d.campaign_id = c.id "
        "WHERE c.status = 'active' AND d.day >= ? GROUP BY c.id "
        "HAVING SUM(d.revenue) / SUM(d.spend) < c.target_roas",
        (day(-14),),
    ).fetchall()
    assert roas == [("Meta - Prospecting",)]
    ending = "status = 'active' AND ends_on BETWEEN ? AND ?"
    assert count(db, "campaigns", ending, day(0), day(3)) == 1
    assert count(db, "campaigns", "starts_on > ? AND starts_on <= ?", day(0), day(14)) == 0
    assert count(db, "campaigns", "status = 'scheduled'") == 1
    assert count(db, "promotions", "active = 1 AND ends_at < ?", ago()) == 1


def test_analytics_planted(db: sqlite3.Connection, planted: str) -> None:
    revenue = dict(
        db.execute(
            "SELECT substr(created_at, 1, 10), SUM(total) FROM orders "
            "WHERE financial_status != 'voided' GROUP BY 1"
        ).fetchall()
    )
    baseline = sum(revenue[day(-1 - 7 * k)] for k in range(1, 5)) / 4
    assert 0.5 < revenue[day(-1)] / baseline < 0.7
    rates = dict(db.execute("SELECT day, 1.0 * orders / checkouts FROM traffic_days").fetchall())
    usual = sum(rates[day(-1 - k)] for k in range(1, 29)) / 28
    assert rates[day(-1)] < 0.75 * usual
    growth = db.execute(
        "SELECT p.title, SUM(CASE WHEN o.created_at >= ? THEN l.quantity ELSE 0 END) AS last, "
        "SUM(CASE WHEN o.created_at < ? THEN l.quantity ELSE 0 END) AS before "
        "FROM order_lines l JOIN orders o ON o.id = l.order_id "
        "JOIN variants v ON v.id = l.variant_id JOIN products p ON p.id = v.product_id "
        "WHERE o.created_at >= ? GROUP BY p.id HAVING before >= 20 AND last >= 2 * before",
        (ago(days=14), ago(days=14), ago(days=28)),
    ).fetchall()
    assert len(growth) == 1 and f"'{growth[0][0]}' sold {growth[0][1]} units" in planted


def test_finance_planted(db: sqlite3.Connection) -> None:
    captured = f"SELECT 1 FROM payments p WHERE p.order_id = o.id AND {CAPTURED}"
    assert count(db, "orders o", f"financial_status = 'paid' AND NOT EXISTS ({captured})") == 1
    paid = f"SELECT order_id, SUM(amount) AS paid FROM payments p WHERE {CAPTURED} GROUP BY 1"
    assert (
        count(db, f"orders o JOIN ({paid}) x ON x.order_id = o.id", "ABS(x.paid - o.total) > 0.001")
        == 1
    )
    assert count(db, "chargebacks", "status = 'open'") == 2
    assert count(db, "chargebacks", "status = 'open' AND respond_by <= ?", ago(days=-3)) == 1
    rates = dict(
        db.execute(
            f"SELECT processor, SUM(fee) / SUM(amount) FROM payments p WHERE {CAPTURED} GROUP BY 1"
        ).fetchall()
    )
    assert rates["paypal"] > rates["stripe"] + 0.005
    assert count(db, "variants", "price < cost * 1.15") == 3
    assert count(db, "variants", "price < cost") == 1
    assert count(db, "vendor_invoices", "status = 'open' AND due_on < ?", day(0)) == 2
    due_soon = "status = 'open' AND due_on BETWEEN ? AND ?"
    assert count(db, "vendor_invoices", due_soon, day(0), day(7)) == 2
    spent = (
        "SELECT COALESCE(SUM(e.amount), 0) FROM expenses e "
        "WHERE e.category = b.category AND e.incurred_on >= b.month"
    )
    over = db.execute(
        f"SELECT b.category FROM budgets b WHERE b.month = ? AND b.amount < ({spent})",
        (NOW.date().replace(day=1).isoformat(),),
    ).fetchall()
    assert over == [("advertising",)]
    assert count(db, "expenses", "recorded = 0") == 2


def test_website_planted(db: sqlite3.Connection) -> None:
    latest = one(db, "SELECT MAX(created_at) FROM backups")
    assert ago(days=4) < latest < ago(days=3)


def test_every_area_has_a_planted_problem_in_routine_order(
    built: tuple[Path, DemoSummary],
) -> None:
    areas = [line.split(":", 1)[0] for line in built[1].planted]
    assert set(areas) == set(AREAS)
    assert areas == sorted(areas, key=AREAS.index)


# -- tracking numbers -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number",
    ["1Z5R89390357567127", "1Z879E930346834440", "1Z410E7W0392751591", "1Z8V92A70367203024"],
)
def test_ups_check_digit_accepts_published_numbers(number: str) -> None:
    assert ups_check_digit_ok(number)
    assert not ups_check_digit_ok(corrupt_check_digit(number))


@pytest.mark.parametrize(
    "number",
    [
        "9400 1112 0108 0805 4830 16",
        "9505 5110 6960 5048 6006 24",
        "9361 2898 7870 0317 6337 95",
        "9405803699300124287899",
    ],
)
def test_usps_check_digit_accepts_published_numbers(number: str) -> None:
    assert usps_check_digit_ok(number)
    assert not usps_check_digit_ok(corrupt_check_digit(number))


def test_other_carriers_and_malformed_numbers() -> None:
    assert fedex_check_digit_ok("986578788855") and not fedex_check_digit_ok("996578788855")
    assert dhl_check_digit_ok("3318810025") and not dhl_check_digit_ok("3318810034")
    assert not ups_check_digit_ok("2Z5R89390357567127")
    assert not ups_check_digit_ok("1Z5R8939035756712")
    assert not usps_check_digit_ok("9200000000000000000000")
    assert tracking_number_ok("royal_mail", "RB123456785GB") is None
    assert tracking_number_ok("ups", None) is False


def test_generated_tracking_numbers_are_valid() -> None:
    import random

    numbers = TrackingNumbers(random.Random(1))
    for _ in range(2000):
        assert ups_check_digit_ok(numbers.ups("03")) and ups_check_digit_ok(numbers.ups("02"))
        assert usps_check_digit_ok(numbers.usps())
        assert fedex_check_digit_ok(numbers.fedex())
        assert dhl_check_digit_ok(numbers.dhl())
