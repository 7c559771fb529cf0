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
from sqlalchemy import Numeric, select

from storeops.db import Store
from storeops.importers import shopify_orders, stored, upsert, values
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


@pytest.mark.parametrize("cell", ["²", "3²", "½"])
def test_a_digit_that_is_not_a_number_is_a_cell_error_not_a_crash(cell: str) -> None:
    with pytest.raises(CellError, match=f'"{cell}" is not a whole number'):
        values.count("Lineitem quantity", cell)


@settings(max_examples=300, deadline=None)
@given(value=st.text(max_size=6))
@example(value="²")
@example(value="٣")
def test_a_count_is_a_whole_number_or_a_cell_error(value: str) -> None:
    try:
        got = values.count("Quantity", value)
    except CellError:
        return  # a line naming the cell, never a traceback
    assert got == int(values.text(value).replace(",", "") or 0)


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


# The CSV orders mapping builds rows in stored form (times as UTC text, amounts as text)
# directly. Its reference: the mapping to Python values it replaced, kept here, whose values
# were stored through the dialect's own conversions.
def reference_order_values(cells: tuple[str, ...]) -> dict[str, Any]:
    """The orders mapping to Python values, as it was before the stored-form mapping."""
    (name, order_id, email, created, cancelled, financial, fulfillment, risk, tags, notes,
     currency, subtotal, shipping, taxes, discount, total, discount_code, channel,
     shipping_method, ship_name, ship_address1, ship_city, ship_province, ship_zip,
     ship_country) = cells  # fmt: skip
    name = name.strip()
    created_at = values.timestamp("Created at", created)
    if created_at is None:
        raise CellError("Created at", "the order's first row has no creation time")
    money = values.money
    return {
        "source": "shopify",
        "external_id": order_id.strip() or name,
        "number": name,
        "email": email.strip().lower() or None,
        "created_at": created_at,
        "cancelled_at": values.timestamp("Cancelled at", cancelled),
        "financial_status": values.choice(
            "Financial Status", financial, shopify_orders.FINANCIAL, "pending"
        ),
        "fulfillment_status": values.choice(
            "Fulfillment Status", fulfillment, shopify_orders.FULFILLMENT, "unfulfilled"
        ),
        "risk": values.choice("Risk Level", risk, shopify_orders.RISK, "low"),
        "tags": tags.strip(),
        "note": notes.strip(),
        "currency": currency.strip() or "USD",
        "subtotal": money("Subtotal", subtotal),
        "shipping": money("Shipping", shipping),
        "tax": money("Taxes", taxes),
        "discount": money("Discount Amount", discount),
        "total": money("Total", total),
        "discount_code": discount_code.strip() or None,
        "channel": channel.strip() or "web",
        "shipping_method": shipping_method.strip() or None,
        "ship_name": ship_name.strip() or None,
        "ship_address1": ship_address1.strip() or None,
        "ship_city": ship_city.strip() or None,
        "ship_province": ship_province.strip() or None,
        "ship_zip": values.optional_text(ship_zip),
        "ship_country": ship_country.strip() or None,
    }


def reference_line_values(cells: tuple[str, ...]) -> dict[str, Any]:
    """The order line mapping to Python values, as it was before."""
    quantity_cell, status, sku, title, price, discount = cells
    quantity = values.count("Lineitem quantity", quantity_cell, default=None)
    fulfilled = status.strip().lower() == "fulfilled"
    return {
        "sku": values.code("Lineitem sku", sku),
        "title": title.strip(),
        "quantity": quantity,
        "price": values.money("Lineitem price", price),
        "discount": values.money("Lineitem discount", discount),
        "fulfilled_quantity": quantity if fulfilled else 0,
    }


def reference_customer_values(cells: tuple[str, ...], email: str, created: Any) -> dict[str, Any]:
    """The customer mapping to Python values, as it was before."""
    billing_name, phone, billing_phone, accepts_marketing = cells
    first, _, last = values.text(billing_name).partition(" ")
    return {
        "email": email,
        "first_name": first,
        "last_name": last,
        "phone": values.optional_text(phone) or values.optional_text(billing_phone),
        "accepts_marketing": values.flag("Accepts Marketing", accepts_marketing),
        "created_at": created,
    }


def stored_outcome(read: Any, cells: Any) -> tuple[str, Any]:
    """What a mapping returns, or the column of the cell it refuses."""
    try:
        return ("value", read(cells))
    except CellError as problem:
        return ("refused", problem.column)


def as_stored(name: str, columns: tuple[str, ...], mapped: dict[str, Any]) -> tuple[Any, ...]:
    """Python values as the dialect stores them, in `columns` order."""
    converters = stored.stored_converters(upsert.table(name), list(columns))
    return stored.to_stored(converters, tuple(mapped[column] for column in columns))


TIME_CELL = st.one_of(
    CELL,
    st.sampled_from(
        ["2025-04-01 17:18:52 -0700", "2025-04-01T17:18:52+05:30", " 2025-01-01 00:00:00 +0000",
         "2025-04-01 17:18:52Z", "2025-04-01 17:18:52", "2025-12-31 23:59:59.250000 -0100"]
    ),
)  # fmt: skip
STATUS_CELL = st.one_of(CELL, st.sampled_from(["Paid", "fulfilled", " Low", "expired", "high"]))
ORDER_CELLS = st.tuples(
    CELL, CELL, CELL, TIME_CELL, st.one_of(st.just(""), TIME_CELL), STATUS_CELL, STATUS_CELL,
    STATUS_CELL, *[CELL] * 3, *[CELL] * 5, *[CELL] * 9,
)  # fmt: skip


@settings(max_examples=400, deadline=None)
@given(cells=ORDER_CELLS)
@example(cells=("#1001", "", "A@B.c", "2025-04-01 17:18:52 -0700", "", "paid", "", "", "", "",
                "", "-0.00", "1,234.5", "'12", "", "3", "", "", "", "", "", "", "", "'02139",
                ""))  # fmt: skip
def test_orders_mapped_to_stored_form_equal_the_python_values_stored(
    cells: tuple[str, ...],
) -> None:
    reference = stored_outcome(
        lambda c: as_stored("orders", shopify_orders.ORDER_COLUMNS, reference_order_values(c)),
        cells,
    )
    assert stored_outcome(shopify_orders._stored_order, cells) == reference


@settings(max_examples=400, deadline=None)
@given(cells=st.tuples(CELL, STATUS_CELL, CELL, CELL, CELL, CELL))
@example(cells=("2", " Fulfilled ", "8.72E+12", " Mug ", "12.5", ""))
def test_lines_mapped_to_stored_form_equal_the_python_values_stored(
    cells: tuple[str, ...],
) -> None:
    reference = stored_outcome(
        lambda c: as_stored("order_lines", shopify_orders.LINE_COLUMNS, reference_line_values(c)),
        cells,
    )
    for _ in range(2):  # the second time from the memo of SKU cells
        assert stored_outcome(shopify_orders._stored_line, cells) == reference


@settings(max_examples=300, deadline=None)
@given(cells=st.tuples(CELL, CELL, CELL, CELL))
def test_customers_mapped_to_stored_form_equal_the_python_values_stored(
    cells: tuple[str, ...],
) -> None:
    created = datetime(2025, 4, 1, 17, 18, 52, tzinfo=UTC)
    stored_created = "2025-04-01 17:18:52.000000"
    reference = stored_outcome(
        lambda c: as_stored(
            "customers",
            shopify_orders.CUSTOMER_COLUMNS,
            reference_customer_values(c, "a@example.com", created),
        ),
        cells,
    )
    mapped = stored_outcome(
        lambda c: shopify_orders._stored_customer(c, "a@example.com", stored_created), cells
    )
    assert mapped == reference


def test_rows_upserted_in_stored_form_are_stored_and_counted_as_python_values_are(
    store: Store, tmp_path: Path
) -> None:
    from storeops.db import open_store

    orders = upsert.table("orders")
    columns = list(order_row(1))
    converters = stored.stored_converters(orders, columns)
    reference = open_store(f"sqlite:///{tmp_path / 'reference.db'}")
    first = [order_row(number) for number in range(1, 8)]
    # Unchanged rows, rows changed in one amount or time, and rows new to the store.
    second = [
        order_row(1),
        order_row(2, discount=Decimal("0.00")),  # -0.00 stored before: the same amount
        order_row(3, total=Decimal("48.21")),
        order_row(4, created_at=datetime(2025, 4, 1, 17, 4, 53, tzinfo=UTC)),
        order_row(5, subtotal=Decimal("45")),  # 45.00 stored before: the same amount
        order_row(6, cancelled_at=None),
        order_row(9),
    ]
    counts = []
    for target in (store, reference):
        summary = ImportSummary("shopify", "orders", Path("orders.csv"))
        for rows in (first, second):
            with target.writing() as session:
                connection = session.connection()
                if target is store:
                    ids = stored.upsert_stored(
                        connection, orders, "external_id", columns,
                        [stored.to_stored(converters, tuple(row.values())) for row in rows],
                        summary, "orders", {"source": "shopify"},
                    )  # fmt: skip
                else:
                    ids = upsert.upsert(
                        connection, orders, "external_id", rows, summary, "orders",
                        {"source": "shopify"},
                    )  # fmt: skip
        counts.append((dict(summary.created), dict(summary.updated), dict(summary.unchanged), ids))

    assert counts[0] == counts[1]
    assert counts[0][:3] == ({"orders": 8}, {"orders": 3}, {"orders": 3})
    assert raw_rows(store, "orders") == raw_rows(reference, "orders")
    reference.close()


def test_a_time_stored_in_another_spelling_is_unchanged_not_rewritten(store: Store) -> None:
    orders = upsert.table("orders")
    columns = list(order_row(1))
    row = stored.to_stored(stored.stored_converters(orders, columns), tuple(order_row(1).values()))
    summary = ImportSummary("shopify", "orders", Path("orders.csv"))
    with store.writing() as session:
        connection = session.connection()
        stored.upsert_stored(connection, orders, "external_id", columns, [row], summary, "orders")
        # Another writer stored the same instant without microseconds.
        connection.exec_driver_sql("UPDATE orders SET created_at = '2025-04-02 00:01:52'")
        stored.upsert_stored(connection, orders, "external_id", columns, [row], summary, "orders")

    assert (summary.created["orders"], summary.unchanged["orders"]) == (1, 1)
    assert summary.updated["orders"] == 0
    assert raw_rows(store, "orders")[0][6] == "2025-04-02 00:01:52"


@settings(max_examples=200, deadline=None)
@given(value=CELL)
def test_stored_amount_text_and_time_text_equal_the_dialect_conversion(value: str) -> None:
    from storeops.models.types import UTCDateTime

    as_text = upsert._sqlite_value(Numeric(12, 2))
    as_time = upsert._sqlite_value(UTCDateTime())
    assert as_text is not None and as_time is not None
    assert outcome(lambda cell: values.money_text("Total", cell), value) == outcome(
        lambda cell: as_text(values.money("Total", cell)), value
    )
    assert outcome(lambda cell: values.stored_timestamp("Created at", cell), value) == outcome(
        lambda cell: as_time(values.timestamp("Created at", cell)), value
    )


SHOPIFY_TIME = st.builds(
    lambda moment, offset: moment.strftime("%Y-%m-%d %H:%M:%S ") + offset,
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.one_of(
        st.sampled_from(["-0700", "+0000", "-0000", "+0530", "+2359", "+2400", "-0060", "+07:00"]),
        st.text(alphabet="+-0123456789 Z", min_size=5, max_size=5),
    ),
)


@settings(max_examples=400, deadline=None)
@given(value=SHOPIFY_TIME)
@example(value="0001-01-01 00:00:00 +0100")
@example(value="2025-02-30 10:00:00 -0700")
def test_shopify_times_read_on_the_fast_path_equal_the_full_reading(value: str) -> None:
    from storeops.models.types import UTCDateTime

    as_time = upsert._sqlite_value(UTCDateTime())
    assert as_time is not None

    def reference(cell: str) -> Any:
        try:
            return as_time(values.timestamp("Created at", cell))
        except OverflowError:
            return "overflow"

    def fast(cell: str) -> Any:
        try:
            return values.stored_timestamp("Created at", cell)
        except OverflowError:
            return "overflow"

    assert outcome(fast, value) == outcome(reference, value)


def test_shopify_times_take_the_fast_path(monkeypatch: pytest.MonkeyPatch) -> None:
    def full_reading(column: str, value: str) -> None:
        raise AssertionError("the full reading was used")

    monkeypatch.setattr(values, "timestamp", full_reading)
    assert values.stored_timestamp("Created at", "2025-04-01 17:18:52 -0700") == (
        "2025-04-02 00:18:52.000000"
    )
    assert values.stored_timestamp("Created at", "2025-04-01 17:18:52 +0530") == (
        "2025-04-01 11:48:52.000000"
    )
