"""The query helpers checks share: one-statement tally and rows agree with the two-query form."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from factories import NOW, make
from storeops import tables
from storeops.checks.queries import MAX_DETAILS, Tally, tally, tally_rows
from storeops.db import Store
from storeops.models import Order


@pytest.mark.parametrize("orders", [0, 1, 3, MAX_DETAILS + 7])
def test_tally_rows_equals_tally_and_the_capped_list(store: Store, orders: int) -> None:
    with store.writing() as s:
        for n in range(orders):
            make(s, Order, created_at=NOW - timedelta(hours=n), total=Decimal(f"{n}.25"))
        make(s, Order, created_at=NOW, total=Decimal("999.00"), fulfillment_status="fulfilled")
    condition = tables.Order.fulfillment_status == "unfulfilled"
    with store.reading() as session:
        found, rows = tally_rows(
            session,
            tables.Order,
            condition,
            order_by=(tables.Order.created_at, tables.Order.id),
            amount=tables.Order.total,
            moment=tables.Order.created_at,
        )
        expected = tally(
            session, condition, amount=tables.Order.total, moment=tables.Order.created_at
        )
        listed = session.execute(
            select(tables.Order)
            .where(condition)
            .order_by(tables.Order.created_at, tables.Order.id)
            .limit(MAX_DETAILS)
        ).all()
    assert found == expected
    assert [order.id for order in rows] == [order.id for order in listed]
    assert len(rows) == min(orders, MAX_DETAILS)  # the count is over all, the rows are capped
    if orders:
        assert found.count == orders
        assert found.amount == sum(Decimal(f"{n}.25") for n in range(orders))
        assert found.oldest == NOW - timedelta(hours=orders - 1)
    else:
        assert found == Tally(0, Decimal("0.00"), None)


def test_tally_rows_without_amount_or_moment(store: Store) -> None:
    with store.writing() as s:
        make(s, Order, total=Decimal("5.00"))
    with store.reading() as session:
        found, rows = tally_rows(
            session, tables.Order, tables.Order.id > 0, order_by=(tables.Order.id,)
        )
    assert found == Tally(1, Decimal("0.00"), None)
    assert len(rows) == 1
