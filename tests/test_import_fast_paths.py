"""The import's fast paths give exactly what the full paths they short-cut give.

Each fast path (a cached amount, a status word mapped once, a flag word already in normal
form, SQLite look-ups and inserts straight through the driver) is compared here with the
reference it replaces: the clean-up code of `values`, and SQLAlchemy's own queries.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from storeops.db import Store
from storeops.importers import shopify_orders, upsert, values
from storeops.importers.problems import CellError
from storeops.importers.summary import ImportSummary

# Cells as exports and spreadsheets write them: words, amounts, apostrophes, blanks.
CELL = st.one_of(
    st.text(alphabet=" '\t,.-+0123456789eEaPpYyNnTtrRuUfFlsSo_", max_size=12),
    st.sampled_from(
        ["", " ", "yes", "YES", " no ", "1", "0", "y", "'12", "1,234.50", "12.5", "-3", "paid"]
    ),
)


def reference_optional_text(value: str) -> str | None:
    """optional_text before its fast path."""
    return values.text(value) or None


def reference_flag(value: str) -> bool:
    """flag before its fast path."""
    cleaned = values.text(value).lower()
    if cleaned in {"true", "yes", "y", "1"}:
        return True
    if cleaned in {"false", "no", "n", "0", ""}:
        return False
    raise CellError("column", "not a flag")


def outcome(read: Any, value: str) -> tuple[str, Any]:
    """What a cell reader returns, or that it refuses the cell."""
    try:
        return ("value", read(value))
    except CellError:
        return ("refused", None)


@settings(max_examples=300, deadline=None)
@given(value=CELL)
def test_text_and_flag_fast_paths_equal_the_full_clean_up(value: str) -> None:
    assert values.optional_text(value) == reference_optional_text(value)
    assert outcome(lambda cell: values.flag("column", cell), value) == outcome(
        reference_flag, value
    )


def test_an_amount_too_large_for_cents_is_a_cell_error_not_a_crash() -> None:
    with pytest.raises(CellError, match='"1E100" is too large for an amount'):
        values.money("Total", "1E100")


@settings(max_examples=300, deadline=None)
@given(value=CELL)
@example(value="1E100")
def test_a_cached_amount_is_the_parsed_amount(value: str) -> None:
    reference = outcome(lambda cell: values._parse_money("Total", cell), value)
    expected = (
        ("value", Decimal("0.00")) if reference == ("value", None) else reference
    )  # money() reads an empty cell as its default
    first = outcome(lambda cell: values.money("Total", cell), value)
    again = outcome(lambda cell: values.money("Total", cell), value)  # from the cache now
    assert first == again == expected
    if expected[0] == "value":
        assert str(first[1]) == str(expected[1])  # the same digits, not only an equal number


@settings(max_examples=200, deadline=None)
@given(value=st.one_of(CELL, st.sampled_from(["Paid", " paid ", "PARTIALLY PAID", "expired"])))
def test_status_words_mapped_once_equal_choice(value: str) -> None:
    def reference(cell: str) -> str:
        return values.choice("Financial Status", cell, shopify_orders.FINANCIAL, "pending")

    assert outcome(shopify_orders._financial, value) == outcome(reference, value)
    assert outcome(shopify_orders._financial, value) == outcome(reference, value)


def test_an_unknown_status_word_is_reported_every_time() -> None:
    for _ in range(2):  # a refusal is not remembered as an answer
        with pytest.raises(CellError, match='unknown value "sort-of-paid"'):
            shopify_orders._financial("sort-of-paid")


OFFSETS = st.sampled_from([UTC, timezone(timedelta(hours=-7)), timezone(timedelta(hours=5.5))])


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(
        min_value=datetime(1990, 1, 1), max_value=datetime(2090, 1, 1), timezones=OFFSETS
    )
)
def test_stored_times_are_written_as_the_dialect_writes_them(moment: datetime) -> None:
    from storeops.models.types import UTCDateTime

    stored_time = upsert._sqlite_value(UTCDateTime())
    assert stored_time is not None
    naive = moment.astimezone(UTC).replace(tzinfo=None)
    assert stored_time(moment) == naive.isoformat(sep=" ", timespec="microseconds")


def order_row(number: int, **changes: Any) -> dict[str, Any]:
    """A row of the orders table with amounts, times, a flag and NULLs."""
    row: dict[str, Any] = {
        "source": "shopify",
        "external_id": str(5000 + number),
        "number": f"#{1000 + number}",
        "email": None if number % 3 else f"c{number}@example.com",
        "created_at": datetime(
            2025, 4, 1, 17, number % 60, 52, tzinfo=timezone(timedelta(hours=-7))
        ),
        "cancelled_at": None if number % 2 else datetime(2025, 4, 3, tzinfo=UTC),
        "financial_status": "paid",
        "subtotal": Decimal("40.00") + number,
        "total": Decimal("48.20"),
        "discount": Decimal("-0.00") if number == 2 else Decimal("0.00"),
        "express": number % 2 == 0,
        "ship_zip": "02139",
    }
    row.update(changes)
    return row


def raw_rows(store: Store, name: str) -> list[tuple[Any, ...]]:
    """A table's rows as SQLite stores them, without any type conversion."""
    path = store.url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT * FROM {name} ORDER BY id").fetchall()


def test_inserting_through_the_driver_stores_what_sqlalchemy_stores(
    store: Store, tmp_path: Path
) -> None:
    from storeops.db import open_store

    rows = [order_row(number) for number in range(1, 8)]
    reference = open_store(f"sqlite:///{tmp_path / 'reference.db'}")
    with store.writing() as session:
        upsert.insert_rows(session.connection(), upsert.table("orders"), rows)
    with reference.writing() as session:
        session.connection().execute(upsert.table("orders").insert(), rows)

    assert raw_rows(store, "orders") == raw_rows(reference, "orders")
    reference.close()


def test_stored_rows_through_the_driver_equal_sqlalchemy_rows(store: Store) -> None:
    orders = upsert.table("orders")
    with store.writing() as session:
        session.connection().execute(orders.insert(), [order_row(n) for n in range(1, 30)])
    columns = [column.name for column in orders.c]
    keys = [str(5000 + number) for number in range(0, 40, 2)]
    with store.reading() as session:
        connection = session.connection()
        fast = upsert.stored_rows(
            connection,
            orders,
            columns,
            "external_id",
            keys,
            {"source": "shopify"},
            order_by=("id",),
        )
        query = (
            select(*orders.c)
            .where(orders.c.external_id.in_(keys), orders.c.source == "shopify")
            .order_by(orders.c.id)
        )
        reference = [tuple(row) for row in connection.execute(query)]
        composite = upsert.stored_rows(
            connection, orders, ["id"], ("source", "number"), [("shopify", "#1003")], {}
        )
        nothing = upsert.stored_rows(connection, orders, ["id"], "external_id", [], {})

    assert len(fast) == 14
    assert fast == reference
    assert [[type(value) for value in row] for row in fast] == [
        [type(value) for value in row] for row in reference
    ]
    assert composite == [(3,)]
    assert nothing == []


def test_a_changed_row_updates_and_on_insert_columns_set_new_rows_only(store: Store) -> None:
    orders = upsert.table("orders")
    summary = ImportSummary("shopify", "orders", Path("orders.csv"))
    # "note" is not among the rows' columns; "tags" is, and on_insert wins for new rows.
    first_seen = {"note": "first seen", "tags": "new"}
    with store.writing() as session:
        upsert.upsert(
            session.connection(), orders, "external_id",
            [order_row(1, tags=""), order_row(2, tags="")], summary, "orders",
            on_insert=first_seen,
        )  # fmt: skip
    with store.writing() as session:
        ids = upsert.upsert(
            session.connection(), orders, "external_id",
            [order_row(1, tags="new"), order_row(2, tags="new", total=Decimal("50.00")),
             order_row(3, tags="")],
            summary, "orders", on_insert=first_seen,
        )  # fmt: skip

    assert summary.created["orders"] == 3
    assert (summary.updated["orders"], summary.unchanged["orders"]) == (1, 1)
    assert ids == {"5001": 1, "5002": 2, "5003": 3}
    stored = {row[2]: row for row in raw_rows(store, "orders")}
    assert [stored[key][13:15] for key in ("5001", "5002", "5003")] == [
        ("new", "first seen"),
        ("new", "first seen"),
        ("new", "first seen"),
    ]
    assert (stored["5001"][20], stored["5002"][20]) == (48.2, 50)
