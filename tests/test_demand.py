"""Units sold per SKU over intervals: the rollup plus the cut edge days equals the raw lines."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime, timedelta
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from factories import make
from storeops import tables
from storeops.db import open_store
from storeops.inventory.rollup import refresh_sales_rollup
from storeops.metrics import demand
from storeops.models import Order, OrderLine, Product, Variant

START = datetime(2026, 11, 20, tzinfo=UTC)
HOURS = 24 * 6  # orders and bounds fall within six days

SALE = st.tuples(
    st.integers(0, HOURS * 60 - 1),  # minutes after START
    st.integers(0, 2),  # which of three SKUs
    st.integers(1, 5),  # quantity
    st.sampled_from(["paid", "paid", "voided", "cancelled"]),
)
# Bounds anywhere, or on UTC midnights: several intervals of whole days are read from the
# rollup in one range, with the cut days of the others in between.
BOUND = st.one_of(st.integers(0, HOURS * 60), st.integers(0, HOURS // 24).map(lambda d: d * 1440))
BOUNDS = st.lists(BOUND, min_size=2, max_size=5, unique=True).map(sorted)


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


@settings(max_examples=40, deadline=None)
@given(sales=st.lists(SALE, max_size=25), bounds=BOUNDS, since=st.integers(0, HOURS * 60))
def test_intervals_and_sold_since_match_the_raw_lines(
    sales: list[tuple[int, int, int, str]], bounds: list[int], since: int
) -> None:
    store = open_store("sqlite://")
    try:
        with store.writing() as s:
            product = make(s, Product)
            variants = [make(s, Variant, product_id=product.id) for _ in range(3)]
            for minute, which, quantity, state in sales:
                order = make(
                    s,
                    Order,
                    created_at=at(minute),
                    financial_status="voided" if state == "voided" else "paid",
                    cancelled_at=at(minute) if state == "cancelled" else None,
                )
                make(
                    s,
                    OrderLine,
                    order_id=order.id,
                    variant_id=variants[which].id,
                    quantity=quantity,
                )
            refresh_sales_rollup(s)
        expected: dict[int, list[int]] = defaultdict(lambda: [0] * (len(bounds) - 1))
        sold_after: set[int] = set()
        for minute, which, quantity, state in sales:
            if state != "paid":
                continue
            variant_id = int(variants[which].id or 0)
            if minute >= since:
                sold_after.add(variant_id)
            for i, (low, high) in enumerate(pairwise(bounds)):
                if low <= minute < high:
                    expected[variant_id][i] += quantity
        parts = demand.units_by_interval([at(b) for b in bounds])
        with store.reading() as session:
            got = {int(row[0]): list(row[1:]) for row in session.execute(select(parts))}
            recent = set(
                session.scalars(select(tables.Variant.id).where(demand.sold_since(at(since))))
            )
        # Only SKUs with a sale in some interval appear.
        assert got == {v: units for v, units in expected.items() if any(units)}
        assert recent == sold_after
    finally:
        store.close()
